// The one sync that can run at a time: start, cancel, progress, outcome.
// Screens read its fields; the top bar and the sync panel drive it.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import { backend, onSyncProgress, toApiError } from "../../lib/backend";
import { applyProgress, initialProgress, type ResourceProgress } from "./syncProgress";

/** `busy`: a sync was already running, so this one did not start. */
export type SyncOutcome = "done" | "cancelled" | "failed" | "busy";

class SyncController {
  /** The organization being synced, or whose sync failed last. */
  orgId = $state<string | null>(null);
  running = $state(false);
  cancelling = $state(false);
  progress = $state<ResourceProgress[]>(initialProgress());
  error = $state<ApiError | null>(null);

  private listening: Promise<unknown> | null = null;

  /** Subscribes to progress events once, before the first sync. */
  private listen(): Promise<unknown> {
    this.listening ??= onSyncProgress((event: SyncProgress) => {
      if (this.running && this.orgId) this.progress = applyProgress(this.progress, this.orgId, event);
    });
    return this.listening;
  }

  async run(orgId: string): Promise<SyncOutcome> {
    if (this.running) return "busy";
    await this.listen();
    this.orgId = orgId;
    this.running = true;
    this.cancelling = false;
    this.error = null;
    this.progress = initialProgress();
    try {
      await backend.syncOrg(orgId);
      return "done";
    } catch (reason) {
      const error = toApiError(reason);
      if (error.code === "cancelled") return "cancelled";
      this.error = error;
      return "failed";
    } finally {
      this.running = false;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    try {
      await backend.cancelSync();
    } catch (reason) {
      this.cancelling = false;
      this.error = toApiError(reason);
    }
  }

  dismissError(): void {
    this.error = null;
  }
}

export const sync = new SyncController();
