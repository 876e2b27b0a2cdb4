import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChangeRow } from "../../lib/bindings/ChangeRow";

// Replies are handed out by the test, in whatever order it likes.
const pending: { orgId: string; resolve: (rows: ChangeRow[]) => void; reject: (e: unknown) => void }[] = [];
vi.mock("../../lib/backend", () => ({
  backend: {
    listChanges: (orgId: string) =>
      new Promise<ChangeRow[]>((resolve, reject) => pending.push({ orgId, resolve, reject })),
  },
  toApiError: (e: unknown) => e,
}));

const { ChangesList } = await import("./changes.svelte");

const added = (name: string): ChangeRow => ({ atMs: 1, kind: "person_added", personId: name, displayName: name, detail: null, cached: true });

beforeEach(() => {
  pending.length = 0;
});

describe("the change log of the selected org", () => {
  it("shows the reply to the newest request, not a slower older one", async () => {
    const list = new ChangesList();
    const first = list.load("acme");
    const second = list.load("globex");
    pending[1].resolve([added("Globex person")]);
    pending[0].resolve([added("Acme person")]);
    await Promise.all([first, second]);
    expect([list.orgId, list.rows?.map((r) => r.displayName)]).toEqual(["globex", ["Globex person"]]);
  });

  it("drops another org's rows at once, and keeps the same org's while reloading", async () => {
    const list = new ChangesList();
    const first = list.load("acme");
    pending[0].resolve([added("Ada")]);
    await first;
    void list.load("acme");
    expect(list.rows).toHaveLength(1);
    void list.load("globex");
    expect(list.rows).toBeNull();
  });

  it("keeps the error of a failed load until the next success", async () => {
    const list = new ChangesList();
    const failing = list.load("acme");
    pending[0].reject({ code: "database", message: "disk I/O error", trackingId: null });
    await failing;
    expect(list.error?.code).toBe("database");
    const retry = list.load("acme");
    pending[1].resolve([]);
    await retry;
    expect([list.error, list.rows]).toEqual([null, []]);
  });
});
