// Folding `sync-progress` events from a sync of every org into what the sync
// panel shows: how many orgs are finished, users fetched so far, which orgs
// failed and why. Events arrive for up to four orgs at once, interleaved.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { SyncPhase } from "../../lib/bindings/SyncPhase";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import type { SyncResource } from "../../lib/bindings/SyncResource";
import { ORG_RESOURCES } from "./syncProgress";

export type OrgPhase = SyncPhase | "waiting";

export interface OrgSyncState {
  orgId: string;
  /** The last phase of each resource heard of for this org. */
  resources: Partial<Record<SyncResource, SyncPhase>>;
  /** People fetched so far for this org. */
  people: number;
  /** The first failure, if any of its resources failed. */
  error: ApiError | null;
}

export interface AllSyncSummary {
  total: number;
  /** Orgs with every resource done. */
  done: number;
  /** Orgs that finished one way or another (done, failed or cancelled). */
  finished: number;
  /** Orgs being fetched right now, in list order. */
  running: string[];
  /** Failed orgs with the first error the backend gave (if it gave one). */
  failures: { orgId: string; error: ApiError | null }[];
  /** People fetched so far across every org. */
  people: number;
  /** People in the orgs that synced completely. */
  syncedPeople: number;
}

/** One waiting line per org known before the sync starts (the backend
 * refreshes the org list first; orgs it discovers are added as they come). */
export function startAll(orgIds: readonly string[]): OrgSyncState[] {
  return orgIds.map((orgId) => ({ orgId, resources: {}, people: 0, error: null }));
}

export function applyAllProgress(current: readonly OrgSyncState[], event: SyncProgress): OrgSyncState[] {
  const index = current.findIndex((o) => o.orgId === event.orgId);
  const before = index < 0 ? startAll([event.orgId])[0] : current[index];
  const after: OrgSyncState = {
    orgId: before.orgId,
    resources: { ...before.resources, [event.resource]: event.phase },
    // Failed and cancelled events carry no counts (zeros): keep what was seen.
    people: event.resource === "people" && event.phase !== "failed" && event.phase !== "cancelled" ? event.items : before.people,
    error: before.error ?? (event.phase === "failed" ? event.error : null),
  };
  if (index < 0) return [...current, after];
  return current.map((o, i) => (i === index ? after : o));
}

/** An org's phase from its resources': any failure fails it, any cancel
 * cancels it, and it is done only when everything it fetches is done. */
export function orgPhase(org: OrgSyncState): OrgPhase {
  const expected = new Set<SyncResource>([...ORG_RESOURCES, ...(Object.keys(org.resources) as SyncResource[])]);
  const phases = [...expected].map((r) => org.resources[r]);
  if (phases.includes("failed")) return "failed";
  if (phases.includes("cancelled")) return "cancelled";
  if (phases.every((p) => p === "done")) return "done";
  return phases.some((p) => p !== undefined) ? "running" : "waiting";
}

export function summarizeAll(orgs: readonly OrgSyncState[]): AllSyncSummary {
  const summary: AllSyncSummary = { total: orgs.length, done: 0, finished: 0, running: [], failures: [], people: 0, syncedPeople: 0 };
  for (const org of orgs) {
    const phase = orgPhase(org);
    summary.people += org.people;
    if (phase === "running") summary.running.push(org.orgId);
    if (phase !== "running" && phase !== "waiting") summary.finished++;
    if (phase === "done") {
      summary.done++;
      summary.syncedPeople += org.people;
    }
    if (phase === "failed") summary.failures.push({ orgId: org.orgId, error: org.error });
  }
  return summary;
}
