import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
const listen = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: (...args: unknown[]) => listen(...args) }));

const { backend, onRunProgress } = await import("./backend");

beforeEach(() => {
  invoke.mockReset();
  listen.mockReset();
});

describe("the license template commands", () => {
  it("use the command names and camelCase arguments of the contract", async () => {
    invoke.mockResolvedValue(null);
    const draft = { id: null, name: "Sales", groupId: "g1", licenses: ["l1"], meetings: [] };
    const scope = { existingUsers: true, preserve: false };
    await backend.templatesView("o1");
    await backend.templatesSetMode("o1", "group");
    await backend.templatesSetTransitionPreserve("o1", false);
    await backend.templatesPreviewSave("o1", draft, scope);
    await backend.templatesPreviewDelete("o1", "t1", true);
    await backend.templatesCommit({ previewId: "p1", typedConfirmation: "remove calling" });
    await backend.runsList("o1");
    await backend.runDetail("r1");
    await backend.runCancel("r1");
    await backend.runResume("r1");
    await backend.auditList("o1");
    await backend.exportPreview("p1");
    await backend.exportAudit("o1");
    expect(invoke.mock.calls).toEqual([
      ["templates_view", { orgId: "o1" }],
      ["templates_set_mode", { orgId: "o1", mode: "group" }],
      ["templates_set_transition_preserve", { orgId: "o1", preserve: false }],
      ["templates_preview_save", { orgId: "o1", draft, scope }],
      ["templates_preview_delete", { orgId: "o1", templateId: "t1", preserve: true }],
      ["templates_commit", { request: { previewId: "p1", typedConfirmation: "remove calling" } }],
      ["runs_list", { orgId: "o1" }],
      ["run_detail", { runId: "r1" }],
      ["run_cancel", { runId: "r1" }],
      ["run_resume", { runId: "r1" }],
      ["audit_list", { orgId: "o1" }],
      ["export_preview", { previewId: "p1" }],
      ["export_audit", { orgId: "o1" }],
    ]);
  });

  it("rejects with the backend's code, e.g. offline", async () => {
    invoke.mockRejectedValue({ code: "offline", message: "Webex cannot be reached", trackingId: null });
    await expect(backend.templatesCommit({ previewId: "p1", typedConfirmation: null })).rejects.toMatchObject({ code: "offline" });
  });

  it("listens to run-progress and hands over the payload", async () => {
    listen.mockResolvedValue(() => {});
    const seen: unknown[] = [];
    await onRunProgress((p) => seen.push(p));
    const [event, handler] = listen.mock.calls[0];
    handler({ payload: { runId: "r1", done: 1, total: 2, failed: 0, state: "running" } });
    expect([event, seen]).toEqual(["run-progress", [{ runId: "r1", done: 1, total: 2, failed: 0, state: "running" }]]);
  });
});
