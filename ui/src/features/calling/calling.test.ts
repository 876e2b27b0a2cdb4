import { describe, expect, it } from "vitest";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import { evidenceWords, reasonChips, suggestionWords, usersFor } from "./calling";

function user(reason: CallingUser["reason"], extra: Partial<CallingUser> = {}): CallingUser {
  return {
    personId: reason,
    email: `${reason}@acme.example`,
    displayName: reason,
    reason,
    evidence: { number: "+4533141647", locationId: "L1", locationName: "København", holder: "Reception", normalised: null, notNormalised: null },
    suggestedNumber: null,
    ...extra,
  };
}

describe("the Calling report in words (rules C2-C5)", () => {
  it("counts all and each reason", () => {
    const chips = reasonChips([{ reason: "no_work_number", count: 2 }, { reason: "not_e164", count: 3 }]);
    expect(chips).toEqual([{ id: "all", count: 5 }, { id: "no_work_number", count: 2 }, { id: "not_e164", count: 3 }]);
    expect(usersFor([user("not_e164"), user("eligible")], "eligible").map((u) => u.reason)).toEqual(["eligible"]);
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
