// Folding `sync-progress` events into what the sync panel shows: one line
// per resource with its phase, pages and items.

import type { SyncPhase } from "../../lib/bindings/SyncPhase";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import type { SyncResource } from "../../lib/bindings/SyncResource";

export interface ResourceProgress {
  resource: SyncResource;
  phase: SyncPhase | "waiting";
  pages: number;
  items: number;
}

/** What syncing one organization fetches, in the order it does it. */
export const ORG_RESOURCES: readonly SyncResource[] = [
  "people",
  "licenses",
  "groups",
  "locations",
  "numbers",
  "session_types",
];

export function initialProgress(): ResourceProgress[] {
  return ORG_RESOURCES.map((resource) => ({ resource, phase: "waiting", pages: 0, items: 0 }));
}

/** The progress list after one event. Events for another organization are
 * ignored (a late event from an earlier sync must not leak into this one);
 * a resource not listed yet is appended. */
export function applyProgress(
  current: readonly ResourceProgress[],
  orgId: string,
  event: SyncProgress,
): ResourceProgress[] {
  if (event.orgId !== orgId) return [...current];
  const line: ResourceProgress = {
    resource: event.resource,
    phase: event.phase,
    pages: event.pages,
    items: event.items,
  };
  const index = current.findIndex((p) => p.resource === event.resource);
  if (index < 0) return [...current, line];
  return current.map((p, i) => (i === index ? line : p));
}
