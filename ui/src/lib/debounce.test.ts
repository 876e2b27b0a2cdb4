import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "./debounce";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("debounce", () => {
  it("runs once, with the last arguments, after the quiet period", () => {
    const fn = vi.fn();
    const search = debounce(fn, 120);
    search("a");
    vi.advanceTimersByTime(100);
    search("ab");
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("ab");
  });

  it("flush runs the pending call immediately, and only once", () => {
    const fn = vi.fn();
    const search = debounce(fn, 120);
    search("x");
    search.flush();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("x");
  });

  it("cancel drops the pending call", () => {
    const fn = vi.fn();
    const search = debounce(fn, 120);
    search("x");
    search.cancel();
    vi.advanceTimersByTime(500);
    search.flush();
    expect(fn).not.toHaveBeenCalled();
  });
});
