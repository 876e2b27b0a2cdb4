// Session types for many users on one site (rules S1, S2), as the window
// asks for them: the change from the form, the preview in words, and how
// long reading everyone's types takes at Webex's pace.

import type { BulkPreview } from "../../lib/bindings/BulkPreview";
import type { SessionType } from "../../lib/bindings/SessionType";
import type { TypesChange } from "../../lib/bindings/TypesChange";
import type { Words } from "../templates/preview";

export type BulkMode = "add" | "remove" | "exact";

/** The change the form describes, or null when it would change nothing
 * (adding or removing no type). Exactly no type is a real change: it
 * takes every type away. */
export function changeOf(mode: BulkMode, chosen: readonly string[]): TypesChange | null {
  if (mode === "exact") return { mode: "exact", types: [...chosen] };
  if (chosen.length === 0) return null;
  return mode === "add" ? { mode: "change", add: [...chosen], remove: [] } : { mode: "change", add: [], remove: [...chosen] };
}

/** Webex answers about 50 requests a second for an org: reading each
 * user's set takes one each. */
const REQUESTS_PER_SECOND = 50;

/** How long the preview's reads take, in whole minutes, when it is long
 * enough to say (over half a minute); null otherwise. */
export function readMinutes(users: number): number | null {
  const seconds = users / REQUESTS_PER_SECOND;
  return seconds < 30 ? null : Math.max(1, Math.round(seconds / 60));
}

/** "Pro Meeting (PRO)" for an id of the site, the id itself otherwise. */
export function typeName(id: string, types: readonly SessionType[]): string {
  const type = types.find((t) => t.id === id);
  return type ? `${type.name} (${type.shortName})` : id;
}

/** The preview's headline numbers, each with its words. */
export function previewCounts(preview: BulkPreview): { key: string; count: number; tone: "accent" | "neutral" | "warning" }[] {
  const counts = [
    { key: "meetings.bulk.count.changing", count: preview.plan.changes.length, tone: "accent" as const },
    { key: "meetings.bulk.count.unchanged", count: preview.plan.unchanged, tone: "neutral" as const },
    { key: "meetings.bulk.count.notHosts", count: preview.notHosts.length, tone: "warning" as const },
    { key: "meetings.bulk.count.unread", count: preview.unread.length, tone: "warning" as const },
    { key: "meetings.bulk.count.notFound", count: preview.notFound.length, tone: "warning" as const },
  ];
  return counts.filter((c, i) => i === 0 || c.count > 0);
}

/** One user's change in words: "+ Pro Meeting (PRO) · − Free Meeting (FRE)". */
export function userChangeWords(gains: readonly string[], loses: readonly string[], types: readonly SessionType[]): string {
  const parts = [...gains.map((id) => `+ ${typeName(id, types)}`), ...loses.map((id) => `− ${typeName(id, types)}`)];
  return parts.join(" · ");
}

/** S1: users the change leaves on the free type only are cut at 40
 * minutes; the preview says so before anything is sent. */
export function freeOnlyWarning(preview: BulkPreview): Words | null {
  const count = preview.plan.leftFreeOnly;
  return count > 0 ? { key: "meetings.bulk.freeOnly", params: { count } } : null;
}
