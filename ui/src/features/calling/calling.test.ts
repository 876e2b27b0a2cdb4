import { describe, expect, it } from "vitest";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { CallingMismatch } from "../../lib/bindings/CallingMismatch";
import { evidenceWords, mismatchesFor, reasonChips, suggestionWords } from "./calling";

function user(reason: CallingUser["reason"], extra: Partial<CallingUser> = {}): CallingUser {
  return {
    personId: reason,
    email: `${reason}@acme.example`,
    displayName: reason,
    reason,
    evidence: { number: "+4533141647", locationId: "L1", locationName: "København", holder: "Reception", holderKind: "service", normalised: null, notNormalised: null },
    suggestedNumber: null,
    suggestedFix: null,
    ...extra,
  };
}

describe("the Calling report in words (rules C2-C5)", () => {
  it("counts all and each reason, then C7's differing numbers apart from all", () => {
    const chips = reasonChips([{ reason: "no_work_number", count: 2 }, { reason: "not_e164", count: 3 }], 4);
    expect(chips).toEqual([
      { id: "all", count: 5 },
      { id: "no_work_number", count: 2 },
      { id: "not_e164", count: 3 },
      { id: "mismatch", count: 4 },
    ]);
  });

  it("narrows C7's list by name, email or number, a number also typed with spaces", () => {
    const mismatch: CallingMismatch = { personId: "m", email: "zoe@acme.example", displayName: "Zoé Dubois", workNumber: "+4533141600", callingNumber: "+4533141699", extension: null, locationId: null, locationName: null, suggestedFix: null };
    expect(mismatchesFor([mismatch], "zoe")).toEqual([mismatch]);
    expect(mismatchesFor([mismatch], "141699")).toEqual([mismatch]);
    expect(mismatchesFor([mismatch], "33 14 16 00")).toEqual([mismatch]);
    expect(mismatchesFor([mismatch], "nobody")).toEqual([]);
  });

  it("c5 names the holder and the location of a taken number", () => {
    expect(evidenceWords(user("number_taken"))).toEqual({
      key: "calling.evidence.number_taken",
      params: { number: "+4533141647", location: "København", holder: "Reception" },
    });
  });

  it("c4 offers the E.164 number, or says why none can be made", () => {
    expect(suggestionWords(user("not_e164", { suggestedNumber: "+4533141647" }))).toEqual({ key: "calling.suggestion", params: { number: "+4533141647" } });
    const none = user("not_e164", { evidence: { ...user("not_e164").evidence, notNormalised: { kind: "noCountry" } } });
    expect(suggestionWords(none)).toEqual({ key: "calling.noSuggestion", params: { why: "calling.why.noCountry" } });
    expect(suggestionWords(user("eligible"))).toBeNull();
  });
});
