// The template run being applied in the background, followed through its
// `run-progress` events: one at a time, and it outlives the screen (an admin
// may look at Users while a run goes on).

import type { ApiError } from "../../lib/bindings/ApiError";
import type { RunProgress } from "../../lib/bindings/RunProgress";
import type { RunSummary } from "../../lib/bindings/RunSummary";
import { backend, onRunProgress, toApiError } from "../../lib/backend";
import { say } from "../../lib/i18n/index.svelte";
import { applyRunProgress, runTitle, statusOf, type RunStatus } from "./runs";

export class RunTracker {
  status = $state<RunStatus | null>(null);
  /** The org the run changes: its panel shows under that org only. */
  orgId = $state<string | null>(null);
  title = $state("");
  cancelling = $state(false);
  resuming = $state(false);
  error = $state<ApiError | null>(null);
  /** Bumped when a run stops (finished or interrupted): lists reload. */
  version = $state(0);

  running = $derived(this.status?.state === "running");

  private listening: Promise<unknown> | null = null;
  /** The newest event of each run, for events that beat the command's reply
   * (a small run may finish before templates_commit answers). */
  private latest = new Map<string, RunProgress>();

  /** Subscribes once; call before starting a run so no event is missed. */
  prepare(): Promise<unknown> {
    this.listening ??= onRunProgress((event) => this.onProgress(event));
    return this.listening;
  }

  private onProgress(event: RunProgress): void {
    this.latest.set(event.runId, event);
    if (this.status?.runId === event.runId) this.update(applyRunProgress(this.status, event));
  }

  private update(next: RunStatus): void {
    const stopped = this.status?.state === "running" && next.state !== "running";
    this.status = next;
    if (stopped) {
      this.cancelling = false;
      this.version++;
    }
  }

  /** Shows `run` and follows it from now on. */
  async follow(run: RunSummary): Promise<void> {
    await this.prepare();
    this.title = say(runTitle(run.action));
    this.orgId = run.orgId;
    this.error = null;
    this.cancelling = false;
    this.status = statusOf(run);
    const early = this.latest.get(run.runId);
    if (early) this.update(applyRunProgress(this.status, early));
  }

  /** Stops after the requests in flight; the run becomes interrupted. */
  async cancel(): Promise<void> {
    if (!this.status || !this.running) return;
    this.cancelling = true;
    try {
      await backend.runCancel(this.status.runId);
    } catch (reason) {
      this.cancelling = false;
      this.error = toApiError(reason);
    }
  }

  /** Sends every change of the run that is left, once. */
  async resume(runId: string): Promise<boolean> {
    this.resuming = true;
    this.error = null;
    try {
      await this.prepare();
      await this.follow(await backend.runResume(runId));
      return true;
    } catch (reason) {
      this.error = toApiError(reason);
      return false;
    } finally {
      this.resuming = false;
    }
  }

  /** Hides a stopped run's panel. */
  dismiss(): void {
    if (this.running) return;
    this.status = null;
    this.error = null;
  }
}

export const runs = new RunTracker();
