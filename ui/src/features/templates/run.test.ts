import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RunProgress } from "../../lib/bindings/RunProgress";
import type { RunSummary } from "../../lib/bindings/RunSummary";

let emit: (event: RunProgress) => void = () => {};
const runResume = vi.fn();
const runCancel = vi.fn();
vi.mock("../../lib/backend", () => ({
  backend: { runResume: (id: string) => runResume(id), runCancel: (id: string) => runCancel(id) },
  onRunProgress: async (handler: (event: RunProgress) => void) => {
    emit = handler;
    return () => {};
  },
  toApiError: (e: unknown) => e,
}));

const { RunTracker } = await import("./run.svelte");

const summary = (runId: string, state: RunSummary["state"] = "running"): RunSummary => ({
  runId,
  orgId: "o",
  action: { kind: "saved", templateName: "Sales", edited: false, existingUsers: true },
  actor: "sam@example.com",
  createdMs: 0,
  state,
  total: 4,
  succeeded: 0,
  partial: 0,
  failed: 0,
});

const event = (runId: string, done: number, state: RunProgress["state"] = "running", failed = 0): RunProgress => ({
  runId,
  done,
  total: 4,
  failed,
  state,
});

beforeEach(() => {
  runResume.mockReset();
  runCancel.mockReset();
});

describe("following a run", () => {
  it("moves with its events and counts the stop once", async () => {
    const tracker = new RunTracker();
    await tracker.follow(summary("r1"));
    emit(event("r1", 2));
    emit(event("other", 1, "finished"));
    expect([tracker.status?.done, tracker.running, tracker.version, tracker.orgId]).toEqual([2, true, 0, "o"]);
    emit(event("r1", 4, "finished", 1));
    emit(event("r1", 4, "finished", 1));
    expect([tracker.status?.state, tracker.status?.failed, tracker.version]).toEqual(["finished", 1, 1]);
  });

  it("keeps an event that came before the commit answered", async () => {
    const tracker = new RunTracker();
    await tracker.prepare();
    emit(event("r2", 4, "finished"));
    await tracker.follow(summary("r2"));
    expect([tracker.status?.state, tracker.running, tracker.version]).toEqual(["finished", false, 1]);
  });

  it("a cancel ends when the run is interrupted", async () => {
    const tracker = new RunTracker();
    await tracker.follow(summary("r3"));
    runCancel.mockResolvedValue(undefined);
    await tracker.cancel();
    expect([runCancel.mock.calls, tracker.cancelling]).toEqual([[["r3"]], true]);
    emit(event("r3", 1, "interrupted"));
    expect([tracker.status?.state, tracker.cancelling]).toEqual(["interrupted", false]);
  });

  it("an offline resume keeps the error and sends nothing else", async () => {
    const tracker = new RunTracker();
    runResume.mockRejectedValue({ code: "offline", message: "Webex cannot be reached", trackingId: null });
    expect(await tracker.resume("r4")).toBe(false);
    expect([tracker.error?.code, tracker.status, tracker.resuming]).toEqual(["offline", null, false]);
  });

  it("a resume follows the run it answers with", async () => {
    const tracker = new RunTracker();
    runResume.mockResolvedValue(summary("r5"));
    expect(await tracker.resume("r5")).toBe(true);
    expect([tracker.status?.runId, tracker.running]).toEqual(["r5", true]);
  });
});
