// The template being edited: its form, and the scope it is saved with.

import type { AssignmentMode } from "../../lib/bindings/AssignmentMode";
import type { SaveScope } from "../../lib/bindings/SaveScope";
import type { Template } from "../../lib/bindings/Template";
import type { TemplateDraft } from "../../lib/bindings/TemplateDraft";
import { formFromTemplate, formProblem, removesServices, toDraft, type EditorForm, type FormProblem, type SiteChoice } from "./draft";
import { SaveScopeChoice } from "./scope.svelte";

export class TemplateEditor {
  form = $state<EditorForm>(formFromTemplate(null));
  /** The saved template being edited; null for a new one. */
  original = $state.raw<Template | null>(null);
  readonly scope = new SaveScopeChoice();

  /** T6: the edit takes a service away that the template gave. */
  removes = $derived(removesServices(this.original, this.form));
  /** Preserve is asked when the template is applied now (T5) or takes a
   * service away (T6); otherwise nothing could be removed. */
  asksPreserve = $derived(this.scope.existingUsers || this.removes);

  /** T4: every opening starts from the template and the default scope. */
  open(template: Template | null): void {
    this.original = template;
    this.form = formFromTemplate(template);
    this.scope.reset();
  }

  setLicense(id: string, on: boolean): void {
    const others = this.form.licenses.filter((l) => l !== id);
    this.form.licenses = on ? [...others, id] : others;
  }

  setSite(siteUrl: string, choice: SiteChoice): void {
    this.form.sites[siteUrl] = choice;
  }

  problem(mode: AssignmentMode): FormProblem | null {
    return formProblem(this.form, mode);
  }

  draft(): TemplateDraft {
    return toDraft(this.form);
  }

  /** A preserve left off from an earlier step, no longer asked, must not
   * remove anything. */
  scopeValue(): SaveScope {
    const scope = this.scope.value();
    return { existingUsers: scope.existingUsers, preserve: this.asksPreserve ? scope.preserve : true };
  }
}
