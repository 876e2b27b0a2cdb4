import { describe, expect, it, vi } from "vitest";
import type { CallingReport } from "../../lib/bindings/CallingReport";

const callingReport = vi.fn();
vi.mock("../../lib/backend", () => ({
  backend: { callingReport: (orgId: string) => callingReport(orgId) },
  toApiError: (e: unknown) => e,
}));

const { CallingReports } = await import("./report.svelte");

function report(orgId: string): CallingReport {
  return { orgId, counts: [], users: [{ personId: `${orgId}-a`, reason: "not_e164" } as CallingReport["users"][number]], mismatches: [] };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("the shared Calling report (one read per org and data version)", () => {
  it("is read once for both screens, and again after a sync or a run", async () => {
    callingReport.mockReset().mockImplementation(async (orgId: string) => report(orgId));
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    await reports.ensure("org", "0:0");
    expect(callingReport).toHaveBeenCalledTimes(1);
    await reports.ensure("org", "1:0");
    expect(callingReport).toHaveBeenCalledTimes(2);
    await reports.refresh();
    expect(callingReport).toHaveBeenCalledTimes(3);
  });

  it("says nothing for a person until the org's report is in, then their reason, else Calling", async () => {
    const answer = deferred<CallingReport>();
    callingReport.mockReset().mockReturnValue(answer.promise);
    const reports = new CallingReports();
    const reading = reports.ensure("org", "0:0");
    expect(reports.statusOf("org", "org-a")).toBeNull();
    answer.resolve(report("org"));
    await reading;
    expect(reports.statusOf("org", "org-a")).toEqual({ kind: "missing", reason: "not_e164" });
    expect(reports.statusOf("org", "org-b")).toEqual({ kind: "calling" });
    expect(reports.statusOf("other", "org-a")).toBeNull();
  });

  it("drops an answer for an org the admin has left", async () => {
    const slow = deferred<CallingReport>();
    callingReport.mockReset().mockImplementation((orgId: string) => (orgId === "old" ? slow.promise : Promise.resolve(report(orgId))));
    const reports = new CallingReports();
    const old = reports.ensure("old", "0:0");
    await reports.ensure("new", "0:0");
    slow.resolve(report("old"));
    await old;
    expect(reports.report?.orgId).toBe("new");
  });

  it("keeps the error to show, and no stale report", async () => {
    callingReport.mockReset().mockRejectedValue({ code: "database", message: "The cache could not be read." });
    const reports = new CallingReports();
    await reports.ensure("org", "0:0");
    expect(reports.report).toBeNull();
    expect(reports.error?.code).toBe("database");
  });
});
