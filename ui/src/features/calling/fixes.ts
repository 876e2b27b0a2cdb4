// Calling fixes in words (rules C1, C4, C7, C8): what a fix sends, a
// preview's rows as before → after, why a user is skipped, the counts, and
// the asks the screen sends for one user, the shown users or the C7 list.

import type { CallingFix } from "../../lib/bindings/CallingFix";
import type { CallingFixAsk } from "../../lib/bindings/CallingFixAsk";
import type { CallingFixChange } from "../../lib/bindings/CallingFixChange";
import type { CallingFixPreview } from "../../lib/bindings/CallingFixPreview";
import type { CallingFixSkip } from "../../lib/bindings/CallingFixSkip";
import type { CallingLocationChoice } from "../../lib/bindings/CallingLocationChoice";
import type { CallingMismatch } from "../../lib/bindings/CallingMismatch";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { LicenseOption } from "../../lib/bindings/LicenseOption";
import type { Words } from "../templates/preview";

/** A fix as a sentence: "Set the work number to +45 …", "Give Calling at
 * København with +45 …". `location` names the fix's location (its id when
 * no name is known). */
export function fixWords(fix: CallingFix, location: string | null): Words {
  switch (fix.kind) {
    case "setWorkNumber":
      return { key: "calling.fix.setWorkNumber", params: { number: fix.number } };
    case "assignCalling": {
      const place = location ?? fix.locationId;
      if (fix.phoneNumber && fix.extension) {
        return { key: "calling.fix.assignBoth", params: { location: place, number: fix.phoneNumber, extension: fix.extension } };
      }
      if (fix.phoneNumber) return { key: "calling.fix.assignNumber", params: { location: place, number: fix.phoneNumber } };
      return { key: "calling.fix.assignExtension", params: { location: place, extension: fix.extension ?? "" } };
    }
    case "reprovision":
      return { key: "calling.fix.reprovision", params: { location: location ?? fix.locationId, number: fix.phoneNumber } };
  }
}

/** C8: whether sending the fix removes Calling, even briefly. */
export function removesCalling(fix: CallingFix): boolean {
  return fix.kind === "reprovision";
}

/** The location a report user's suggested fix names: the evidence's, as
 * the suggestion is made from it. */
export function suggestedLocation(user: CallingUser): string | null {
  return user.evidence.locationName ?? user.evidence.locationId;
}

/** One preview row as before → after. `callingNumber` is the number
 * Calling holds now, for a reprovision (C7: from the report's mismatches). */
export function changeRow(change: CallingFixChange, callingNumber: string | null = null): { before: Words; after: Words } {
  const fix = change.fix;
  const after = fixWords(fix, change.locationName);
  switch (fix.kind) {
    case "setWorkNumber":
      return {
        before: change.workNumber ? { key: "calling.change.workNumber", params: { number: change.workNumber } } : { key: "calling.change.noWorkNumber" },
        after: { key: "calling.change.workNumber", params: { number: fix.number } },
      };
    case "assignCalling":
      return { before: { key: "calling.change.noCalling" }, after };
    case "reprovision":
      return {
        before: callingNumber ? { key: "calling.change.callingNumber", params: { number: callingNumber } } : { key: "calling.change.callingExtension" },
        after,
      };
  }
}

export function skipWords(skip: CallingFixSkip): Words {
  return { key: `calling.skip.${skip.why}` };
}

export type FixCountKey = "setWorkNumber" | "assignCalling" | "reprovision" | "skipped";

/** The preview's headline figures: changes by kind, then the skipped;
 * kinds with none are left out, the skipped too. */
export function previewCounts(preview: CallingFixPreview): { key: FixCountKey; count: number }[] {
  const count = (kind: CallingFix["kind"]) => preview.changes.filter((c) => c.fix.kind === kind).length;
  const counts: { key: FixCountKey; count: number }[] = [
    { key: "setWorkNumber", count: count("setWorkNumber") },
    { key: "assignCalling", count: count("assignCalling") },
    { key: "reprovision", count: count("reprovision") },
    { key: "skipped", count: preview.skipped.length },
  ];
  return counts.filter((c) => c.count > 0);
}

/** C8: how many users of the preview lose Calling for a moment. */
export function callingRemovals(preview: CallingFixPreview): number {
  return preview.changes.filter((c) => removesCalling(c.fix)).length;
}

/** The shown users, each with the fix the report suggests (the backend
 * skips, with the reason, those without one). */
export function bulkAsks(personIds: readonly string[]): CallingFixAsk[] {
  return personIds.map((personId) => ({ personId, fix: null }));
}

/** C7: each mismatch with its reprovision; those without one are asked
 * too, so the preview lists them as skipped, with why. */
export function mismatchAsks(mismatches: readonly CallingMismatch[]): CallingFixAsk[] {
  return mismatches.map((m) => ({ personId: m.personId, fix: m.suggestedFix }));
}

/** Why a location cannot be chosen for Calling, or null when it can. */
export function locationProblem(location: CallingLocationChoice): Words | null {
  if (!location.callingEnabled) return { key: "calling.chooser.notCalling" };
  return null;
}

/** The admin's choice in the chooser as a fix, or null while it is not
 * whole (a location, and a number or an extension). */
export function chosenFix(choice: {
  licenseId: string | null;
  location: CallingLocationChoice | null;
  number: string;
  extension: string;
}): CallingFix | null {
  const { licenseId, location } = choice;
  const number = choice.number.trim();
  const extension = choice.extension.trim();
  if (!licenseId || !location || locationProblem(location)) return null;
  if (number === "" && !isExtension(extension)) return null;
  if (extension !== "" && !isExtension(extension)) return null;
  return {
    kind: "assignCalling",
    licenseId,
    locationId: location.id,
    phoneNumber: number === "" ? null : number,
    extension: extension === "" ? null : extension,
  };
}

/** Webex extensions are 2 to 10 digits. */
export function isExtension(text: string): boolean {
  return /^\d{2,10}$/.test(text.trim());
}

/** The licenses the chooser offers to give Calling with (C1): those that
 * give a line, so not Attendant Console (an add-on to a line) nor one Webex
 * does not let admins give to people; Professional first, the license
 * Control Hub's automatic assignment gives, so it is the one picked unless
 * the admin picks another. The names are read as the rules read them. */
export function lineLicenses(licenses: readonly LicenseOption[]): LicenseOption[] {
  const named = (l: LicenseOption, word: string) => l.name.toLowerCase().includes(word);
  const lines = licenses.filter((l) => l.category === "calling" && l.notForUsers === null && !named(l, "attendant console"));
  return [...lines.filter((l) => named(l, "professional")), ...lines.filter((l) => !named(l, "professional"))];
}
