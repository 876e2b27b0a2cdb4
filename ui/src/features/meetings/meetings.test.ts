import { describe, expect, it } from "vitest";
import en from "../../lib/i18n/en.json";
import { createTranslator } from "../../lib/i18n/translate";
import type { MeetingsSaved } from "../../lib/bindings/MeetingsSaved";
import type { SessionTypeRow } from "../../lib/bindings/SessionTypeRow";
import { EVIDENCE_KINDS, evidenceWords, canSetTypes, enabledIds, fixButtons, placeFixes, roleWords, sameSet, savedWords, setToSend, typeNames, verdictWords } from "./meetings";

function row(id: string, shortName: string, name: string, paid: boolean, enabled: boolean | null): SessionTypeRow {
  return { sessionType: { id, shortName, name, kind: "meeting" }, paid, enabled };
}

const SITE = "acme.webex.com";
const ROWS = [row("1", "FRE", "Free Meeting", false, true), row("3", "PRO", "Pro Meeting", true, false), row("11", "PRV", "Private Meeting", true, true)];

describe("the Meetings tab's sets (rule S2: a save replaces the whole set)", () => {
  it("starts from what the user has and sends the chosen ids in the site's order", () => {
    expect(enabledIds(ROWS)).toEqual(["1", "11"]);
    expect(setToSend(ROWS, new Set(["11", "3"]))).toEqual(["3", "11"]);
    expect(setToSend(ROWS, new Set())).toEqual([]);
  });

  it("knows an unread set from an empty one", () => {
    expect(enabledIds(ROWS.map((r) => ({ ...r, enabled: null })))).toEqual([]);
  });

  it("compares sets regardless of order", () => {
    expect(sameSet(["3", "1"], ["1", "3"])).toBe(true);
    expect(sameSet(["3"], ["1", "3"])).toBe(false);
  });

  it("names types by the site's names, and keeps an id the site does not list", () => {
    expect(typeNames(["3", "99"], ROWS)).toBe("Pro Meeting (PRO), 99");
  });
});

describe("a save read back (rule S5)", () => {
  const saved = (sent: string[], readBack: string[]): MeetingsSaved => ({
    check: { siteUrl: SITE, sent, readBack },
    held: ROWS.filter((r) => readBack.includes(r.sessionType.id)).map((r) => r.sessionType),
    trackingId: "HUBDESK_1",
  });

  it("says what Webex holds when it is what was sent", () => {
    expect(savedWords(saved(["1", "3"], ["1", "3"]))).toEqual({ key: "meetings.saved.held", params: { site: SITE, types: "Free Meeting (FRE), Pro Meeting (PRO)" } });
  });

  it("says so when Webex holds something else", () => {
    expect(savedWords(saved(["1", "3"], ["1"])).key).toBe("meetings.saved.differs");
    expect(savedWords(saved(["3"], [])).key).toBe("meetings.saved.differsNone");
    expect(savedWords(saved([], [])).key).toBe("meetings.saved.heldNone");
  });
});

describe("roles, verdicts and fixes", () => {
  it("only a host's types can be set", () => {
    expect(canSetTypes({ type: "host", licenseId: "L", licenseName: "Meetings - Enterprise" })).toBe(true);
    expect(canSetTypes({ type: "attendee" })).toBe(false);
    expect(roleWords({ type: "host", licenseId: "L", licenseName: "Meetings - Enterprise" })).toEqual({ key: "meetings.role.host", params: { license: "Meetings - Enterprise" } });
  });

  it("words the verdict from its cause, or as a pass", () => {
    expect(verdictWords({ verdict: "paid_types_missing", siteUrl: SITE })).toEqual({ key: "meetings.verdict.paid_types_missing", params: { site: SITE } });
    expect(verdictWords({ verdict: null, siteUrl: SITE }).key).toBe("meetings.verdict.pass");
  });

  it("assigning a license is advice, not a button", () => {
    expect(fixButtons(["assign_license", "force_refresh"])).toEqual(["force_refresh"]);
  });
});

describe("placing the fix buttons", () => {
  it("shows each fix once, on a failing check first", () => {
    const placed = placeFixes([
      { status: "pass", fixes: [] },
      { status: "pass", fixes: ["reassign_license"] },
      { status: "pass", fixes: ["force_refresh"] },
      { status: "fail", fixes: ["force_refresh", "reassign_license"] },
    ]);
    expect(placed).toEqual([[], [], [], ["force_refresh", "reassign_license"]]);
  });

  it("leaves a fix on the first passing check that offers it when nothing fails", () => {
    const placed = placeFixes([
      { status: "pass", fixes: ["reassign_license"] },
      { status: "pass", fixes: ["force_refresh"] },
      { status: "skipped", fixes: [] },
      { status: "pass", fixes: ["force_refresh", "reassign_license"] },
    ]);
    expect(placed).toEqual([["reassign_license"], ["force_refresh"], [], []]);
  });
});

describe("the evidence of a check", () => {
  it("is worded from the catalogue with Webex's names as parameters", () => {
    expect(evidenceWords({ kind: "missingTypes", site: SITE, types: "Pro Meeting (PRO)" })).toEqual({
      key: "meetings.evidence.missingTypes",
      params: { site: SITE, types: "Pro Meeting (PRO)" },
    });
    expect(evidenceWords({ kind: "basicOnly" })).toEqual({ key: "meetings.evidence.basicOnly", params: {} });
  });

  it("has a sentence in the catalogue for every kind", () => {
    const translator = createTranslator("en", en, en);
    const missing = Object.keys(EVIDENCE_KINDS).filter((kind) => !translator.has(`meetings.evidence.${kind}`));
    expect(missing).toEqual([]);
  });
});
