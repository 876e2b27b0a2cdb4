// Arithmetic for a fixed-row-height virtual list: which rows to render for a
// scroll position, and where to scroll so a row is visible. Pure, so the
// edge cases (empty list, last row, partial rows) are unit-tested.

export interface Viewport {
  scrollTop: number;
  height: number;
  rowHeight: number;
  total: number;
}

/** Rows [start, end) to render: the visible ones plus `overscan` either side. */
export function visibleRange(v: Viewport, overscan: number): { start: number; end: number } {
  if (v.total <= 0 || v.rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, v.scrollTop) / v.rowHeight);
  const last = Math.ceil((Math.max(0, v.scrollTop) + Math.max(0, v.height)) / v.rowHeight);
  return {
    start: clamp(first - overscan, 0, v.total),
    end: clamp(last + overscan, 0, v.total),
  };
}

/** The scrollTop that brings row `index` fully into view, moving as little
 * as possible (unchanged when it is already visible). */
export function scrollTopToReveal(v: Viewport, index: number): number {
  const top = index * v.rowHeight;
  const bottom = top + v.rowHeight;
  if (top < v.scrollTop) return top;
  if (bottom > v.scrollTop + v.height) return Math.max(0, bottom - v.height);
  return v.scrollTop;
}

/** The scrollTop that shows row `index` in the middle of the viewport, for
 * a jump from elsewhere (it stays put when the row is already visible). */
export function scrollTopToCenter(v: Viewport, index: number): number {
  const top = index * v.rowHeight;
  if (top >= v.scrollTop && top + v.rowHeight <= v.scrollTop + v.height) return v.scrollTop;
  const most = Math.max(0, v.total * v.rowHeight - v.height);
  return clamp(Math.round(top + v.rowHeight / 2 - v.height / 2), 0, most);
}

/** How many whole rows fit in the viewport: the PageUp/PageDown step. */
export function rowsPerPage(height: number, rowHeight: number): number {
  return Math.max(1, Math.floor(height / rowHeight));
}

/** The selection after a navigation key, or null for keys the list ignores. */
export function nextIndex(key: string, current: number, total: number, pageRows: number): number | null {
  if (total === 0) return null;
  const from = current < 0 ? -1 : current;
  switch (key) {
    case "ArrowDown":
      return clamp(from + 1, 0, total - 1);
    case "ArrowUp":
      return clamp(from < 0 ? 0 : from - 1, 0, total - 1);
    case "PageDown":
      return clamp(from + pageRows, 0, total - 1);
    case "PageUp":
      return clamp(from - pageRows, 0, total - 1);
    case "Home":
      return 0;
    case "End":
      return total - 1;
    default:
      return null;
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
