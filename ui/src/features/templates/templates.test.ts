import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Preview } from "../../lib/bindings/Preview";
import type { Template } from "../../lib/bindings/Template";
import type { TemplatesView } from "../../lib/bindings/TemplatesView";

const calls: [string, ...unknown[]][] = [];
const answers = new Map<string, () => unknown>();
const answer = (command: string) => (...args: unknown[]) => {
  calls.push([command, ...args]);
  const make = answers.get(command);
  return make ? Promise.resolve().then(make) : Promise.reject(new Error(`no answer for ${command}`));
};
vi.mock("../../lib/backend", () => ({
  backend: {
    templatesView: answer("templatesView"),
    templatesSetMode: answer("templatesSetMode"),
    templatesPreviewSave: answer("templatesPreviewSave"),
    templatesPreviewDelete: answer("templatesPreviewDelete"),
    templatesCommit: answer("templatesCommit"),
  },
  onRunProgress: async () => () => {},
  toApiError: (e: unknown) => e,
}));

const { TemplatesPage } = await import("./templates.svelte");

const view = (orgId: string, templates: Template[] = []): TemplatesView => ({
  orgId,
  mode: "group",
  groupTransitionPreserve: true,
  templates: templates.map((template) => ({ template, groupName: "Sales", memberCount: 3, updatedMs: 0 })),
  groups: [],
  licenses: [],
  sites: [],
  lastSyncedMs: null,
  unfinishedRun: null,
});

const sales: Template = { id: "t1", name: "Sales", groupId: "g1", licenses: ["calling"], meetings: [] };

const preview = (confirmation: string | null): Preview => ({
  previewId: "pv1",
  orgId: "acme",
  callingConfirmation: confirmation,
  plan: {
    users: [],
    licenses: [],
    totals: { usersInScope: 3, usersChanged: 3, licensesAdded: 0, licensesRemoved: 3, rolesChanged: 0, callingRemovals: 3, needsNumber: 0, pendingFirstSignIn: 0, noUnitsLeft: 0 },
  },
});

const reject = (code: string) => () => {
  throw { code, message: code, trackingId: null };
};

async function pageOn(orgId = "acme") {
  answers.set("templatesView", () => view(orgId, [sales]));
  const page = new TemplatesPage();
  await page.load(orgId);
  return page;
}

beforeEach(() => {
  calls.length = 0;
  answers.clear();
});

describe("the templates page", () => {
  it("drops another org's editor and preview at once", async () => {
    const page = await pageOn();
    page.openEditor(sales);
    answers.set("templatesView", () => new Promise(() => {}));
    void page.load("globex");
    expect([page.stage, page.view]).toEqual(["list", null]);
  });

  it("previews the edited draft with the scope shown, then stays on the editor when it is refused", async () => {
    const page = await pageOn();
    page.openEditor(sales);
    page.editor.form.name = "Sales EMEA";
    page.editor.scope.setExistingUsers(true);
    answers.set("templatesPreviewSave", reject("invalid_template"));
    await page.previewSave();
    const sent = calls.find((c) => c[0] === "templatesPreviewSave");
    expect(sent?.slice(1)).toEqual(["acme", { id: "t1", name: "Sales EMEA", groupId: "g1", licenses: ["calling"], meetings: [] }, { existingUsers: true, preserve: true }]);
    expect([page.stage, page.previewError?.code]).toEqual(["editor", "invalid_template"]);
    expect(page.editorError?.code).toBe("invalid_template");
  });

  it("drops a refused preview's error once the draft changes, so no advice outlives its cause", async () => {
    const page = await pageOn();
    page.openEditor(sales);
    answers.set("templatesPreviewSave", reject("invalid_template"));
    await page.previewSave();
    expect(page.editorError?.code).toBe("invalid_template");
    page.editor.setLicense("calling", false);
    expect(page.editorError).toBeNull();
  });

  it("t6_previews_a_delete_and_goes_back_to_the_list", async () => {
    const page = await pageOn();
    answers.set("templatesPreviewDelete", () => preview(null));
    await page.previewDelete(sales, false);
    expect(calls.at(-1)).toEqual(["templatesPreviewDelete", "acme", "t1", false]);
    expect(page.stage).toBe("preview");
    page.back();
    expect([page.stage, page.preview]).toEqual(["list", null]);
  });

  it("asks the same question again after the preview expired", async () => {
    const page = await pageOn();
    answers.set("templatesPreviewDelete", () => preview(null));
    await page.previewDelete(sales, true);
    answers.set("templatesCommit", reject("preview_expired"));
    expect(await page.commit("")).toBeNull();
    expect([page.stage, page.commitError?.code]).toEqual(["preview", "preview_expired"]);
    await page.previewAgain();
    expect(calls.filter((c) => c[0] === "templatesPreviewDelete").map((c) => c.slice(1))).toEqual([
      ["acme", "t1", true],
      ["acme", "t1", true],
    ]);
    expect([page.stage, page.commitError]).toEqual(["preview", null]);
  });

  it("c8_sends_the_typed_confirmation_only_when_the_preview_asks_for_one", async () => {
    const page = await pageOn();
    answers.set("templatesPreviewDelete", () => preview("remove calling from 3 users"));
    await page.previewDelete(sales, false);
    answers.set("templatesCommit", () => null);
    expect(await page.commit("remove calling from 3 users")).toEqual({ run: null });
    answers.set("templatesPreviewDelete", () => preview(null));
    await page.previewDelete(sales, true);
    await page.commit("stray text");
    expect(calls.filter((c) => c[0] === "templatesCommit").map((c) => c[1])).toEqual([
      { previewId: "pv1", typedConfirmation: "remove calling from 3 users" },
      { previewId: "pv1", typedConfirmation: null },
    ]);
    expect(page.stage).toBe("list");
  });

  it("offline: nothing was sent, the preview stays to apply later", async () => {
    const page = await pageOn();
    answers.set("templatesPreviewDelete", () => preview(null));
    await page.previewDelete(sales, true);
    answers.set("templatesCommit", reject("offline"));
    await page.commit("");
    expect([page.stage, page.preview?.previewId, page.commitError?.code]).toEqual(["preview", "pv1", "offline"]);
  });

  it("t1_a_mode_switch_shows_the_view_it_answers_with", async () => {
    const page = await pageOn();
    answers.set("templatesSetMode", () => ({ ...view("acme"), mode: "org" }));
    await page.setMode("org");
    expect(calls.at(-1)).toEqual(["templatesSetMode", "acme", "org"]);
    expect([page.view?.mode, page.view?.templates.length, page.settingError]).toEqual(["org", 0, null]);
  });
});
