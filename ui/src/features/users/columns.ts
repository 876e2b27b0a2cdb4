// The users table's columns, and which of them fit. Next to the detail pane
// the table is narrower: rather than cutting every column, the less
// important ones make way: extension first, then location, phone, Calling,
// status.

export interface UserColumn {
  id: "name" | "email" | "status" | "licenses" | "calling" | "location" | "phone" | "extension";
  /** Narrowest it reads well at (px): its grid track's minimum. */
  min: number;
  /** Share of the width left over; 0 for a fixed-width column. */
  grow: number;
}

export const USER_COLUMNS: readonly UserColumn[] = [
  { id: "name", min: 160, grow: 1.2 },
  { id: "email", min: 200, grow: 1.5 },
  { id: "status", min: 128, grow: 0 },
  { id: "licenses", min: 160, grow: 1.4 },
  { id: "calling", min: 148, grow: 0 },
  { id: "location", min: 120, grow: 0.8 },
  { id: "phone", min: 148, grow: 0 },
  { id: "extension", min: 92, grow: 0 },
];

/** Dropped in this order when the table is too narrow for all of them. */
const GIVE_WAY: readonly UserColumn["id"][] = ["extension", "location", "phone", "calling", "status"];

/** The columns that fit in `width` px, in table order. Name, email and
 * licenses always stay (narrower than that, the table scrolls sideways). */
export function fittingColumns(width: number): UserColumn[] {
  let shown = [...USER_COLUMNS];
  for (const id of GIVE_WAY) {
    if (minWidth(shown) <= width) break;
    shown = shown.filter((c) => c.id !== id);
  }
  return shown;
}

export function minWidth(columns: readonly UserColumn[]): number {
  return columns.reduce((sum, c) => sum + c.min, 0);
}

/** The CSS grid track of a column. */
export function track(column: UserColumn): string {
  return column.grow > 0 ? `minmax(${column.min}px, ${column.grow}fr)` : `${column.min}px`;
}
