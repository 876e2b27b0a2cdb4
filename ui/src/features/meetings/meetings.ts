// The Meetings tab and troubleshooter in words and sets (rules S1–S5): what
// a role, a check, a fix and a save's read-back say, and which session types
// a Save sends. The decisions themselves are the backend's; this only words
// them and keeps the toggles honest.

import type { Cause } from "../../lib/bindings/Cause";
import type { Check } from "../../lib/bindings/Check";
import type { CheckName } from "../../lib/bindings/CheckName";
import type { CheckStatus } from "../../lib/bindings/CheckStatus";
import type { Diagnosis } from "../../lib/bindings/Diagnosis";
import type { Evidence } from "../../lib/bindings/Evidence";
import type { Fix } from "../../lib/bindings/Fix";
import type { MeetingsRole } from "../../lib/bindings/MeetingsRole";
import type { MeetingsSaved } from "../../lib/bindings/MeetingsSaved";
import type { SessionTypeRow } from "../../lib/bindings/SessionTypeRow";
import type { Words } from "../templates/preview";

/** The user's role on a site: host with which license, attendee, or none. */
export function roleWords(role: MeetingsRole): Words {
  if (role.type === "host") return { key: "meetings.role.host", params: { license: role.licenseName } };
  if (role.type === "attendee") return { key: "meetings.role.attendee" };
  return { key: "meetings.role.none" };
}

/** Session types are a host's: only a host's toggles can be changed. */
export function canSetTypes(role: MeetingsRole): boolean {
  return role.type === "host";
}

/** The ids the user has on the site as read. */
export function enabledIds(rows: readonly SessionTypeRow[]): string[] {
  return rows.filter((row) => row.enabled === true).map((row) => row.sessionType.id);
}

/** The whole set a Save sends (S2 replaces the set), in the site's order. */
export function setToSend(rows: readonly SessionTypeRow[], chosen: ReadonlySet<string>): string[] {
  return rows.map((row) => row.sessionType.id).filter((id) => chosen.has(id));
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** "Pro Meeting (PRO), Webinar (WBN)", or the ids when the site does not name them. */
export function typeNames(ids: readonly string[], rows: readonly SessionTypeRow[]): string {
  return ids
    .map((id) => {
      const row = rows.find((r) => r.sessionType.id === id);
      return row ? `${row.sessionType.name} (${row.sessionType.shortName})` : id;
    })
    .join(", ");
}

/** What a save's read-back says (S5): what Webex now holds, and whether it
 * is what was sent. */
export function savedWords(saved: MeetingsSaved): Words {
  const held = saved.held.map((type) => `${type.name} (${type.shortName})`).join(", ");
  const matches = sameSet(saved.check.sent, saved.check.readBack);
  if (held === "") return { key: matches ? "meetings.saved.heldNone" : "meetings.saved.differsNone", params: { site: saved.check.siteUrl } };
  return { key: matches ? "meetings.saved.held" : "meetings.saved.differs", params: { site: saved.check.siteUrl, types: held } };
}

export function checkTitle(name: CheckName): Words {
  return { key: `meetings.check.${name}` };
}

export function statusWords(status: CheckStatus): Words {
  return { key: `meetings.status.${status}` };
}

export function fixLabel(fix: Fix): Words {
  return { key: `meetings.fix.${fix}` };
}

/** The verdict in the window's language, from its cause (the backend's own
 * sentence is English, for the command line). */
export function verdictWords(diagnosis: Pick<Diagnosis, "verdict" | "siteUrl">): Words {
  const cause: Cause | "pass" = diagnosis.verdict ?? "pass";
  return { key: `meetings.verdict.${cause}`, params: { site: diagnosis.siteUrl } };
}

/** The fixes worth a button: assigning a license is done in a license
 * template or Control Hub, so it is advice, not a button. */
export function fixButtons(fixes: readonly Fix[]): Fix[] {
  return fixes.filter((fix) => fix !== "assign_license");
}

/** The languages the user's message comes in, named in their own language
 * (the admin picks the one the user reads, whatever the window's). */
export const MESSAGE_LANGUAGES: Readonly<Record<string, string>> = {
  en: "English",
  fr: "Français",
  da: "Dansk",
  sv: "Svenska",
};

/** Which fix buttons each check shows: every fix once, on the first failing
 * check that offers it, else on the first check that does (the same button
 * twice in one list would read as two different fixes). */
export function placeFixes(checks: readonly Pick<Check, "status" | "fixes">[]): Fix[][] {
  const placed: Fix[][] = checks.map(() => []);
  const taken = new Set<Fix>();
  const claim = (failing: boolean) =>
    checks.forEach((check, i) => {
      if ((check.status === "fail") !== failing) return;
      for (const fix of fixButtons(check.fixes)) {
        if (taken.has(fix)) continue;
        taken.add(fix);
        placed[i].push(fix);
      }
    });
  claim(true);
  claim(false);
  return placed;
}

/** Every kind of evidence the backend sends: adding one on the Rust side
 * breaks this line until the catalogue words it. */
export const EVIDENCE_KINDS: Readonly<Record<Evidence["kind"], true>> = {
  loginDisabled: true,
  neverSignedIn: true,
  signedIn: true,
  hostWith: true,
  licenseElsewhere: true,
  attendeeOnly: true,
  basicOnly: true,
  noLicense: true,
  needsPaidLicense: true,
  siteTypesUnread: true,
  userTypesUnread: true,
  hasEveryPaidType: true,
  missingTypes: true,
  nothingSaved: true,
  savedElsewhere: true,
  savedDiffers: true,
  savedSame: true,
};

/** What a check looked at, in the window's language: its fields (names of
 * licenses, sites and types, as Webex spells them) are the parameters. */
export function evidenceWords(found: Evidence): Words {
  const { kind, ...params } = found;
  return { key: `meetings.evidence.${kind}`, params };
}
