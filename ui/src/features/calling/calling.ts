// The Calling report in words (rules C2–C5): each reason's chip and the
// evidence sentence from the report's data.

import type { CallingMismatch } from "../../lib/bindings/CallingMismatch";
import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { CallingReasonCount } from "../../lib/bindings/CallingReasonCount";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { Words } from "../templates/preview";

/** A reason, every user without Calling, or (C7) the users with Calling
 * whose work number differs from their Calling number. */
export type ReasonChoice = "all" | CallingReason | "mismatch";

/** "All" first, then every reason with its count, then C7's mismatches
 * (not counted in "All": those users have Calling). */
export function reasonChips(counts: readonly CallingReasonCount[], mismatches = 0): { id: ReasonChoice; count: number }[] {
  const all = counts.reduce((sum, c) => sum + c.count, 0);
  return [{ id: "all", count: all }, ...counts.map((c) => ({ id: c.reason, count: c.count })), { id: "mismatch", count: mismatches }];
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Whether one of the fields holds the typed text (case and accents
 * aside; a number also without its spaces and dashes). C7's list is
 * searched here; the users without Calling are searched by the backend. */
function matches(fields: readonly (string | null)[], text: string): boolean {
  const wanted = fold(text.trim());
  if (wanted === "") return true;
  const digits = wanted.replace(/[\s-]/g, "");
  return fields.some((f) => f !== null && (fold(f).includes(wanted) || (digits !== "" && f.replace(/[\s-]/g, "").includes(digits))));
}

/** C7's list under the same text. */
export function mismatchesFor(mismatches: readonly CallingMismatch[], text = ""): CallingMismatch[] {
  return mismatches.filter((m) => matches([m.displayName, m.email, m.workNumber, m.callingNumber], text));
}

/** The evidence as a sentence: the reason's words with the number, the
 * location (its name, else its id) and who holds the number. */
export function evidenceWords(user: CallingUser): Words {
  const e = user.evidence;
  return {
    key: `calling.evidence.${user.reason}`,
    params: { number: e.number ?? "", location: e.locationName ?? e.locationId ?? "", holder: e.holder ?? "" },
  };
}

/** For a number that is not E.164: the number it could be, or why none. */
export function suggestionWords(user: CallingUser): Words | null {
  if (user.reason !== "not_e164") return null;
  if (user.suggestedNumber) return { key: "calling.suggestion", params: { number: user.suggestedNumber } };
  const why = user.evidence.notNormalised?.kind ?? "invalid";
  return { key: "calling.noSuggestion", params: { why: `calling.why.${why}` } };
}
