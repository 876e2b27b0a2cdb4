import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SearchResults } from "../../lib/bindings/SearchResults";

// Replies the test releases by hand, to reorder them.
const pending: { text: string; resolve: (r: SearchResults) => void; reject: (e: unknown) => void }[] = [];
vi.mock("../../lib/backend", () => ({
  backend: {
    searchEverywhere: (text: string) => new Promise<SearchResults>((resolve, reject) => pending.push({ text, resolve, reject })),
  },
  toApiError: (e: unknown) => e,
}));

const { EverywhereSearch, SEARCH_DEBOUNCE_MS } = await import("./everywhereSearch.svelte");

function results(total: number, names: string[]): SearchResults {
  const hits = names.map((name, i) => ({
    orgId: "org",
    orgName: "Org",
    person: { id: `${name}-${i}`, displayName: name, email: "", status: "active", account: "active" as const, licenses: [], phoneNumber: null, phone: null, extension: null, locationName: null },
  }));
  return { total, hits };
}

const settle = async () => {
  await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  pending.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("EverywhereSearch", () => {
  it("waits for typing to pause, then asks once for the last text", async () => {
    const search = new EverywhereSearch();
    search.input("a");
    search.input("ad");
    search.input("ada ");
    expect(search.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(pending.map((p) => p.text)).toEqual(["ada"]);
    pending[0].resolve(results(1, ["Ada"]));
    await settle();
    expect(search.results?.hits.map((h) => h.person.displayName)).toEqual(["Ada"]);
    expect([search.shownText, search.loading]).toEqual(["ada", false]);
  });

  it("ignores a slow reply to an older text", async () => {
    const search = new EverywhereSearch();
    search.input("ad");
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.input("ada");
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    pending[1].resolve(results(1, ["Ada"]));
    await settle();
    pending[0].resolve(results(9, ["Adam", "Adele"]));
    await settle();
    expect(search.shownText).toBe("ada");
    expect(search.results?.total).toBe(1);
  });

  it("clears at once when the box is emptied, dropping replies on the way", async () => {
    const search = new EverywhereSearch();
    search.input("ada");
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.input("  ");
    pending[0].resolve(results(1, ["Ada"]));
    await settle();
    expect([search.results, search.loading, search.shownText]).toEqual([null, false, ""]);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(pending).toHaveLength(1);
  });

  it("shows an error only for the newest search, and clears it on success", async () => {
    const search = new EverywhereSearch();
    search.input("x");
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.refresh();
    pending[0].reject({ code: "database" });
    await settle();
    expect(search.error).toBeNull();
    pending[1].reject({ code: "database" });
    await settle();
    expect(search.error).toEqual({ code: "database" });
    search.refresh();
    pending[2].resolve(results(0, []));
    await settle();
    expect(search.error).toBeNull();
    expect(search.results?.total).toBe(0);
  });
});
