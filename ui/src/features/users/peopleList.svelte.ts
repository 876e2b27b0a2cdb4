// The users table's data: one search (org + text) at a time, paged in from
// the backend as the table scrolls. A new search loads its first page in
// the background and replaces the old rows only when it arrives, so typing
// never flashes an empty table.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { PersonRow } from "../../lib/bindings/PersonRow";
import { backend, toApiError } from "../../lib/backend";
import { PageCache } from "./pageCache";
import { findRowIndex } from "./rowOrder";

const PAGE_SIZE = 100;
// 40 pages of 100 rows: enough for fast scrolling back and forth, small
// enough that a 100,000-user org does not sit in memory.
const MAX_PAGES = 40;

export class PeopleList {
  /** Rows matching the current search, or null before its first page. */
  total = $state<number | null>(null);
  /** Bumped whenever rows arrive: read it to redraw. */
  version = $state(0);
  error = $state<ApiError | null>(null);
  /** The search whose rows are showing. */
  shownText = $state("");
  shownOrgId = $state<string | null>(null);

  private current: PageCache<PersonRow> | null = null;
  private latest: PageCache<PersonRow> | null = null;

  constructor(private readonly onReplaced: () => void) {}

  search(orgId: string, text: string): void {
    const cache: PageCache<PersonRow> = new PageCache<PersonRow>({
      fetchPage: (offset, limit) => backend.searchPeople({ orgId, text, offset, limit }),
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      onChange: () => this.arrived(cache, orgId, text),
      onError: (reason) => {
        if (cache === this.latest) this.error = toApiError(reason);
      },
    });
    this.latest = cache;
    this.error = null;
    cache.ensure(0, PAGE_SIZE);
  }

  get(index: number): PersonRow | undefined {
    return this.current?.get(index);
  }

  ensure(start: number, end: number): void {
    this.current?.ensure(start, end);
  }

  /** The row index of a person among the rows showing, or null when they
   * are not among them. Rows the table has loaded answer without a request. */
  async indexOf(person: Pick<PersonRow, "displayName" | "id">): Promise<number | null> {
    const cache = this.current;
    const orgId = this.shownOrgId;
    const text = this.shownText;
    if (!cache || cache.total === null || orgId === null) return null;
    const rowAt = async (index: number) =>
      cache.get(index) ?? (await backend.searchPeople({ orgId, text, offset: index, limit: 1 })).rows[0];
    return findRowIndex(person, cache.total, rowAt);
  }

  private arrived(cache: PageCache<PersonRow>, orgId: string, text: string): void {
    if (cache === this.latest && cache !== this.current) {
      this.current = cache;
      this.shownText = text;
      this.shownOrgId = orgId;
      this.onReplaced();
    }
    if (cache !== this.current) return;
    this.total = cache.total;
    this.version++;
  }
}
