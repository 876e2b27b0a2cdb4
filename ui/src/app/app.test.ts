import { describe, expect, it, vi } from "vitest";
import type { OrgSummary } from "../lib/bindings/OrgSummary";

const orgs: OrgSummary[] = [
  { id: "home", displayName: "Home", isHome: true, peopleCount: 3, lastSyncedMs: 1 },
  { id: "acme", displayName: "Acme", isHome: false, peopleCount: 5, lastSyncedMs: 1 },
];
vi.mock("../lib/backend", () => ({
  backend: { listOrgs: async () => orgs },
  onSyncProgress: async () => () => {},
  toApiError: (e: unknown) => e,
}));

const { app } = await import("./app.svelte");

describe("opening a person from anywhere", () => {
  it("switches to their org and the users screen, with their details open", async () => {
    await app.loadOrgs();
    app.screen = "settings";
    app.showPerson("acme", "p-7");
    expect([app.orgId, app.screen, app.openPersonId]).toEqual(["acme", "users", "p-7"]);
  });

  it("closes the person when another org is chosen, not when the same one is", () => {
    app.showPerson("acme", "p-7");
    app.selectOrg("acme");
    expect(app.openPersonId).toBe("p-7");
    app.selectOrg("home");
    expect(app.openPersonId).toBeNull();
  });
});
