// The Templates tab of the selected org: its view, the org-level settings,
// and the way from the editor through the preview to a run. Nothing is sent
// to Webex before the admin has seen the preview and applied it.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { AssignmentMode } from "../../lib/bindings/AssignmentMode";
import type { Preview } from "../../lib/bindings/Preview";
import type { RunSummary } from "../../lib/bindings/RunSummary";
import type { SaveScope } from "../../lib/bindings/SaveScope";
import type { TemplateDraft } from "../../lib/bindings/TemplateDraft";
import type { TemplatesView } from "../../lib/bindings/TemplatesView";
import type { Template } from "../../lib/bindings/Template";
import { backend, toApiError } from "../../lib/backend";
import { Generations } from "../../lib/latest";
import { TemplateEditor } from "./editor.svelte";
import { runs } from "./run.svelte";

export type Stage = "list" | "editor" | "preview";

/** What a preview was asked for, kept to ask again when it expired. */
export type PreviewRequest =
  | { kind: "save"; draft: TemplateDraft; scope: SaveScope }
  | { kind: "delete"; template: Template; preserve: boolean };

/** How a commit ended: a run started, or nothing needed sending. */
export type CommitOutcome = { run: RunSummary | null } | null;

export class TemplatesPage {
  orgId = $state<string | null>(null);
  // Raw: views and previews are replaced whole, and a preview can hold
  // 100,000 users that need no deep reactivity.
  view = $state.raw<TemplatesView | null>(null);
  loadError = $state<ApiError | null>(null);
  /** The last failed change of an org-level setting (mode, T7). */
  settingError = $state<ApiError | null>(null);
  settingBusy = $state(false);

  stage = $state<Stage>("list");
  readonly editor = new TemplateEditor();
  request = $state.raw<PreviewRequest | null>(null);
  preview = $state.raw<Preview | null>(null);
  previewing = $state(false);
  previewError = $state<ApiError | null>(null);
  committing = $state(false);
  commitError = $state<ApiError | null>(null);

  private loads = new Generations();

  async load(orgId: string): Promise<void> {
    const isCurrent = this.loads.next();
    if (orgId !== this.orgId) this.leaveOrg(orgId);
    try {
      const view = await backend.templatesView(orgId);
      if (!isCurrent()) return;
      this.view = view;
      this.loadError = null;
    } catch (reason) {
      if (isCurrent()) this.loadError = toApiError(reason);
    }
  }

  /** Another org's templates, editor or preview must not stay on screen. */
  private leaveOrg(orgId: string): void {
    this.orgId = orgId;
    this.view = null;
    this.stage = "list";
    this.preview = null;
    this.request = null;
    this.previewError = null;
    this.commitError = null;
    this.settingError = null;
  }

  /** T1: deletes the templates of the mode left (the caller confirmed). */
  setMode(mode: AssignmentMode): Promise<void> {
    return this.changeSetting((orgId) => backend.templatesSetMode(orgId, mode));
  }

  /** T7: keep licenses when users move between groups. */
  setTransitionPreserve(preserve: boolean): Promise<void> {
    return this.changeSetting((orgId) => backend.templatesSetTransitionPreserve(orgId, preserve));
  }

  private async changeSetting(change: (orgId: string) => Promise<TemplatesView>): Promise<void> {
    const orgId = this.orgId;
    if (!orgId || this.settingBusy) return;
    this.settingBusy = true;
    this.settingError = null;
    try {
      const view = await change(orgId);
      if (orgId === this.orgId) this.view = view;
    } catch (reason) {
      if (orgId === this.orgId) this.settingError = toApiError(reason);
    } finally {
      this.settingBusy = false;
    }
  }

  /** A failed preview's error while the editor still holds the draft it was
   * asked with: changing the draft answers it, so it goes. */
  get editorError(): ApiError | null {
    const request = this.request;
    if (!this.previewError || request?.kind !== "save") return this.previewError;
    return JSON.stringify(request.draft) === JSON.stringify(this.editor.draft()) ? this.previewError : null;
  }

  openEditor(template: Template | null): void {
    this.editor.open(template);
    this.previewError = null;
    this.stage = "editor";
  }

  closeEditor(): void {
    this.previewError = null;
    this.stage = "list";
  }

  previewSave(): Promise<void> {
    return this.ask({ kind: "save", draft: this.editor.draft(), scope: this.editor.scopeValue() });
  }

  /** T6: deleting, keeping (`preserve`) or taking back what it gave. */
  previewDelete(template: Template, preserve: boolean): Promise<void> {
    return this.ask({ kind: "delete", template, preserve });
  }

  /** After `preview_expired`: the same question against today's cache. */
  previewAgain(): Promise<void> {
    return this.request ? this.ask(this.request) : Promise.resolve();
  }

  private async ask(request: PreviewRequest): Promise<void> {
    const orgId = this.orgId;
    if (!orgId) return;
    this.request = request;
    this.previewing = true;
    this.previewError = null;
    this.commitError = null;
    try {
      const preview =
        request.kind === "save"
          ? await backend.templatesPreviewSave(orgId, request.draft, request.scope)
          : await backend.templatesPreviewDelete(orgId, request.template.id, request.preserve);
      if (orgId !== this.orgId) return;
      this.preview = preview;
      this.stage = "preview";
    } catch (reason) {
      if (orgId === this.orgId) this.previewError = toApiError(reason);
    } finally {
      this.previewing = false;
    }
  }

  /** Back from the preview to where it was asked from. */
  back(): void {
    this.stage = this.request?.kind === "save" ? "editor" : "list";
    this.preview = null;
    this.commitError = null;
  }

  /** Saves or deletes, and starts the run. `typed` is the C8 confirmation,
   * sent only when the preview asks for one. Returns null on failure. */
  async commit(typed: string): Promise<CommitOutcome> {
    const preview = this.preview;
    if (!preview || this.committing) return null;
    this.committing = true;
    this.commitError = null;
    try {
      // Listening first: a small run may finish before the reply comes.
      await runs.prepare();
      const run = await backend.templatesCommit({
        previewId: preview.previewId,
        typedConfirmation: preview.callingConfirmation === null ? null : typed,
      });
      if (run) await runs.follow(run);
      this.stage = "list";
      this.preview = null;
      this.request = null;
      if (this.orgId) void this.load(this.orgId);
      return { run };
    } catch (reason) {
      this.commitError = toApiError(reason);
      return null;
    } finally {
      this.committing = false;
    }
  }
}
