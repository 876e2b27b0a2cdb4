// The Calling screen's list: the users of the report a query finds (a
// reason, or all; typed text), paged in from the backend's cache as the
// table scrolls. A new query, or the report read again, loads its rows in
// the background and replaces the old ones only when they are in, so
// choosing a reason or typing never flashes an empty table, and a fix does
// not blank the rows around the selection.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { CallingUserQuery } from "../../lib/bindings/CallingUserQuery";
import { backend, toApiError } from "../../lib/backend";
import { PageCache } from "../../lib/pageCache";

/** Rows a calling_users call asks for (the backend takes at most 500). */
export const PAGE_SIZE = 100;
// 40 pages of 100 rows: enough to scroll back and forth, small enough that
// the tens of thousands of a large org do not sit in memory.
const MAX_PAGES = 40;

interface Listing {
  orgId: string;
  query: CallingUserQuery;
  /** The report's version (CallingReports.version) the rows are read from. */
  version: number;
  /** The rows to have before this listing replaces the one showing. */
  start: number;
  end: number;
  cache: PageCache<CallingUser>;
}

export class CallingUserList {
  /** Users the query showing finds, or null before its first rows. */
  total = $state<number | null>(null);
  /** Bumped whenever rows arrive: read it to redraw. */
  rows = $state(0);
  error = $state<ApiError | null>(null);
  /** The org and query whose rows are showing. A new object only when
   * they change, not when the same query is read again. */
  shown = $state.raw<{ orgId: string; query: CallingUserQuery } | null>(null);

  private current: Listing | null = null;
  private latest: Listing | null = null;
  /** The rows the table draws. */
  private start = 0;
  private end = PAGE_SIZE;

  /** Lists what `query` finds in the org's report as read at `version`;
   * nothing is read again when all three are what was asked last. */
  show(orgId: string, query: CallingUserQuery, version: number): void {
    const last = this.latest;
    if (last && last.orgId === orgId && sameQuery(last.query, query) && last.version === version) return;
    if (this.current && this.current.orgId !== orgId) {
      // Another org's rows mean nothing here, even for a moment.
      this.current = null;
      this.total = null;
      this.shown = null;
      this.rows++;
    }
    // The same query read again keeps the rows in view; another one starts
    // from the top.
    const again = this.current !== null && sameQuery(this.current.query, query);
    const [start, end] = again ? [this.start, this.end] : [0, Math.max(PAGE_SIZE, this.end - this.start)];
    const listing: Listing = {
      orgId,
      query,
      version,
      start,
      end,
      cache: new PageCache<CallingUser>({
        fetchPage: async (offset, limit) => {
          const page = await backend.callingUsers(orgId, query, offset, limit);
          return { total: page.total, offset: page.offset, rows: page.users };
        },
        pageSize: PAGE_SIZE,
        maxPages: MAX_PAGES,
        onChange: () => this.arrived(listing),
        onError: (reason) => {
          if (listing === this.latest) this.error = toApiError(reason);
        },
      }),
    };
    this.latest = listing;
    this.error = null;
    listing.cache.ensure(start, end);
  }

  /** The row at an index, or undefined while its page is loading. */
  get(index: number): CallingUser | undefined {
    return this.current?.cache.get(index);
  }

  /** The table is about to draw rows [start, end). */
  ensure(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.current?.cache.ensure(start, end);
  }

  private arrived(listing: Listing): void {
    if (listing === this.latest && listing !== this.current) {
      if (!listing.cache.has(listing.start, listing.end)) return;
      const again = this.current !== null && this.current.orgId === listing.orgId && sameQuery(this.current.query, listing.query);
      this.current = listing;
      if (!again) this.shown = { orgId: listing.orgId, query: listing.query };
      // Rows scrolled to while it loaded.
      if (again) listing.cache.ensure(this.start, this.end);
    }
    if (listing !== this.current) return;
    this.total = listing.cache.total;
    this.rows++;
  }
}

export function sameQuery(a: CallingUserQuery, b: CallingUserQuery): boolean {
  return a.reason === b.reason && a.text === b.text;
}
