// What the users table asks the backend for besides the search text: its
// order and its filters, and what the table area shows for the answer.

import type { PeopleFilter } from "../../lib/bindings/PeopleFilter";
import type { PeopleSort } from "../../lib/bindings/PeopleSort";
import type { SortKey } from "../../lib/bindings/SortKey";
import type { UserColumn } from "./columns";

export const DEFAULT_SORT: PeopleSort = { key: "name", descending: false };

export const NO_FILTER: PeopleFilter = { status: null, license: null, location: null, calling: false };

/** The order a column's header sorts by; null for a column that does not sort. */
export function sortKeyOf(column: UserColumn["id"]): SortKey | null {
  switch (column) {
    case "name":
    case "email":
    case "status":
    case "location":
      return column;
    case "phone":
      return "number";
    default:
      return null;
  }
}

/** Clicking a header: its column ascending, or the other way round when it
 * already sorts the table. */
export function nextSort(current: PeopleSort, key: SortKey): PeopleSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** The header's `aria-sort`: only the sorting column says a direction. */
export function ariaSort(current: PeopleSort, key: SortKey | null): "ascending" | "descending" | "none" | undefined {
  if (key === null) return undefined;
  if (current.key !== key) return "none";
  return current.descending ? "descending" : "ascending";
}

/** How many filters are set. */
export function filterCount(filter: PeopleFilter): number {
  return [filter.status !== null, filter.license !== null, filter.location !== null, filter.calling].filter(Boolean)
    .length;
}

export function sameFilter(a: PeopleFilter, b: PeopleFilter): boolean {
  return a.status === b.status && a.license === b.license && a.location === b.location && a.calling === b.calling;
}

/** A filter whose license or location the org no longer has (a sync
 * removed it, or another org is showing) is dropped, not left set and
 * invisible in its list. */
export function keepKnown(
  filter: PeopleFilter,
  licenses: readonly { id: string }[],
  locations: readonly { id: string }[],
): PeopleFilter {
  const license = licenses.some((l) => l.id === filter.license) ? filter.license : null;
  const location = locations.some((l) => l.id === filter.location) ? filter.location : null;
  return license === filter.license && location === filter.location ? filter : { ...filter, license, location };
}

/** What the table area shows. */
export type TableView =
  /** The first answer has not arrived: a loading state, never a blank area. */
  | "loading"
  /** Never synced, its first sync running. */
  | "firstSync"
  /** Never synced, nothing running: offer a sync. */
  | "neverSynced"
  /** Nobody matches the search and filters. */
  | "noMatches"
  /** Synced, and nobody there. */
  | "noUsers"
  | "rows";

export interface TableFacts {
  /** Matching people, null before the first answer. */
  total: number | null;
  neverSynced: boolean;
  syncing: boolean;
  /** A search or a filter narrows the rows showing. */
  narrowed: boolean;
}

export function tableView({ total, neverSynced, syncing, narrowed }: TableFacts): TableView {
  // Nothing to show yet: a first sync says so, anything else is loading.
  if (neverSynced && syncing && !total) return "firstSync";
  if (total === null) return "loading";
  if (total > 0) return "rows";
  if (narrowed) return "noMatches";
  return neverSynced ? "neverSynced" : "noUsers";
}
