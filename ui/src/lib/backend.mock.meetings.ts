// The Meetings tab and troubleshooter in the browser preview: every user
// hosts on their org's one site with the free type only, so the
// troubleshooter has something to find (S1) and its fixes something to do.
// A sketch for looking at the screens; the rules live in Rust and are tested
// there and end to end.

import type { BulkPreview } from "./bindings/BulkPreview";
import type { Diagnosis } from "./bindings/Diagnosis";
import type { MeetingsSaved } from "./bindings/MeetingsSaved";
import type { MeetingsView } from "./bindings/MeetingsView";
import type { SaveCheck } from "./bindings/SaveCheck";
import type { SessionType } from "./bindings/SessionType";
import type { TypesChange } from "./bindings/TypesChange";
import type { Handlers } from "./commands";

const TYPES: SessionType[] = [
  { id: "1", shortName: "FRE", name: "Free Meeting", kind: "meeting" },
  { id: "3", shortName: "PRO", name: "Pro Meeting", kind: "meeting" },
  { id: "11", shortName: "PRV", name: "Private Meeting", kind: "privateMeeting" },
];
const LICENSE = "Webex Meetings - Enterprise";

export function meetingsCommands(
  lookup: (orgId: string, personId: string) => { email: string; name: string; site: string },
  siteOf: (orgId: string) => string,
): Handlers<"meetings"> {
  const sets = new Map<string, string[]>();
  const setOf = (personId: string) => sets.get(personId) ?? ["1"];

  function save(personId: string, site: string, ids: string[]): MeetingsSaved {
    sets.set(personId, [...ids]);
    const held = TYPES.filter((t) => ids.includes(t.id));
    return { check: { siteUrl: site, sent: [...ids], readBack: held.map((t) => t.id) }, held, trackingId: `HUBDESK_mock_${Date.now()}` };
  }

  function diagnose(orgId: string, personId: string, lastSave: SaveCheck | null): Diagnosis {
    const { site } = lookup(orgId, personId);
    const missing = TYPES.filter((t) => t.id !== "1" && !setOf(personId).includes(t.id));
    const names = (types: SessionType[]) => types.map((t) => `${t.name} (${t.shortName})`).join(", ");
    const savedOk = lastSave ? lastSave.sent.join() === lastSave.readBack.join() : null;
    return {
      siteUrl: site,
      sites: [site],
      checks: [
        { name: "signed_in", status: "pass", evidence: "", found: { kind: "signedIn" }, cause: null, fixes: [] },
        { name: "paid_license_on_site", status: "pass", evidence: "", found: { kind: "hostWith", license: LICENSE, site }, cause: null, fixes: ["reassign_license"] },
        missing.length > 0
          ? { name: "paid_types_enabled", status: "fail", evidence: "", found: { kind: "missingTypes", site, types: names(missing) }, cause: "paid_types_missing", fixes: ["enable_missing_types"] }
          : { name: "paid_types_enabled", status: "pass", evidence: "", found: { kind: "hasEveryPaidType", site, types: names(TYPES.slice(1)) }, cause: null, fixes: ["force_refresh"] },
        lastSave === null
          ? { name: "saved_to_site", status: "skipped", evidence: "", found: { kind: "nothingSaved" }, cause: null, fixes: [] }
          : savedOk
            ? { name: "saved_to_site", status: "pass", evidence: "", found: { kind: "savedSame", site, sent: lastSave.sent.join(",") }, cause: null, fixes: ["force_refresh", "reassign_license"] }
            : { name: "saved_to_site", status: "fail", evidence: "", found: { kind: "savedDiffers", site, sent: lastSave.sent.join(","), held: lastSave.readBack.join(",") }, cause: "not_saved", fixes: ["force_refresh", "reassign_license"] },
      ],
      verdict: missing.length > 0 ? "paid_types_missing" : null,
      reassign: { licenseId: "mock-license", licenseName: LICENSE, siteUrl: site, text: "" },
      verdictText: "",
      userMessage: ["en", "fr", "da", "sv"].map((language) => ({ language, text: `(${language}) Sign out of the Webex app and back in, then schedule a test meeting on ${site}.` })),
    };
  }

  /** A change applied to one set, ids in the site's order. */
  function changed(set: string[], change: TypesChange): string[] {
    const ids = (names: string[]) => TYPES.filter((t) => names.some((n) => n === t.id || n.toLowerCase() === t.shortName.toLowerCase())).map((t) => t.id);
    const wanted = change.mode === "exact" ? ids(change.types) : [...set.filter((id) => !ids(change.remove).includes(id)), ...ids(change.add)];
    return TYPES.map((t) => t.id).filter((id) => wanted.includes(id));
  }

  function bulkPreview(orgId: string, siteUrl: string, people: string[], change: TypesChange): BulkPreview {
    const changes = people.map((personId) => {
      const { email, name } = lookup(orgId, personId);
      const before = setOf(personId);
      const after = changed(before, change);
      return { personId, email, displayName: name, siteUrl, before, after, gains: after.filter((id) => !before.includes(id)), loses: before.filter((id) => !after.includes(id)) };
    });
    const moving = changes.filter((c) => c.gains.length + c.loses.length > 0);
    const perType = TYPES.map((t) => ({ id: t.id, gainedBy: moving.filter((c) => c.gains.includes(t.id)).length, lostBy: moving.filter((c) => c.loses.includes(t.id)).length }));
    const leftFreeOnly = moving.filter((c) => !c.after.some((id) => id !== "1")).length;
    return { orgId, siteUrl, siteTypes: TYPES, plan: { siteUrl, changes: moving, unchanged: changes.length - moving.length, perType, leftFreeOnly }, notFound: [], notHosts: [], unread: [] };
  }

  return {
    meetings_bulk_preview: (a) => bulkPreview(a.orgId, a.siteUrl, a.people, a.change),
    meetings_bulk_apply: (a) => {
      const plan = bulkPreview(a.orgId, a.siteUrl, a.people, a.change).plan;
      if (plan.changes.length === 0) return null;
      for (const c of plan.changes) sets.set(c.personId, c.after);
      const total = plan.changes.length;
      return { runId: `mock-run-${Date.now()}`, orgId: a.orgId, action: { kind: "meetingsTypesSet", siteUrl: a.siteUrl, users: total }, actor: "mock", createdMs: Date.now(), state: "finished", total, succeeded: total, partial: 0, failed: 0 };
    },
    meetings_show: (a): MeetingsView => {
      const { email, name, site } = lookup(a.orgId, a.personId);
      const set = setOf(a.personId);
      const types = TYPES.map((t) => ({ sessionType: t, paid: t.id !== "1", enabled: set.includes(t.id) }));
      const role = { type: "host" as const, licenseId: "mock-license", licenseName: LICENSE };
      return { orgId: a.orgId, personId: a.personId, email, displayName: name, sites: [{ siteUrl: site, role, types, unread: null }] };
    },
    meetings_set: (a) => save(a.personId, a.siteUrl, a.typeIds),
    meetings_sites: (a) => [{ siteUrl: siteOf(a.orgId), types: TYPES.map((t) => ({ sessionType: t, paid: t.id !== "1", enabled: null })) }],
    meetings_diagnose: (a) => diagnose(a.orgId, a.personId, a.lastSave),
    meetings_force_refresh: (a) => [save(a.personId, a.siteUrl, ["1"]), save(a.personId, a.siteUrl, TYPES.map((t) => t.id))],
    meetings_enable_missing: (a) => save(a.personId, a.siteUrl, TYPES.map((t) => t.id)),
    meetings_reassign_license: (a) => ({
      run: { runId: `mock-run-${Date.now()}`, orgId: a.orgId, action: { kind: "meetingsLicenseReassigned", siteUrl: a.siteUrl, licenseName: LICENSE, email: lookup(a.orgId, a.personId).email }, actor: "mock", createdMs: Date.now(), state: "finished", total: 2, succeeded: 2, partial: 0, failed: 0 },
      siteUrl: a.siteUrl,
      licenseName: LICENSE,
      trackingIds: [`HUBDESK_mock_remove_${Date.now()}`, `HUBDESK_mock_add_${Date.now()}`],
      licenseHeld: true,
      licenses: [LICENSE],
      sessionTypes: TYPES.filter((t) => setOf(a.personId).includes(t.id)),
      warning: null,
    }),
  };
}
