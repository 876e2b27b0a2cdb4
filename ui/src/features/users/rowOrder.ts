// Where a person sits in the users table, so opening them from elsewhere
// (the search across orgs, the change log) can scroll to their row. The
// backend lists people by display name in SQLite's NOCASE order (ASCII
// letters folded, every other byte as it is), then by id (store/name_order.rs);
// that order is mirrored here and found by bisection, a few one-row pages
// even in a 100,000-user org.

import type { PersonRow } from "../../lib/bindings/PersonRow";

type Named = Pick<PersonRow, "displayName" | "id">;

const encoder = new TextEncoder();

function bytesCmp(a: Uint8Array, b: Uint8Array, fold: boolean): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = fold ? lowerAscii(a[i]) : a[i];
    const y = fold ? lowerAscii(b[i]) : b[i];
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** The users table's order: negative when `a` comes first. */
export function compareRows(a: Named, b: Named): number {
  const byName = bytesCmp(encoder.encode(a.displayName), encoder.encode(b.displayName), true);
  return byName !== 0 ? byName : bytesCmp(encoder.encode(a.id), encoder.encode(b.id), false);
}

/** The index of `target` among `total` rows in table order (reversed when
 * `descending`), or null when it is not among them (another search is
 * showing, or the cache changed). `rowAt` fetches one row. */
export async function findRowIndex(
  target: Named,
  total: number,
  rowAt: (index: number) => Promise<Named | undefined>,
  descending = false,
): Promise<number | null> {
  const before = (row: Named) => (descending ? compareRows(target, row) : compareRows(row, target)) < 0;
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const row = await rowAt(middle);
    if (!row) return null;
    if (before(row)) low = middle + 1;
    else high = middle;
  }
  if (low >= total) return null;
  const found = await rowAt(low);
  return found?.id === target.id ? low : null;
}
