import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { CallingStatusRow } from "../../lib/bindings/CallingStatusRow";
import type { CallingSummary } from "../../lib/bindings/CallingSummary";

const callingReport = vi.fn();
const callingStatuses = vi.fn();
vi.mock("../../lib/backend", () => ({
  backend: {
    callingReport: (orgId: string) => callingReport(orgId),
    callingStatuses: (orgId: string, personIds: string[]) => callingStatuses(orgId, personIds),
  },
  toApiError: (e: unknown) => e,
}));

const { CallingReports, STATUSES_PER_CALL } = await import("./report.svelte");

function summary(orgId: string, mismatches: string[] = []): CallingSummary {
  return {
    orgId,
    counts: [{ reason: "not_e164", count: 1 }],
    mismatches: mismatches.map((personId) => ({ personId, email: "", displayName: "", workNumber: null, callingNumber: null, extension: null, locationId: null, locationName: null, suggestedFix: null })),
  };
}

/** The backend's answer: `${orgId}-a` has no E.164 number, everyone else Calling. */
function statuses(orgId: string, personIds: string[]): CallingStatusRow[] {
  return personIds.map((personId) => ({ personId, reason: personId === `${orgId}-a` ? ("not_e164" as CallingReason) : null }));
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  callingReport.mockReset().mockImplementation(async (orgId: string) => summary(orgId));
  callingStatuses.mockReset().mockImplementation(async (orgId: string, ids: string[]) => statuses(orgId, ids));
});

describe("the shared Calling summary (one read per org and data version)", () => {
  it("is read once for both screens, and again after a sync or a run", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    await reports.ensure("org", "0:0");
    expect(callingReport).toHaveBeenCalledTimes(1);
    expect(reports.version).toBe(1);
    await reports.ensure("org", "1:0");
    expect(callingReport).toHaveBeenCalledTimes(2);
    await reports.refresh();
    expect(callingReport).toHaveBeenCalledTimes(3);
    expect(reports.version).toBe(3);
  });

  it("drops an answer for an org the admin has left", async () => {
    const slow = deferred<CallingSummary>();
    callingReport.mockImplementation((orgId: string) => (orgId === "old" ? slow.promise : Promise.resolve(summary(orgId))));
    const reports = new CallingReports();
    const old = reports.ensure("old", "0:0");
    await reports.ensure("new", "0:0");
    slow.resolve(summary("old"));
    await old;
    expect(reports.summary?.orgId).toBe("new");
  });

  it("keeps the error to show, and no stale summary", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    callingReport.mockRejectedValue({ code: "database", message: "The cache could not be read." });
    await reports.ensure("other", "0:0");
    expect(reports.summary).toBeNull();
    expect(reports.error?.code).toBe("database");
  });
});

describe("the users table's Calling column, asked for row by row", () => {
  it("says nothing until the org's summary is in, then nothing until the status is, then the reason, else Calling", async () => {
    const answer = deferred<CallingSummary>();
    callingReport.mockReturnValue(answer.promise);
    const reports = new CallingReports();
    const reading = reports.ensure("org", "0:0");
    expect(reports.statusOf("org", "org-a")).toBeNull();
    await settle();
    expect(callingStatuses).not.toHaveBeenCalled();
    answer.resolve(summary("org"));
    await reading;
    expect(reports.statusOf("org", "org-a")).toBeNull();
    expect(reports.statusOf("org", "org-b")).toBeNull();
    await settle();
    expect(reports.statusOf("org", "org-a")).toEqual({ kind: "missing", reason: "not_e164" });
    expect(reports.statusOf("org", "org-b")).toEqual({ kind: "calling" });
    expect(reports.statusOf("other", "org-a")).toBeNull();
  });

  it("asks for every row drawn at once in one call, and for each row only once", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
    for (const id of ids) reports.statusOf("org", id);
    for (const id of ids) reports.statusOf("org", id);
    await settle();
    expect(callingStatuses).toHaveBeenCalledTimes(1);
    expect(callingStatuses).toHaveBeenCalledWith("org", ids);
    for (const id of ids) expect(reports.statusOf("org", id)).toEqual({ kind: "calling" });
    await settle();
    expect(callingStatuses).toHaveBeenCalledTimes(1);
  });

  it("asks at most a thousand ids a call", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    for (let i = 0; i < 2500; i++) reports.statusOf("org", `p${i}`);
    await settle();
    const sizes = callingStatuses.mock.calls.map(([, personIds]) => (personIds as string[]).length);
    expect(STATUSES_PER_CALL).toBe(1000);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(new Set(callingStatuses.mock.calls.flatMap(([, personIds]) => personIds as string[])).size).toBe(2500);
  });

  it("c7: a user of the summary's mismatches says so without asking", async () => {
    callingReport.mockImplementation(async (orgId: string) => summary(orgId, ["m"]));
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    expect(reports.statusOf("org", "m")).toEqual({ kind: "mismatch" });
    await settle();
    expect(callingStatuses).not.toHaveBeenCalled();
  });

  it("forgets what it knew when the report is read again, and drops answers asked before", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    reports.statusOf("org", "org-a");
    await settle();
    expect(reports.statusOf("org", "org-a")).toEqual({ kind: "missing", reason: "not_e164" });

    // An answer on its way when the new summary lands is of the old report.
    const late = deferred<CallingStatusRow[]>();
    callingStatuses.mockReturnValueOnce(late.promise);
    reports.statusOf("org", "org-b");
    await settle();
    // Fixed: org-a has Calling now.
    callingStatuses.mockImplementation(async (_orgId: string, ids: string[]) => ids.map((personId) => ({ personId, reason: null })));
    await reports.ensure("org", "1:0");
    late.resolve([{ personId: "org-b", reason: "eligible" }]);
    await settle();
    expect(reports.statusOf("org", "org-a")).toBeNull();
    expect(reports.statusOf("org", "org-b")).toBeNull();
    await settle();
    expect(reports.statusOf("org", "org-a")).toEqual({ kind: "calling" });
    expect(reports.statusOf("org", "org-b")).toEqual({ kind: "calling" });
  });

  it("clears what it knew for another org", async () => {
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    reports.statusOf("org", "org-a");
    await settle();
    await reports.ensure("next", "0:0");
    await reports.ensure("org", "0:1");
    expect(reports.statusOf("org", "org-a")).toBeNull();
  });
});
