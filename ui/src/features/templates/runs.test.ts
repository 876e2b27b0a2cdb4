import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../lib/bindings/AuditEntry";
import type { RunEntry } from "../../lib/bindings/RunEntry";
import type { RunSummary } from "../../lib/bindings/RunSummary";
import { applyRunProgress, auditEventWords, callingParts, changeParts, filterAudit, filterEntries, runTitle, runTone, sessionTypeParts, statusOf } from "./runs";

const run: RunSummary = {
  runId: "r1",
  orgId: "o",
  action: { kind: "saved", templateName: "Sales", edited: false, existingUsers: true },
  actor: "sam@example.com",
  createdMs: 0,
  state: "interrupted",
  total: 10,
  succeeded: 3,
  partial: 1,
  failed: 2,
};

describe("run progress", () => {
  it("starts from the summary: everything answered counts as done", () => {
    expect(statusOf(run)).toEqual({ runId: "r1", state: "interrupted", done: 6, total: 10, failed: 2 });
  });

  it("follows the events of its run and ignores another run's", () => {
    const status = statusOf(run);
    const moved = applyRunProgress(status, { runId: "r1", done: 7, total: 10, failed: 2, state: "running" });
    expect(moved).toEqual({ runId: "r1", state: "running", done: 7, total: 10, failed: 2 });
    expect(applyRunProgress(moved, { runId: "r2", done: 1, total: 1, failed: 1, state: "finished" })).toBe(moved);
  });

  it("colours a finished run with failed or partial answers as a warning", () => {
    expect([
      runTone({ ...run, state: "finished" }),
      runTone({ ...run, state: "finished", failed: 0 }),
      runTone({ ...run, state: "finished", failed: 0, partial: 0 }),
      runTone(run),
    ]).toEqual(["warning", "warning", "success", "warning"]);
  });
});

describe("a user's change in parts", () => {
  it("c8_keeps_calling_removals_apart", () => {
    const parts = changeParts({
      personId: "p",
      email: "e",
      displayName: "d",
      add: [{ licenseId: "m", name: "Meetings", subscriptionId: null, siteUrl: "a.webex.com", calling: null }],
      remove: [
        { licenseId: "c", name: "Calling", calling: true },
        { licenseId: "x", name: "Messaging", calling: false },
      ],
      roles: [{ siteUrl: "a.webex.com", from: "none", to: "attendee" }],
      issues: [],
      pendingFirstSignIn: false,
    });
    expect(parts).toEqual([
      { kind: "add", text: "Meetings (a.webex.com)" },
      { kind: "removeCalling", text: "Calling" },
      { kind: "remove", text: "Messaging" },
      { kind: "role", siteUrl: "a.webex.com", from: "none", to: "attendee" },
    ]);
  });
});

describe("a host license and its role", () => {
  it("show as one part: becoming host is what the license means", () => {
    const parts = changeParts({
      personId: "p",
      email: "e",
      displayName: "d",
      add: [{ licenseId: "m", name: "Meetings", subscriptionId: null, siteUrl: "a.webex.com", calling: null }],
      remove: [],
      roles: [
        { siteUrl: "a.webex.com", from: "none", to: "host" },
        { siteUrl: "b.webex.com", from: "none", to: "attendee" },
      ],
      issues: [],
      pendingFirstSignIn: false,
    });
    expect(parts.map((p) => p.kind)).toEqual(["add", "role"]);
  });
});

describe("the audit filter", () => {
  const entry = (email: string, summary: string, trackingId: string | null): AuditEntry => ({
    atMs: 0,
    actor: "sam@example.com",
    orgId: "o",
    personId: email,
    email,
    summary,
    outcome: "done",
    trackingId,
    runId: "r",
    event: null,
  });
  const entries = [entry("zoe@x.com", "+Calling", "ROUTER_1"), entry("ada@x.com", "−Messaging", null)];

  it("matches user, summary and tracking id, ignoring case", () => {
    expect(filterAudit(entries, "router_1").map((e) => e.email)).toEqual(["zoe@x.com"]);
    expect(filterAudit(entries, "messaging").map((e) => e.email)).toEqual(["ada@x.com"]);
    expect(filterAudit(entries, "SAM@").length).toBe(2);
    expect(filterAudit(entries, "nobody")).toEqual([]);
  });
});

describe("a run's entries", () => {
  const entry = (name: string, state: RunEntry["state"], error: string | null = null): RunEntry => ({
    personId: name,
    email: `${name}@x.com`,
    displayName: name,
    change: { personId: name, email: `${name}@x.com`, displayName: name, add: [], remove: [], roles: [], issues: [], pendingFirstSignIn: false },
    state,
    error,
    trackingId: null,
    finishedMs: null,
  });
  const entries = [
    entry("ada", "done"),
    entry("bo", "failed", "Number +1415 is held by another user"),
    entry("cy", "partial"),
    entry("di", "pending"),
    entry("ed", "in_flight"),
    entry("fi", "skipped"),
  ];

  it("counts every chip, with not-sent covering pending, in flight and skipped", () => {
    const view = filterEntries(entries, "notSent", "");
    expect(view.entries.map((e) => e.displayName)).toEqual(["di", "ed", "fi"]);
    expect(view.counts).toEqual({ all: 6, failed: 1, partial: 1, done: 1, notSent: 3 });
  });

  it("finds an entry by its error text", () => {
    expect(filterEntries(entries, "all", "held by").entries.map((e) => e.displayName)).toEqual(["bo"]);
  });
});

describe("runTitle", () => {
  it("words each run action from the catalogue, never from backend text", () => {
    expect(runTitle({ kind: "saved", templateName: "Sales", edited: false, existingUsers: true })).toEqual({
      key: "templates.runTitle.createdExisting",
      params: { name: "Sales" },
    });
    expect(runTitle({ kind: "saved", templateName: "Sales", edited: true, existingUsers: false }).key).toBe("templates.runTitle.edited");
    expect(runTitle({ kind: "deleted", templateName: "Old" })).toEqual({ key: "templates.runTitle.deleted", params: { name: "Old" } });
    expect(runTitle({ kind: "enforced" }).key).toBe("templates.runTitle.enforced");
    expect(runTitle({ kind: "callingFixes", workNumbers: 2, assigned: 3, reprovisioned: 1, imported: false })).toEqual({
      key: "templates.runTitle.callingFixes",
      params: { count: 6 },
    });
    expect(runTitle({ kind: "callingFixes", workNumbers: 5, assigned: 0, reprovisioned: 0, imported: true }).key).toBe("templates.runTitle.callingImported");
    // C6: the template applied again, unchanged, is not "Created".
    expect(runTitle({ kind: "callingTemplateReapplied", templateName: "Phones" })).toEqual({
      key: "templates.runTitle.callingTemplateReapplied",
      params: { name: "Phones" },
    });
    expect(runTitle({ kind: "meetingsTypesSet", siteUrl: "acme.webex.com", users: 12 })).toEqual({
      key: "templates.runTitle.meetingsTypesSet",
      params: { site: "acme.webex.com", users: 12 },
    });
    expect(runTitle({ kind: "meetingsLicenseReassigned", siteUrl: "acme.webex.com", licenseName: "Meetings", email: "sam@acme.example" })).toEqual({
      key: "templates.runTitle.meetingsLicenseReassigned",
      params: { license: "Meetings", email: "sam@acme.example", site: "acme.webex.com" },
    });
  });
});

describe("audit events", () => {
  it("words every kind of template change from the catalogue", () => {
    expect(auditEventWords({ kind: "templateSaved", templateName: "Sales", edited: false })).toEqual({ key: "templates.audit.event.created", values: { name: "Sales" } });
    expect(auditEventWords({ kind: "templateSaved", templateName: "Sales", edited: true }).key).toBe("templates.audit.event.edited");
    expect(auditEventWords({ kind: "modeSwitched", mode: "group", deletedTemplates: [] }).key).toBe("templates.audit.event.modeGroup");
    expect(auditEventWords({ kind: "modeSwitched", mode: "org", deletedTemplates: ["A", "B"] })).toEqual({ key: "templates.audit.event.modeOrgDeleted", values: { names: "A, B" } });
    expect(auditEventWords({ kind: "transitionPreserveSet", preserve: false }).key).toBe("templates.audit.event.preserveOff");
  });
});

describe("a Meetings session-types entry (rule S2)", () => {
  it("shows the types gained and lost, by name", () => {
    const types = { personId: "p", email: "e", displayName: "n", siteUrl: "s", before: ["1"], after: ["3"], gains: ["3"], loses: ["1"] };
    const names: Record<string, string> = { "1": "Free Meeting (FRE)", "3": "Pro Meeting (PRO)" };
    expect(sessionTypeParts(types, (id) => names[id] ?? id)).toEqual([
      { kind: "add", text: "Pro Meeting (PRO)" },
      { kind: "remove", text: "Free Meeting (FRE)" },
    ]);
  });
});

describe("a Calling fix step in parts", () => {
  const t = (key: string, params?: Record<string, string>) => `${key}${params ? JSON.stringify(params) : ""}`;

  it("C4: a work number set is a gain naming the number", () => {
    expect(callingParts({ step: "setWorkNumber", number: "+4533141647" }, t)).toEqual([
      { kind: "add", text: 'calling.run.workNumber{"number":"+4533141647"}' },
    ]);
  });

  it("C1, C7: Calling given names the license, the location and the line, never their ids", () => {
    const [part] = callingParts(
      { step: "addCalling", licenseId: "lic-1", licenseName: "Webex Calling - Professional", locationId: "loc-1", locationName: "Aarhus", phoneNumber: "+4586000000", extension: "2001", afterRemoval: true },
      t,
    );
    expect(part.kind).toBe("add");
    expect(part.kind !== "role" && part.text).toContain("calling.run.addAgain");
    expect(part.kind !== "role" && part.text).toContain("Aarhus");
    expect(part.kind !== "role" && part.text).not.toContain("loc-1");
    const [unnamed] = callingParts({ step: "addCalling", licenseId: "lic-1", licenseName: null, locationId: "loc-1", locationName: null, phoneNumber: null, extension: "2001", afterRemoval: false }, t);
    expect(unnamed.kind !== "role" && unnamed.text).not.toContain("lic-1");
  });

  it("C8: a removal is a Calling loss", () => {
    expect(callingParts({ step: "removeCalling", licenseId: "lic-1", licenseName: "Webex Calling - Professional" }, t)).toEqual([
      { kind: "removeCalling", text: "Webex Calling - Professional" },
    ]);
  });
});
