// Webex for BroadWorks subscribers in words (rules B3–B5): what each status
// looks like and the status chips. (The error text for a ticket is the
// rules', on each row.)

import type { StatusCount } from "../../lib/bindings/StatusCount";
import type { SubscriberStatus } from "../../lib/bindings/SubscriberStatus";
import type { Tone } from "../../lib/components/Pill.svelte";

export const STATUSES: readonly SubscriberStatus[] = [
  "error",
  "pending_email_input",
  "pending_email_validation",
  "pending_user_migration",
  "provisioning",
  "updating",
  "provisioned",
];

/** Errors in red, waiting on someone in amber, under way in blue, done in green. */
export function statusTone(status: string): Tone {
  if (status === "error") return "danger";
  if (status.startsWith("pending_")) return "warning";
  if (status === "provisioning" || status === "updating") return "accent";
  if (status === "provisioned") return "success";
  return "neutral";
}

/** The catalogue key of a status; a status this version does not know is
 * shown as Webex spells it. */
export function statusKey(status: string): string | null {
  return (STATUSES as readonly string[]).includes(status) ? `broadworks.status.${status}` : null;
}

export type StatusChoice = "all" | SubscriberStatus;

/** The chips: every status with its count (over the other filters), and
 * "all" with those the view shows. B5: with provisioned ones hidden, their
 * chip still says how many there are, and choosing it shows them. */
export function statusChips(counts: readonly StatusCount[], excludeProvisioned: boolean): { id: StatusChoice; count: number }[] {
  const shown = counts.filter((c) => !(excludeProvisioned && c.status === "provisioned"));
  const all = shown.reduce((sum, c) => sum + c.count, 0);
  return [{ id: "all", count: all }, ...STATUSES.map((status) => ({ id: status, count: counts.find((c) => c.status === status)?.count ?? 0 }))];
}

/** The statuses a chip asks for: every status but hidden ones for "all". */
export function statusesOf(choice: StatusChoice): SubscriberStatus[] {
  return choice === "all" ? [] : [choice];
}
