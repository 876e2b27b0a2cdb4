// The org's Calling report by person (C3, C5, C7), for the users table's
// Calling column: a user in `users` has that reason, one in `mismatches`
// has Calling with another number than the directory's, everyone else has
// Calling.

import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { CallingReport } from "../../lib/bindings/CallingReport";
import type { Tone } from "../../lib/components/Pill.svelte";
import type { Words } from "../templates/preview";

export type CallingStatus = { kind: "calling" } | { kind: "missing"; reason: CallingReason } | { kind: "mismatch" };

export type StatusIndex = ReadonlyMap<string, CallingStatus>;

const HAS_CALLING: CallingStatus = { kind: "calling" };

/** Person id → status, for the users the report lists (the others have
 * Calling). */
export function statusIndex(report: CallingReport): StatusIndex {
  const index = new Map<string, CallingStatus>();
  for (const m of report.mismatches) index.set(m.personId, { kind: "mismatch" });
  for (const u of report.users) index.set(u.personId, { kind: "missing", reason: u.reason });
  return index;
}

export function statusOf(index: StatusIndex, personId: string): CallingStatus {
  return index.get(personId) ?? HAS_CALLING;
}

/** The column's short words. */
export function statusWords(status: CallingStatus): Words {
  switch (status.kind) {
    case "calling":
      return { key: "calling.status.calling" };
    case "mismatch":
      return { key: "calling.status.mismatch" };
    case "missing":
      return { key: `calling.reason.${status.reason}` };
  }
}

/** Eligible users only wait for a template; a number held elsewhere or a
 * location without Calling needs a look; the rest need a number. */
export function reasonTone(reason: CallingReason): Tone {
  if (reason === "eligible") return "accent";
  if (reason === "number_taken" || reason === "location_not_calling") return "warning";
  return "danger";
}

export function statusTone(status: CallingStatus): Tone {
  if (status.kind === "calling") return "success";
  if (status.kind === "mismatch") return "warning";
  return reasonTone(status.reason);
}
