import { describe, expect, it } from "vitest";
import type { ApiError } from "../../lib/bindings/ApiError";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import { applyAllProgress, orgPhase, startAll, summarizeAll, type OrgSyncState } from "./syncAllProgress";
import { ORG_RESOURCES } from "./syncProgress";

function event(orgId: string, over: Partial<SyncProgress> = {}): SyncProgress {
  return { orgId, resource: "people", phase: "running", pages: 1, items: 100, error: null, ...over };
}

function fold(orgIds: string[], events: SyncProgress[]): OrgSyncState[] {
  return events.reduce(applyAllProgress, startAll(orgIds));
}

/** Every resource of the org finishes; people with `people` items. */
const done = (orgId: string, people: number) =>
  ORG_RESOURCES.map((resource) => event(orgId, { resource, phase: "done", items: resource === "people" ? people : 6 }));

const rateLimited: ApiError = { code: "rate_limited", message: "429", detail: null, trackingId: "T-1" };

describe("sync of every org", () => {
  it("starts with every known org waiting and nothing fetched", () => {
    const summary = summarizeAll(startAll(["a", "b", "c"]));
    expect(summary).toEqual({ total: 3, done: 0, finished: 0, running: [], failures: [], people: 0, syncedPeople: 0 });
  });

  it("counts an org done only when every resource is done", () => {
    const half = fold(["a"], done("a", 40).slice(0, -1));
    expect(orgPhase(half[0])).toBe("running");
    const whole = fold(["a"], done("a", 40));
    expect(orgPhase(whole[0])).toBe("done");
  });

  it("adds up people across interleaved orgs and lists the ones running", () => {
    const orgs = fold(["a", "b", "c"], [event("a", { items: 100 }), event("b", { items: 300 }), event("a", { items: 200 }), ...done("c", 50)]);
    const summary = summarizeAll(orgs);
    expect(summary.people).toBe(550);
    expect(summary.running).toEqual(["a", "b"]);
    expect([summary.done, summary.finished, summary.syncedPeople]).toEqual([1, 1, 50]);
  });

  it("keeps the other orgs' success when one fails, with the failure's error", () => {
    const orgs = fold(["a", "b"], [
      ...done("a", 2000),
      event("b", { items: 300 }),
      event("b", { phase: "failed", items: 0, pages: 0, error: rateLimited }),
      event("b", { resource: "licenses", phase: "done" }),
    ]);
    const summary = summarizeAll(orgs);
    expect(summary.failures).toEqual([{ orgId: "b", error: rateLimited }]);
    expect([summary.done, summary.finished, summary.syncedPeople]).toEqual([1, 2, 2000]);
    // The failure event's zero counts do not wipe what was fetched.
    expect(summary.people).toBe(2300);
  });

  it("keeps the first error when both resources of an org fail", () => {
    const later: ApiError = { code: "network", message: "down", detail: null, trackingId: null };
    const orgs = fold(["a"], [
      event("a", { phase: "failed", error: rateLimited }),
      event("a", { resource: "licenses", phase: "failed", error: later }),
    ]);
    expect(orgs[0].error).toEqual(rateLimited);
  });

  it("marks orgs cancelled mid-way, leaving unstarted ones waiting", () => {
    const orgs = fold(["a", "b", "c"], [...done("a", 10), event("b"), event("b", { phase: "cancelled", items: 0 })]);
    expect(orgs.map(orgPhase)).toEqual(["done", "cancelled", "waiting"]);
    expect(summarizeAll(orgs).finished).toBe(2);
  });

  it("adds an org it did not know, found by the org list refresh", () => {
    const orgs = fold(["a"], [event("new-org", { items: 5 })]);
    expect(orgs.map((o) => o.orgId)).toEqual(["a", "new-org"]);
    expect(summarizeAll(orgs).total).toBe(2);
  });

  it("waits for any extra resource an org reports before calling it done", () => {
    const orgs = fold(["a"], [...done("a", 10), event("a", { resource: "organizations", phase: "running" })]);
    expect(orgPhase(orgs[0])).toBe("running");
  });
});
