import { describe, expect, it, vi } from "vitest";

vi.mock("../../lib/backend", () => ({ toApiError: (e: unknown) => e }));

const { Loaded } = await import("./loaded.svelte");

function deferred() {
  const pending: { key: string; resolve: (v: string[]) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (key: string) => new Promise<string[]>((resolve, reject) => pending.push({ key, resolve, reject }));
  return { pending, fetch };
}

describe("data loaded for a key", () => {
  it("shows the newest request's reply, not a slower older one", async () => {
    const { pending, fetch } = deferred();
    const loaded = new Loaded(fetch);
    const first = loaded.load("acme");
    const second = loaded.load("globex");
    pending[1].resolve(["globex run"]);
    pending[0].resolve(["acme run"]);
    await Promise.all([first, second]);
    expect([loaded.key, loaded.value]).toEqual(["globex", ["globex run"]]);
  });

  it("drops another key's data at once and keeps the error until a success", async () => {
    const { pending, fetch } = deferred();
    const loaded = new Loaded(fetch);
    const first = loaded.load("acme");
    pending[0].resolve(["a"]);
    await first;
    const failing = loaded.load("globex");
    expect(loaded.value).toBeNull();
    pending[1].reject({ code: "database", message: "locked", trackingId: null });
    await failing;
    expect(loaded.error?.code).toBe("database");
    const retry = loaded.load("globex");
    pending[2].resolve([]);
    await retry;
    expect([loaded.error, loaded.value]).toEqual([null, []]);
  });

  it("a cleared loader ignores the reply still on its way", async () => {
    const { pending, fetch } = deferred();
    const loaded = new Loaded(fetch);
    const late = loaded.load("acme");
    loaded.clear();
    pending[0].resolve(["a"]);
    await late;
    expect([loaded.key, loaded.value]).toEqual([null, null]);
  });
});
