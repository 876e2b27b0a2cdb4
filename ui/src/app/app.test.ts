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

describe("closing a person opened from elsewhere", () => {
  it("asks the users screen to scroll to their row, each time they are opened", () => {
    app.showPerson("acme", "p-7");
    const first = app.revealRequest;
    app.showPerson("acme", "p-7");
    expect(app.revealRequest).toEqual({ orgId: "acme", personId: "p-7" });
    expect(app.revealRequest).not.toBe(first);
  });

  it("gives focus back to the change log item that opened them, on the changes screen", () => {
    app.showPerson("acme", "p-7", { kind: "change", key: "k1" });
    expect(app.closePerson()).toBe("elsewhere");
    expect([app.screen, app.changeToFocus, app.openPersonId]).toEqual(["changes", "k1", null]);
  });

  it("gives focus to the table after the search across orgs, which is gone by then", () => {
    app.showPerson("acme", "p-7", { kind: "search" });
    expect(app.closePerson()).toBe("table");
    expect([app.screen, app.openPersonId, app.personOpener]).toEqual(["users", null, null]);
  });
});
