import { describe, expect, it } from "vitest";
import { PageCache, type Page } from "./pageCache";

/** A fetcher over rows 0..total-1 whose replies the test releases by hand. */
function fakeServer(total: number) {
  const requests: { offset: number; limit: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const fetchPage = (offset: number, limit: number) =>
    new Promise<Page<number>>((resolve, reject) => {
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
      requests.push({ offset, limit, resolve: () => resolve({ total, offset, rows }), reject });
    });
  return { requests, fetchPage };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function makeCache(total = 1000, maxPages = 10) {
  const server = fakeServer(total);
  const events = { changes: 0, errors: [] as unknown[] };
  const cache = new PageCache<number>({
    fetchPage: server.fetchPage,
    pageSize: 50,
    maxPages,
    onChange: () => events.changes++,
    onError: (e) => events.errors.push(e),
  });
  return { cache, server, events };
}

describe("PageCache", () => {
  it("fetches the pages a range touches, once each", async () => {
    const { cache, server, events } = makeCache();
    cache.ensure(40, 110);
    cache.ensure(45, 100);
    expect(server.requests.map((r) => r.offset)).toEqual([0, 50, 100]);
    server.requests.forEach((r) => r.resolve());
    await settle();
    expect(cache.get(40)).toBe(40);
    expect(cache.get(109)).toBe(109);
    expect(cache.total).toBe(1000);
    expect(events.changes).toBe(3);
  });

  it("answers undefined for rows not loaded yet", () => {
    const { cache } = makeCache();
    cache.ensure(0, 10);
    expect(cache.get(3)).toBeUndefined();
  });

  it("drops replies that arrive after a reset", async () => {
    const { cache, server, events } = makeCache();
    cache.ensure(0, 10);
    cache.reset();
    server.requests[0].resolve();
    await settle();
    expect(cache.get(0)).toBeUndefined();
    expect(events.changes).toBe(0);
    cache.ensure(0, 10);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a failed page and fetches it again next time", async () => {
    const { cache, server, events } = makeCache();
    cache.ensure(0, 10);
    server.requests[0].reject({ code: "database" });
    await settle();
    expect(events.errors).toEqual([{ code: "database" }]);
    cache.ensure(0, 10);
    expect(server.requests).toHaveLength(2);
  });

  it("says whether a range is loaded, rows past the end counting as loaded", async () => {
    const { cache, server } = makeCache(120);
    expect(cache.has(0, 10)).toBe(false);
    cache.ensure(0, 60);
    server.requests[0].resolve();
    await settle();
    expect(cache.has(0, 50)).toBe(true);
    expect(cache.has(40, 60)).toBe(false);
    server.requests[1].resolve();
    await settle();
    expect(cache.has(40, 60)).toBe(true);
    expect(cache.has(90, 200)).toBe(false);
    expect(cache.has(130, 200)).toBe(true);
  });

  it("keeps at most maxPages, forgetting the farthest", async () => {
    const { cache, server } = makeCache(100_000, 3);
    for (const start of [0, 50, 100]) cache.ensure(start, start + 1);
    server.requests.forEach((r) => r.resolve());
    await settle();
    cache.ensure(5000, 5001);
    server.requests.at(-1)!.resolve();
    await settle();
    cache.ensure(5000, 5001);
    expect(cache.get(5000)).toBe(5000);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(100)).toBe(100);
  });
});
