// The users table's data: one search (org, text, order, filters) at a
// time, paged in from the backend as the table scrolls. A new search loads its first page in
// the background and replaces the old rows only when it arrives, so typing
// never flashes an empty table.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { PeopleFilter } from "../../lib/bindings/PeopleFilter";
import type { PeopleSort } from "../../lib/bindings/PeopleSort";
import type { PersonRow } from "../../lib/bindings/PersonRow";
import { backend, toApiError } from "../../lib/backend";
import { PageCache } from "../../lib/pageCache";
import { findRowIndex } from "./rowOrder";
import { DEFAULT_SORT, NO_FILTER } from "./tableQuery";

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
  shownSort = $state<PeopleSort>(DEFAULT_SORT);
  shownFilter = $state<PeopleFilter>(NO_FILTER);

  private current: PageCache<PersonRow> | null = null;
  private latest: PageCache<PersonRow> | null = null;

  constructor(private readonly onReplaced: () => void) {}

  search(orgId: string, text: string, sort: PeopleSort = DEFAULT_SORT, filter: PeopleFilter = NO_FILTER): void {
    const cache: PageCache<PersonRow> = new PageCache<PersonRow>({
      fetchPage: (offset, limit) => backend.searchPeople({ orgId, text, sort, filter, offset, limit }),
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      onChange: () => this.arrived(cache, { orgId, text, sort, filter }),
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
   * are not among them or the rows are not in name order (only that order
   * can be bisected). Rows the table has loaded answer without a request. */
  async indexOf(person: Pick<PersonRow, "displayName" | "id">): Promise<number | null> {
    const cache = this.current;
    const orgId = this.shownOrgId;
    const { shownText: text, shownSort: sort, shownFilter: filter } = this;
    if (!cache || cache.total === null || orgId === null || sort.key !== "name") return null;
    const rowAt = async (index: number) =>
      cache.get(index) ??
      (await backend.searchPeople({ orgId, text, sort, filter, offset: index, limit: 1 })).rows[0];
    return findRowIndex(person, cache.total, rowAt, sort.descending);
  }

  private arrived(
    cache: PageCache<PersonRow>,
    shown: { orgId: string; text: string; sort: PeopleSort; filter: PeopleFilter },
  ): void {
    if (cache === this.latest && cache !== this.current) {
      this.current = cache;
      this.shownText = shown.text;
      this.shownOrgId = shown.orgId;
      this.shownSort = shown.sort;
      this.shownFilter = shown.filter;
      this.onReplaced();
    }
    if (cache !== this.current) return;
    this.total = cache.total;
    this.version++;
  }
}
