import { describe, expect, it } from "vitest";
import type { LicenseUse } from "../../lib/bindings/LicenseUse";
import type { PlanTotals } from "../../lib/bindings/PlanTotals";
import type { UserChange } from "../../lib/bindings/UserChange";
import en from "../../lib/i18n/en.json";
import { createTranslator } from "../../lib/i18n/translate";
import { issueWords, planIsEmpty, totalsList, poolState, userNotes, viewUsers, type Words } from "./preview";

const user = (name: string, change: Partial<UserChange> = {}): UserChange => ({
  personId: name,
  email: `${name.toLowerCase()}@example.com`,
  displayName: name,
  add: [],
  remove: [],
  roles: [],
  issues: [],
  pendingFirstSignIn: false,
  ...change,
});

const ada = user("Ada", { add: [{ licenseId: "c", name: "Calling", subscriptionId: null, siteUrl: null, calling: null }] });
const bo = user("Bö", { remove: [{ licenseId: "c", name: "Calling", calling: true }] });
const cy = user("Cy", {
  remove: [{ licenseId: "m", name: "Messaging", calling: false }],
  issues: [{ kind: "needsNumber", reason: { problem: "noWorkNumber" } }],
});
const di = user("Di", { roles: [{ siteUrl: "a.webex.com", from: "host", to: "attendee" }] });
const ed = user("Ed", { roles: [{ siteUrl: "a.webex.com", from: "none", to: "attendee" }] });
const USERS = [ada, bo, cy, di, ed];

const translator = createTranslator("en", en, en);
const say = (w: Words) => translator.t(w.key, w.params);

describe("filtering the preview's users", () => {
  it("counts every chip under the text filter and shows the chosen one", () => {
    const view = viewUsers(USERS, "loses", "");
    expect(view.users.map((u) => u.displayName)).toEqual(["Bö", "Cy", "Di"]);
    expect(view.counts).toEqual({ all: 5, gains: 2, loses: 3, issues: 1, callingRemovals: 1 });
  });

  it("t16_issues_chip_counts_the_rows_whose_issues_column_says_something", () => {
    const pending = user("Flo", { add: ada.add, pendingFirstSignIn: true });
    const view = viewUsers([ada, pending], "issues", "");
    expect(userNotes(pending)).not.toEqual([]);
    expect(view.counts.issues).toBe(1);
    expect(view.users).toEqual([pending]);
  });

  it("c8_calling_removals_have_their_own_chip", () => {
    expect(viewUsers(USERS, "callingRemovals", "").users).toEqual([bo]);
  });

  it("matches names and emails, ignoring case and accents", () => {
    expect(viewUsers(USERS, "all", " bo ").users).toEqual([bo]);
    expect(viewUsers(USERS, "all", "ED@EXAMPLE").users).toEqual([ed]);
    expect(viewUsers(USERS, "gains", "cy").counts.all).toBe(1);
  });

  it("a role going down is a loss, going up a gain", () => {
    expect([viewUsers([di], "gains", "").users, viewUsers([ed], "gains", "").users]).toEqual([[], [ed]]);
  });
});

describe("issues in words", () => {
  it("c2_names_the_precise_number_problem", () => {
    const words = [
      { problem: "noWorkNumber" },
      { problem: "notE164", number: "0455 123" },
      { problem: "notInInventory", number: "+14155550100" },
      { problem: "locationNotCalling", number: "+14155550101", locationId: "L1" },
      { problem: "takenBy", number: "+14155550102", owner: "Lobby phone" },
    ].map((reason) => say(issueWords({ kind: "needsNumber", reason } as never)));
    expect(words).toEqual([
      "Needs a number: no work number in the directory",
      "Needs a number: 0455 123 is not in E.164 format",
      "Needs a number: +14155550100 is not in the Calling number inventory",
      "Needs a number: the location of +14155550101 is not enabled for Calling",
      "Needs a number: +14155550102 is held by Lobby phone",
    ]);
  });

  it("explains units, attendee fallback, admins and users created with licenses", () => {
    const words = [
      issueWords({ kind: "noUnitsLeft", licenseName: "Calling Professional" }),
      issueWords({ kind: "attendeeInsteadOfHost", siteUrl: "a.webex.com" }),
      issueWords({ kind: "siteAdminWithoutHost", siteUrl: "a.webex.com" }),
      issueWords({ kind: "createdWithLicenses" }),
    ].map(say);
    expect(words).toEqual([
      "No units left of Calling Professional",
      "Attendee instead of host on a.webex.com: no host units left",
      "Nothing on a.webex.com: no host units left, and a site administrator cannot be an attendee",
      "Created with licenses: the org template leaves this user alone",
    ]);
  });

  it("t16_pending_first_sign_in_comes_last", () => {
    const notes = userNotes({ ...cy, pendingFirstSignIn: true }).map(say);
    expect(notes).toEqual(["Needs a number: no work number in the directory", "Pending first sign-in: takes effect when they first sign in"]);
  });
});

const totals = (values: Partial<PlanTotals>): PlanTotals => ({
  usersInScope: 0,
  usersChanged: 0,
  licensesAdded: 0,
  licensesRemoved: 0,
  rolesChanged: 0,
  callingRemovals: 0,
  needsNumber: 0,
  pendingFirstSignIn: 0,
  noUnitsLeft: 0,
  ...values,
});

describe("totals", () => {
  it("flags only figures above zero, Calling removals in the danger colour", () => {
    const list = totalsList(totals({ usersChanged: 4, callingRemovals: 2, needsNumber: 0 }));
    const tone = (id: string) => list.find((t) => t.id === id)?.tone;
    expect([tone("usersChanged"), tone("callingRemovals"), tone("needsNumber")]).toEqual(["neutral", "danger", "neutral"]);
    expect(list).toHaveLength(8);
  });

  it("an empty plan sends nothing", () => {
    expect([planIsEmpty(totals({})), planIsEmpty(totals({ usersChanged: 1 }))]).toEqual([true, false]);
  });
});

describe("license use", () => {
  const use = (before: number, after: number, total: number, shortBy = 0): LicenseUse => ({
    licenseId: "c",
    name: "Calling",
    subscriptionId: "S1",
    siteUrl: null,
    totalUnits: total,
    consumedBefore: before,
    consumedAfter: after,
    shortBy,
  });

  it("flags a pool that runs out, and one whose last units go", () => {
    expect([poolState(use(8, 10, 10, 3)), poolState(use(8, 10, 10)), poolState(use(8, 9, 10)), poolState(use(10, 10, 10))]).toEqual([
      "short",
      "last",
      "ok",
      "ok",
    ]);
  });
});
