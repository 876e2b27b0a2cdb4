import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
const listen = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: (...args: unknown[]) => listen(...args) }));

const { backend, onSyncProgress, toApiError } = await import("./backend");

beforeEach(() => {
  invoke.mockReset();
  listen.mockReset();
});

describe("toApiError", () => {
  it("keeps a well-formed ApiError", () => {
    const e = { code: "forbidden", message: "Missing scope", detail: "Webex answered 403", trackingId: "T1" };
    expect(toApiError(e)).toEqual(e);
  });

  it("fills a missing detail and tracking id with null", () => {
    expect(toApiError({ code: "network", message: "down" })).toEqual({
      code: "network",
      message: "down",
      detail: null,
      trackingId: null,
    });
  });

  it("turns a plain string rejection into an internal error, the raw text kept as detail only", () => {
    const e = toApiError("command sync_orgs not found");
    expect(e.code).toBe("internal");
    expect(e.message).not.toContain("sync_orgs");
    expect(e.detail).toBe("command sync_orgs not found");
  });

  it("treats an unknown code as internal, keeping no half-trusted fields", () => {
    const e = toApiError({ code: "teapot", message: "I am one" });
    expect(e.code).toBe("internal");
  });

  it("keeps an Error's message as detail, and a sentence for anyone to read", () => {
    expect(toApiError(new Error("boom")).detail).toBe("boom");
    const nothing = toApiError(undefined);
    expect(nothing.detail).toBeNull();
    expect(nothing.message).toMatch(/^Something unexpected went wrong/);
  });
});

describe("backend commands", () => {
  it("passes argument names the Rust commands expect", async () => {
    invoke.mockResolvedValue([]);
    await backend.syncOrg("org-1");
    await backend.getPerson("org-1", "p-9");
    const input = { clientId: "c", clientSecret: null, redirectUri: "r" };
    await backend.saveIntegration(input);
    await backend.syncAll();
    await backend.searchEverywhere("ada");
    await backend.listChanges("org-2");
    expect(invoke.mock.calls).toEqual([
      ["sync_org", { orgId: "org-1" }],
      ["get_person", { orgId: "org-1", personId: "p-9" }],
      ["save_integration", { input }],
      ["sync_all", {}],
      ["search_everywhere", { text: "ada" }],
      ["list_changes", { orgId: "org-2" }],
    ]);
  });

  it("rejects with a normalised ApiError", async () => {
    invoke.mockRejectedValue("invalid args `orgId` for command `sync_org`");
    await expect(backend.syncOrg("x")).rejects.toMatchObject({
      code: "internal",
      detail: "invalid args `orgId` for command `sync_org`",
      trackingId: null,
    });
  });

  it("resolves with the command's value", async () => {
    invoke.mockResolvedValue({ total: 3, offset: 0, rows: [] });
    const page = await backend.searchPeople({
      orgId: "o",
      text: "",
      sort: { key: "name", descending: false },
      filter: { status: null, license: null, location: null, calling: false },
      offset: 0,
      limit: 50,
    });
    expect(page.total).toBe(3);
  });
});

describe("onSyncProgress", () => {
  it("hands the handler the event payload", async () => {
    const unlisten = vi.fn();
    listen.mockImplementation(async (_name: string, cb: (e: { payload: unknown }) => void) => {
      cb({ payload: { orgId: "o", resource: "people", phase: "running", pages: 1, items: 100, error: null } });
      return unlisten;
    });
    const seen: unknown[] = [];
    const stop = await onSyncProgress((p) => seen.push(p));
    expect(listen.mock.calls[0][0]).toBe("sync-progress");
    expect(seen).toEqual([{ orgId: "o", resource: "people", phase: "running", pages: 1, items: 100, error: null }]);
    expect(stop).toBe(unlisten);
  });
});
