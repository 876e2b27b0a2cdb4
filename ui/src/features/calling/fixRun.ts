// Sending a previewed Calling fix: through the journal as a run the run
// panel follows (Cancel, Resume), then the report read again.

import type { RunSummary } from "../../lib/bindings/RunSummary";
import { backend } from "../../lib/backend";
import { showToast } from "../../lib/components/toasts.svelte";
import { t } from "../../lib/i18n/index.svelte";
import { runs } from "../templates/run.svelte";
import { callingReports } from "./report.svelte";

/** Applies the preview; the typed text is C8's confirmation (null when the
 * preview removes no Calling). Rejects with the backend's ApiError. */
export async function applyFix(previewId: string, typedConfirmation: string | null): Promise<RunSummary | null> {
  // Listening first: a small run may finish before the command answers.
  await runs.prepare();
  const run = await backend.callingFixApply({ previewId, typedConfirmation });
  if (run) {
    await runs.follow(run);
    // A small run is over already: the run panel says so, a toast saying
    // it is being sent would outlive it.
    if (runs.running) showToast(t("templates.run.started", { count: run.total }), "info");
  }
  // A run still going refreshes the report when it stops (runs.version).
  if (!run || run.state !== "running") void callingReports.refresh();
  return run;
}

/** Enter confirms a dialog where that is safe: not from a field, a button
 * or a list (they have their own Enter), and never while a typed
 * confirmation is asked for (C8). */
export function enterConfirms(event: KeyboardEvent, typedAsked: boolean): boolean {
  if (event.key !== "Enter" || event.defaultPrevented || typedAsked) return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest("input, select, textarea, button, summary, a");
}
