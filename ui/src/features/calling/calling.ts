// The Calling report in words (rules C2–C5): each reason's chip and the
// evidence sentence from the report's data.

import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { CallingReasonCount } from "../../lib/bindings/CallingReasonCount";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { Words } from "../templates/preview";

export type ReasonChoice = "all" | CallingReason;

/** "All" first, then every reason with its count. */
export function reasonChips(counts: readonly CallingReasonCount[]): { id: ReasonChoice; count: number }[] {
  const all = counts.reduce((sum, c) => sum + c.count, 0);
  return [{ id: "all", count: all }, ...counts.map((c) => ({ id: c.reason, count: c.count }))];
}

export function usersFor(users: readonly CallingUser[], choice: ReasonChoice): CallingUser[] {
  return choice === "all" ? [...users] : users.filter((u) => u.reason === choice);
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
