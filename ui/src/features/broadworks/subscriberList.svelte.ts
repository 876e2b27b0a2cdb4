// The status view's rows: one query at a time, paged in as the table
// scrolls, with the counts per status the first page brings. A new query
// replaces the rows only when its first page arrives, so typing never
// flashes an empty table.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { StatusCount } from "../../lib/bindings/StatusCount";
import type { SubscriberQuery } from "../../lib/bindings/SubscriberQuery";
import type { SubscriberRow } from "../../lib/bindings/SubscriberRow";
import { backend, toApiError } from "../../lib/backend";
import { PageCache } from "../../lib/pageCache";

const PAGE_SIZE = 100;
const MAX_PAGES = 40;

export type ViewQuery = Omit<SubscriberQuery, "offset" | "limit">;

export class SubscriberList {
  total = $state<number | null>(null);
  /** Bumped whenever rows arrive: read it to redraw. */
  version = $state(0);
  counts = $state<StatusCount[]>([]);
  error = $state<ApiError | null>(null);

  private current: PageCache<SubscriberRow> | null = null;
  private latest: PageCache<SubscriberRow> | null = null;

  search(query: ViewQuery): void {
    const cache: PageCache<SubscriberRow> = new PageCache<SubscriberRow>({
      fetchPage: async (offset, limit) => {
        const page = await backend.broadworksSubscribers({ ...query, offset, limit });
        if (cache === this.latest) this.counts = page.counts;
        return page;
      },
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      onChange: () => this.arrived(cache),
      onError: (reason) => {
        if (cache === this.latest) this.error = toApiError(reason);
      },
    });
    this.latest = cache;
    this.error = null;
    cache.ensure(0, PAGE_SIZE);
  }

  get(index: number): SubscriberRow | undefined {
    return this.current?.get(index);
  }

  ensure(start: number, end: number): void {
    this.current?.ensure(start, end);
  }

  private arrived(cache: PageCache<SubscriberRow>): void {
    if (cache === this.latest && cache !== this.current) this.current = cache;
    if (cache !== this.current) return;
    this.total = cache.total;
    this.version++;
  }
}
