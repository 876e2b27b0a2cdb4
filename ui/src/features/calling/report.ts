// A user's Calling status (C3, C5, C7), for the users table's Calling
// column: the reason the report gives a user without Calling, "mismatch"
// for one of C7's list (Calling with another number than the
// directory's), Calling for everyone else.

import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { Tone } from "../../lib/components/Pill.svelte";
import type { Words } from "../templates/preview";

export type CallingStatus = { kind: "calling" } | { kind: "missing"; reason: CallingReason } | { kind: "mismatch" };

const HAS_CALLING: CallingStatus = { kind: "calling" };
const MISMATCH: CallingStatus = { kind: "mismatch" };

/** The status of a user the report gives `reason` (null: they have
 * Calling); one of C7's list says so whatever the reason. */
export function statusOf(reason: CallingReason | null, mismatch: boolean): CallingStatus {
  if (mismatch) return MISMATCH;
  return reason === null ? HAS_CALLING : { kind: "missing", reason };
}

/** A word or two for the users table's Calling column, which is narrow;
 * `statusTitle` is the whole reason, for its tooltip. */
export function statusWords(status: CallingStatus): Words {
  if (status.kind === "missing") return { key: `calling.reasonShort.${status.reason}` };
  return statusTitle(status);
}

/** The whole status in words: the reason as the Calling screen says it. */
export function statusTitle(status: CallingStatus): Words {
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
