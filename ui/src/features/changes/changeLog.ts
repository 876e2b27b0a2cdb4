// The change log as the Changes screen shows it: filtered by category and
// name, counted per category, grouped by the sync that recorded it. Pure
// functions of the rows `list_changes` returns (newest first).

import type { ChangeKind } from "../../lib/bindings/ChangeKind";
import type { ChangeRow } from "../../lib/bindings/ChangeRow";

export type ChangeCategory = "people" | "licenses" | "numbers" | "broadworks";
export type CategoryFilter = ChangeCategory | "all";

/** The order of the filter chips. */
export const CATEGORIES: readonly ChangeCategory[] = ["people", "licenses", "numbers", "broadworks"];

const CATEGORY_OF: Record<ChangeKind, ChangeCategory> = {
  person_added: "people",
  person_removed: "people",
  license_gained: "licenses",
  license_lost: "licenses",
  number_changed: "numbers",
  extension_changed: "numbers",
  subscriber_status: "broadworks",
};

/** Every kind, for exhaustive UIs and tests. */
export const CHANGE_KINDS = Object.keys(CATEGORY_OF) as ChangeKind[];

export function categoryOf(kind: ChangeKind): ChangeCategory {
  return CATEGORY_OF[kind];
}

export type ChangeCounts = Record<CategoryFilter, number>;

export function countByCategory(rows: readonly ChangeRow[]): ChangeCounts {
  const counts: ChangeCounts = { all: rows.length, people: 0, licenses: 0, numbers: 0, broadworks: 0 };
  for (const row of rows) counts[categoryOf(row.kind)]++;
  return counts;
}

/** Lower case without accents, so "zoe" finds "Zoé". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Rows whose name contains `text` (ignoring case and accents). */
export function matchingName(rows: readonly ChangeRow[], text: string): ChangeRow[] {
  const wanted = fold(text.trim());
  if (wanted === "") return [...rows];
  return rows.filter((row) => fold(row.displayName).includes(wanted));
}

export function inCategory(rows: readonly ChangeRow[], category: CategoryFilter): ChangeRow[] {
  if (category === "all") return [...rows];
  return rows.filter((row) => categoryOf(row.kind) === category);
}

export interface SyncGroup {
  atMs: number;
  changes: ChangeRow[];
  /** All the changes of this sync, before any filter. */
  total: number;
}

/** One group per sync (rows recorded at the same instant), newest sync
 * first; inside a sync, by name, so one person's changes sit together. */
export function groupBySync(rows: readonly ChangeRow[]): SyncGroup[] {
  const groups = new Map<number, ChangeRow[]>();
  for (const row of rows) {
    const group = groups.get(row.atMs);
    if (group) group.push(row);
    else groups.set(row.atMs, [row]);
  }
  const byName = (a: ChangeRow, b: ChangeRow) =>
    a.displayName.localeCompare(b.displayName, undefined, { sensitivity: "base" });
  return [...groups]
    .sort(([a], [b]) => b - a)
    .map(([atMs, changes]) => ({ atMs, changes: changes.sort(byName), total: changes.length }));
}

/** People the newest sync no longer has: their latest change removed them.
 * Rows come newest first, so a person's first row is their latest. */
export function goneFromCache(rows: readonly ChangeRow[]): Set<string> {
  const latest = new Map<string, ChangeKind>();
  for (const row of rows) {
    if (categoryOf(row.kind) !== "broadworks" && !latest.has(row.personId)) latest.set(row.personId, row.kind);
  }
  return new Set([...latest].filter(([, kind]) => kind === "person_removed").map(([id]) => id));
}

/** Whether a row can open the person's details: a Webex person in the
 * cache now (a subscriber that became a Webex user is one), not a removal. */
export function canOpen(row: ChangeRow, gone: ReadonlySet<string>): boolean {
  return row.cached && row.kind !== "person_removed" && !gone.has(row.personId);
}

/** Names one change among the log's rows, to give focus back to it after
 * its person's details close (the rows are fetched again meanwhile). */
export function changeKey(row: ChangeRow): string {
  return JSON.stringify([row.atMs, row.kind, row.personId, row.detail]);
}

/** "old → new" split in two, or null for details that are not a move. */
export function splitMove(detail: string | null): { from: string; to: string } | null {
  const parts = detail?.split(" → ");
  return parts?.length === 2 ? { from: parts[0], to: parts[1] } : null;
}

export interface ChangesView {
  /** Per category, among the rows the name filter lets through. */
  counts: ChangeCounts;
  groups: SyncGroup[];
  shown: number;
}

/** What the screen shows for a category and a name filter. */
export function viewChanges(rows: readonly ChangeRow[], category: CategoryFilter, text: string): ChangesView {
  const named = matchingName(rows, text);
  const shown = inCategory(named, category);
  const totals = new Map<number, number>();
  for (const row of rows) totals.set(row.atMs, (totals.get(row.atMs) ?? 0) + 1);
  const groups = groupBySync(shown).map((g) => ({ ...g, total: totals.get(g.atMs) ?? g.total }));
  return { counts: countByCategory(named), groups, shown: shown.length };
}
