// The one sync that can run at a time, of one org or of every org: start,
// cancel, progress, outcome. Screens read its fields; the top bar and the
// sync panel drive it.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import { backend, onSyncProgress, toApiError } from "../../lib/backend";
import { applyAllProgress, startAll, summarizeAll, type OrgSyncState } from "./syncAllProgress";
import { applyProgress, initialProgress, type ResourceProgress } from "./syncProgress";

/** `busy`: a sync was already running, so this one did not start. */
export type SyncOutcome = "done" | "cancelled" | "failed" | "busy";

/** One org (`sync_org`) or every org (`sync_all`). */
export type SyncScope = "org" | "all";

class SyncController {
  scope = $state<SyncScope>("org");
  /** The organization being synced, or whose sync failed last (scope "org"). */
  orgId = $state<string | null>(null);
  running = $state(false);
  cancelling = $state(false);
  /** Per resource, for scope "org". */
  progress = $state<ResourceProgress[]>(initialProgress());
  /** Per org, for scope "all"; kept after the sync to report failures. */
  orgs = $state<OrgSyncState[]>([]);
  allSummary = $derived(summarizeAll(this.orgs));
  error = $state<ApiError | null>(null);

  private listening: Promise<unknown> | null = null;

  /** Subscribes to progress events once, before the first sync. */
  private listen(): Promise<unknown> {
    this.listening ??= onSyncProgress((event: SyncProgress) => {
      if (!this.running) return;
      if (this.scope === "all") this.orgs = applyAllProgress(this.orgs, event);
      else if (this.orgId) this.progress = applyProgress(this.progress, this.orgId, event);
    });
    return this.listening;
  }

  run(orgId: string): Promise<SyncOutcome> {
    return this.track("org", orgId, () => backend.syncOrg(orgId));
  }

  /** Syncs every org; `knownOrgIds` are shown as waiting until they start. */
  runAll(knownOrgIds: readonly string[]): Promise<SyncOutcome> {
    return this.track("all", null, () => backend.syncAll(), knownOrgIds);
  }

  private async track(
    scope: SyncScope,
    orgId: string | null,
    work: () => Promise<unknown>,
    knownOrgIds: readonly string[] = [],
  ): Promise<SyncOutcome> {
    if (this.running) return "busy";
    await this.listen();
    this.scope = scope;
    this.orgId = orgId;
    this.running = true;
    this.cancelling = false;
    this.error = null;
    this.progress = initialProgress();
    this.orgs = startAll(knownOrgIds);
    try {
      await work();
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
