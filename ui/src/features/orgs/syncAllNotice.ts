// The toast after a sync of every org: what got synced, even when some orgs
// failed or the sync was cancelled part way (their failures stay listed in
// the sync panel).

import type { OrgSummary } from "../../lib/bindings/OrgSummary";
import type { ToastItem } from "../../lib/components/toasts.svelte";
import { t } from "../../lib/i18n/index.svelte";
import type { SyncOutcome } from "./sync.svelte";
import type { AllSyncSummary } from "./syncAllProgress";

export function syncAllNotice(
  outcome: Exclude<SyncOutcome, "busy">,
  orgs: readonly OrgSummary[],
  summary: AllSyncSummary,
): [string, ToastItem["tone"]] {
  if (outcome === "done") {
    // The refreshed org list is the authority on a full success: it has
    // every org's new count even if a last progress event is still in flight.
    const people = orgs.reduce((sum, org) => sum + org.peopleCount, 0);
    return [t("sync.all.completed", { count: orgs.length, users: users(people) }), "success"];
  }
  const total = Math.max(summary.total, orgs.length);
  const partly = { done: summary.done, count: total, users: users(summary.syncedPeople) };
  if (outcome === "cancelled") {
    return summary.done > 0 ? [t("sync.all.cancelledPartly", partly), "info"] : [t("sync.cancelledNotice"), "info"];
  }
  return summary.done > 0 ? [t("sync.all.failedPartly", partly), "info"] : [t("sync.all.failedAll"), "danger"];
}

function users(count: number): string {
  return t("sync.all.users", { count });
}
