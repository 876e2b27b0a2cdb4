import { describe, expect, it } from "vitest";
import { nextIndex, rowsPerPage, scrollTopToReveal, visibleRange, scrollTopToCenter } from "./windowing";

const base = { rowHeight: 32, height: 320, total: 100_000 };

describe("visibleRange", () => {
  it("covers the viewport plus overscan", () => {
    expect(visibleRange({ ...base, scrollTop: 0 }, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange({ ...base, scrollTop: 3200 }, 5)).toEqual({ start: 95, end: 115 });
  });

  it("includes a partly visible last row", () => {
    expect(visibleRange({ ...base, scrollTop: 16 }, 0)).toEqual({ start: 0, end: 11 });
  });

  it("stops at the end of the list", () => {
    expect(visibleRange({ ...base, total: 12, scrollTop: 0 }, 5)).toEqual({ start: 0, end: 12 });
    const end = visibleRange({ ...base, scrollTop: 99_995 * 32 }, 3);
    expect(end.end).toBe(100_000);
  });

  it("is empty for an empty list", () => {
    expect(visibleRange({ ...base, total: 0, scrollTop: 0 }, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe("scrollTopToReveal", () => {
  const v = { ...base, scrollTop: 320 };

  it("does not move for a visible row", () => {
    expect(scrollTopToReveal(v, 12)).toBe(320);
  });

  it("scrolls up to a row above", () => {
    expect(scrollTopToReveal(v, 3)).toBe(96);
  });

  it("scrolls down just enough for a row below", () => {
    expect(scrollTopToReveal(v, 20)).toBe(21 * 32 - 320);
  });
});

describe("nextIndex", () => {
  it("moves by one, by a page, and to the ends, within bounds", () => {
    expect(nextIndex("ArrowDown", 4, 10, 5)).toBe(5);
    expect(nextIndex("ArrowDown", 9, 10, 5)).toBe(9);
    expect(nextIndex("ArrowUp", 0, 10, 5)).toBe(0);
    expect(nextIndex("PageDown", 7, 10, 5)).toBe(9);
    expect(nextIndex("PageUp", 3, 10, 5)).toBe(0);
    expect(nextIndex("Home", 7, 10, 5)).toBe(0);
    expect(nextIndex("End", 0, 10, 5)).toBe(9);
  });

  it("starts at the first row when nothing is selected", () => {
    expect(nextIndex("ArrowDown", -1, 10, 5)).toBe(0);
    expect(nextIndex("ArrowUp", -1, 10, 5)).toBe(0);
  });

  it("ignores other keys and empty lists", () => {
    expect(nextIndex("a", 1, 10, 5)).toBeNull();
    expect(nextIndex("ArrowDown", -1, 0, 5)).toBeNull();
  });
});

describe("rowsPerPage", () => {
  it("counts whole rows and never returns zero", () => {
    expect(rowsPerPage(330, 32)).toBe(10);
    expect(rowsPerPage(10, 32)).toBe(1);
  });
});

describe("scrollTopToCenter", () => {
  const v = { scrollTop: 0, height: 320, rowHeight: 32, total: 2000 };

  it("brings a far row to the middle of the viewport", () => {
    expect(scrollTopToCenter(v, 1000)).toBe(1000 * 32 + 16 - 160);
  });

  it("leaves the scroll alone when the row is already in view", () => {
    expect(scrollTopToCenter({ ...v, scrollTop: 640 }, 25)).toBe(640);
  });

  it("stops at the ends of the list", () => {
    expect(scrollTopToCenter({ ...v, scrollTop: 5000 }, 1)).toBe(0);
    expect(scrollTopToCenter(v, 1999)).toBe(2000 * 32 - 320);
  });
});
