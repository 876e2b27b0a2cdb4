import { describe, expect, it } from "vitest";
import type { CallingFixChange } from "../../lib/bindings/CallingFixChange";
import type { CallingFixPreview } from "../../lib/bindings/CallingFixPreview";
import type { CallingLocationChoice } from "../../lib/bindings/CallingLocationChoice";
import type { CallingMismatch } from "../../lib/bindings/CallingMismatch";
import type { LicenseOption } from "../../lib/bindings/LicenseOption";
import { bulkAsks, callingRemovals, changeRow, chosenFix, fixWords, isExtension, lineLicenses, locationProblem, mismatchAsks, previewCounts, skipWords } from "./fixes";

const assign = { kind: "assignCalling" as const, licenseId: "lic-call", locationId: "L1", phoneNumber: "+4533141647", extension: null };
const reprovision = { kind: "reprovision" as const, licenseId: "lic-call", locationId: "L1", phoneNumber: "+4533141600" };
const setNumber = { kind: "setWorkNumber" as const, number: "+4533141647" };

function change(fix: CallingFixChange["fix"], extra: Partial<CallingFixChange> = {}): CallingFixChange {
  return { personId: `p-${fix.kind}`, email: "ada@acme.example", displayName: "Ada", reason: "not_e164", workNumber: "33 14 16 47", fix, locationName: "København", ...extra };
}

function preview(changes: CallingFixChange[], skipped: CallingFixPreview["skipped"] = []): CallingFixPreview {
  return { previewId: "pv", orgId: "org", changes, skipped, callingConfirmation: null };
}

const copenhagen: CallingLocationChoice = { id: "L1", name: "København", callingEnabled: true, freeNumbers: ["+4533141647"], freeTotal: 1 };
const oslo: CallingLocationChoice = { id: "L2", name: "Oslo", callingEnabled: false, freeNumbers: [], freeTotal: 0 };

describe("a Calling fix in words (C1, C4, C7)", () => {
  it("c4 sets the work number to the E.164 number", () => {
    expect(fixWords(setNumber, null)).toEqual({ key: "calling.fix.setWorkNumber", params: { number: "+4533141647" } });
  });

  it("c1 gives Calling at the location by name, else by id, with a number, an extension or both", () => {
    expect(fixWords(assign, "København")).toEqual({ key: "calling.fix.assignNumber", params: { location: "København", number: "+4533141647" } });
    expect(fixWords({ ...assign, phoneNumber: null, extension: "2041" }, null)).toEqual({ key: "calling.fix.assignExtension", params: { location: "L1", extension: "2041" } });
    expect(fixWords({ ...assign, extension: "2041" }, "København").key).toBe("calling.fix.assignBoth");
  });

  it("c7 reprovisions, and says what it was before: the Calling number, or an extension only", () => {
    expect(fixWords(reprovision, "København")).toEqual({ key: "calling.fix.reprovision", params: { location: "København", number: "+4533141600" } });
    expect(changeRow(change(reprovision), "+4533141699").before).toEqual({ key: "calling.change.callingNumber", params: { number: "+4533141699" } });
    expect(changeRow(change(reprovision)).before).toEqual({ key: "calling.change.callingExtension" });
  });

  it("shows each change as before → after", () => {
    expect(changeRow(change(setNumber))).toEqual({
      before: { key: "calling.change.workNumber", params: { number: "33 14 16 47" } },
      after: { key: "calling.change.workNumber", params: { number: "+4533141647" } },
    });
    expect(changeRow(change(setNumber, { workNumber: null })).before).toEqual({ key: "calling.change.noWorkNumber" });
    expect(changeRow(change(assign))).toEqual({
      before: { key: "calling.change.noCalling" },
      after: { key: "calling.fix.assignNumber", params: { location: "København", number: "+4533141647" } },
    });
  });

  it("words every reason a user is skipped", () => {
    expect(skipWords({ personId: "p", email: "", why: "number_not_usable" })).toEqual({ key: "calling.skip.number_not_usable" });
  });
});

describe("a fix preview's figures", () => {
  it("counts changes by kind and the skipped, leaving out kinds with none", () => {
    const counted = previewCounts(preview([change(setNumber), change(setNumber, { personId: "b" }), change(assign)], [{ personId: "x", email: "x@acme.example", why: "no_suggestion" }]));
    expect(counted).toEqual([
      { key: "setWorkNumber", count: 2 },
      { key: "assignCalling", count: 1 },
      { key: "skipped", count: 1 },
    ]);
  });

  it("c8 counts the users a reprovision takes Calling from", () => {
    expect(callingRemovals(preview([change(reprovision), change(assign)]))).toBe(1);
    expect(callingRemovals(preview([change(assign)]))).toBe(0);
  });
});

describe("what the screen asks for", () => {
  it("the shown users with their suggested fix (the backend skips those without one)", () => {
    expect(bulkAsks(["a", "b"])).toEqual([{ personId: "a", fix: null }, { personId: "b", fix: null }]);
  });

  it("c7: every mismatch with its reprovision, those without one too so the preview says why", () => {
    const m = (personId: string, suggestedFix: CallingMismatch["suggestedFix"]) => ({ personId, suggestedFix }) as CallingMismatch;
    expect(mismatchAsks([m("a", reprovision), m("b", null)])).toEqual([{ personId: "a", fix: reprovision }, { personId: "b", fix: null }]);
  });
});

describe("the chooser (C1)", () => {
  const choice = { licenseId: "lic-call", location: copenhagen, number: "", extension: "" };

  it("refuses a location without Calling, and says why", () => {
    expect(locationProblem(oslo)).toEqual({ key: "calling.chooser.notCalling" });
    expect(locationProblem(copenhagen)).toBeNull();
    expect(chosenFix({ ...choice, location: oslo, extension: "2041" })).toBeNull();
  });

  it("needs a license, a location and a number or a valid extension", () => {
    expect(chosenFix(choice)).toBeNull();
    expect(chosenFix({ ...choice, licenseId: null, number: "+4533141647" })).toBeNull();
    expect(chosenFix({ ...choice, number: "+4533141647" })).toEqual(assign);
    expect(chosenFix({ ...choice, extension: " 2041 " })).toEqual({ ...assign, phoneNumber: null, extension: "2041" });
    expect(chosenFix({ ...choice, number: "+4533141647", extension: "20x" })).toBeNull();
  });

  it("takes 2 to 10 digits as an extension", () => {
    expect(["12", "2041", "1234567890"].every(isExtension)).toBe(true);
    expect(["1", "12345678901", "20-41", ""].some(isExtension)).toBe(false);
  });
});

describe("the licenses the chooser gives Calling with (C1)", () => {
  function license(id: string, name: string, category: LicenseOption["category"] = "calling", notForUsers: LicenseOption["notForUsers"] = null): LicenseOption {
    return { id, name, category, siteUrl: null, totalUnits: 10, consumedUnits: 0, subscriptions: 1, notForUsers };
  }

  it("offers the line licenses, Professional first, so it is the default", () => {
    const offered = lineLicenses([
      license("cx", "Customer Experience - Essential"),
      license("console", "Webex Calling - Attendant Console"),
      license("ws", "Webex Calling - Workspaces", "calling", "workspaces"),
      license("meet", "Meeting - Webex Meetings", "meetings"),
      license("basic", "Webex Calling - Basic"),
      license("pro", "Webex Calling - Professional"),
    ]);
    expect(offered.map((l) => l.id)).toEqual(["pro", "cx", "basic"]);
  });
});
