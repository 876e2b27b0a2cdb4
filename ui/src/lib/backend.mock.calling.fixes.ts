// Calling fixes, export and import in the browser preview (C1, C4, C7, C8):
// previews kept until applied, runs sent through the templates mock's runs
// (progress, Cancel, Resume, History), and the report changed for the
// entries Webex accepted. A sketch for looking at the screens; the rules
// are Rust's.
//
// URL parameter: &import=cancel makes the import's file dialog cancelled.

import type { ApiError } from "./bindings/ApiError";
import type { CallingFix } from "./bindings/CallingFix";
import type { CallingFixAsk } from "./bindings/CallingFixAsk";
import type { CallingFixChange } from "./bindings/CallingFixChange";
import type { CallingFixPreview } from "./bindings/CallingFixPreview";
import type { CallingFixSkip } from "./bindings/CallingFixSkip";
import type { CallingImportPreview } from "./bindings/CallingImportPreview";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { Preview } from "./bindings/Preview";
import type { RunAction } from "./bindings/RunAction";
import type { RunDetail } from "./bindings/RunDetail";
import type { RunSummary } from "./bindings/RunSummary";
import type { UserChange } from "./bindings/UserChange";
import { callingStateOf, locationName, locationsOf, statusesOf, summaryOf, userPageOf, usersOf, type CallingState } from "./backend.mock.calling";
import type { Handlers } from "./commands";

export interface CallingHost {
  people(orgId: string): PersonDetail[];
  startRun(orgId: string, action: RunAction, changes: UserChange[], settle: (run: RunDetail) => void): RunSummary;
  previewCallingTemplate(orgId: string): Preview;
}

const LICENSE_NAME = "Webex Calling - Professional";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (code: ApiError["code"], message: string): never => {
  throw { code, message, detail: null, trackingId: null } satisfies ApiError;
};
const cancelImport = new URLSearchParams(location.search).get("import") === "cancel";

/** What a run entry shows of a fix (a work number change shows none). */
function entryChange(change: CallingFixChange): UserChange {
  const fix = change.fix;
  const line = fix.kind === "setWorkNumber" ? null : { locationId: fix.locationId, phoneNumber: fix.phoneNumber, extension: fix.kind === "assignCalling" ? fix.extension : null };
  const add = line && fix.kind !== "setWorkNumber" ? [{ licenseId: fix.licenseId, name: LICENSE_NAME, subscriptionId: null, siteUrl: null, calling: line }] : [];
  const remove = fix.kind === "reprovision" ? [{ licenseId: fix.licenseId, name: LICENSE_NAME, calling: true }] : [];
  return { personId: change.personId, email: change.email, displayName: change.displayName, add, remove, roles: [], issues: [], pendingFirstSignIn: false };
}

export function callingCommands(host: CallingHost): Handlers<"calling"> {
  const states = new Map<string, CallingState>();
  const previews = new Map<string, { preview: CallingFixPreview; imported: boolean }>();
  let nextId = 1;

  /** Made again when a sync replaced the org's people. */
  function stateOf(orgId: string): CallingState {
    const people = host.people(orgId);
    let state = states.get(orgId);
    if (!state || state.people !== people) states.set(orgId, (state = callingStateOf(people)));
    return state;
  }

  /** The report's own suggestion is usable; a chosen number must be free. */
  function usable(state: CallingState, fix: CallingFix, suggested: CallingFix | null): CallingFixSkip["why"] | null {
    if (fix.kind === "setWorkNumber") return /^\+[1-9]\d{6,14}$/.test(fix.number) ? null : "not_e164";
    const place = locationsOf(state).find((l) => l.id === fix.locationId);
    if (!place?.callingEnabled) return "number_not_usable";
    const own = suggested?.kind === fix.kind && suggested.phoneNumber === fix.phoneNumber;
    if (fix.phoneNumber && fix.kind === "assignCalling" && !own && !place.freeNumbers.includes(fix.phoneNumber)) return "number_not_usable";
    return null;
  }

  function preview(orgId: string, asks: readonly CallingFixAsk[]): CallingFixPreview {
    const state = stateOf(orgId);
    const changes: CallingFixChange[] = [];
    const skipped: CallingFixSkip[] = [];
    const seen = new Set<string>();
    for (const ask of asks) {
      const user = state.users.find((u) => u.personId === ask.personId);
      const mismatch = state.mismatches.find((m) => m.personId === ask.personId);
      const email = user?.email ?? mismatch?.email ?? "";
      const skip = (why: CallingFixSkip["why"]) => skipped.push({ personId: ask.personId, email, why });
      if (seen.has(ask.personId)) skip("duplicate");
      else if (!user && !mismatch) skip(state.people.some((p) => p.id === ask.personId) ? "has_calling" : "unknown_user");
      else {
        seen.add(ask.personId);
        const fix = ask.fix ?? user?.suggestedFix ?? mismatch?.suggestedFix ?? null;
        const why = !fix ? "no_suggestion" : !user && fix.kind === "assignCalling" ? "has_calling" : usable(state, fix, user?.suggestedFix ?? null);
        if (why || !fix) skip(why ?? "no_suggestion");
        else if (fix.kind === "setWorkNumber" && user?.evidence.number === fix.number) skip("unchanged");
        else {
          const workNumber = user?.evidence.number ?? mismatch?.workNumber ?? null;
          const location = fix.kind === "setWorkNumber" ? null : locationName(fix.locationId);
          changes.push({ personId: ask.personId, email, displayName: user?.displayName ?? mismatch?.displayName ?? "", reason: user?.reason ?? null, workNumber, fix, locationName: location });
        }
      }
    }
    const removals = changes.filter((c) => c.fix.kind === "reprovision").length;
    const callingConfirmation = removals > 0 ? `remove calling from ${removals} ${removals === 1 ? "user" : "users"}` : null;
    const full = { previewId: `calling-preview-${nextId++}`, orgId, changes, skipped, callingConfirmation };
    previews.set(full.previewId, { preview: full, imported: false });
    return full;
  }

  /** The report after Webex accepted an entry's fix. */
  function settle(state: CallingState, change: CallingFixChange): void {
    const fix = change.fix;
    const person = state.people.find((p) => p.id === change.personId);
    if (fix.kind === "reprovision") {
      state.mismatches = state.mismatches.filter((m) => m.personId !== change.personId);
    } else if (fix.kind === "assignCalling") {
      state.users = state.users.filter((u) => u.personId !== change.personId);
      if (fix.phoneNumber) state.taken.add(fix.phoneNumber);
      person?.licenses.push({ id: fix.licenseId, name: LICENSE_NAME, siteUrl: null, subscriptionId: null });
    } else {
      const place = fix.number.startsWith("+45") ? "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzM" : "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzE";
      const assign = { kind: "assignCalling" as const, licenseId: "lic-call-pro", locationId: place, phoneNumber: fix.number, extension: null };
      state.users = state.users.map((u) =>
        u.personId !== change.personId ? u : { ...u, reason: "eligible", suggestedNumber: null, suggestedFix: assign, evidence: { ...u.evidence, number: fix.number, normalised: null, notNormalised: null, locationId: place, locationName: locationName(place) } },
      );
      if (person?.phoneNumbers[0]) person.phoneNumbers[0] = { ...person.phoneNumbers[0], value: fix.number };
    }
  }

  async function apply(request: { previewId: string; typedConfirmation: string | null }): Promise<RunSummary | null> {
    await sleep(250);
    const pending = previews.get(request.previewId) ?? fail("preview_expired", "This preview is gone: the app restarted or the cache changed. Preview again.");
    const { preview: p, imported } = pending;
    if (p.callingConfirmation !== null && request.typedConfirmation?.trim() !== p.callingConfirmation) {
      fail("confirmation_required", `Type “${p.callingConfirmation}” to remove Calling.`);
    }
    previews.delete(request.previewId);
    if (p.changes.length === 0) return null;
    const count = (kind: CallingFix["kind"]) => p.changes.filter((c) => c.fix.kind === kind).length;
    const action: RunAction = { kind: "callingFixes", workNumbers: count("setWorkNumber"), assigned: count("assignCalling"), reprovisioned: count("reprovision"), imported };
    const state = stateOf(p.orgId);
    const settled = new Set<string>();
    return host.startRun(p.orgId, action, p.changes.map(entryChange), (run) => {
      for (const [i, entry] of run.entries.entries()) {
        if ((entry.state === "done" || entry.state === "partial") && !settled.has(entry.personId)) {
          settled.add(entry.personId);
          settle(state, p.changes[i]);
        }
      }
    });
  }

  /** As if the admin edited the exported file: numbers made E.164 (one
   * with the + a spreadsheet strips), a few given a number, and the rows a
   * spreadsheet gets wrong. */
  function importPreview(orgId: string): CallingImportPreview | null {
    if (cancelImport) return null;
    const state = stateOf(orgId);
    const edited = state.users.filter((u) => u.suggestedNumber).slice(0, 5);
    const given = state.users.filter((u) => u.reason === "no_work_number").slice(0, 3);
    const free = locationsOf(state)[0].freeNumbers;
    const asks = [
      ...edited.map((u) => ({ personId: u.personId, fix: { kind: "setWorkNumber" as const, number: u.suggestedNumber ?? "" } })),
      ...given.map((u, i) => ({ personId: u.personId, fix: { kind: "setWorkNumber" as const, number: free[i] ?? "+14155559999" } })),
    ];
    const fix = preview(orgId, asks);
    previews.set(fix.previewId, { preview: fix, imported: true });
    const someone = state.people[0]?.emails[0] ?? "someone@example.com";
    const rejections = [
      { line: 4, email: null, reason: "missing_email" as const, value: null },
      { line: 7, email: "former.employee@northwind.example", reason: "unknown_user" as const, value: "former.employee@northwind.example" },
      { line: 9, email: edited[0]?.email ?? someone, reason: "invalid_number" as const, value: "45 33 16 54" },
      { line: 12, email: someone, reason: "duplicate_user" as const, value: someone },
      { line: 15, email: given[0]?.email ?? someone, reason: "number_in_use" as const, value: "+14155551003" },
      { line: 18, email: null, reason: "malformed" as const, value: "\"Jensen, Maja;maja.jensen@northwind.example;+4533141600" },
    ];
    const unchanged = 11;
    return { fileName: "calling-northwind-edited.csv", rows: fix.changes.length + fix.skipped.length + unchanged + rejections.length, unchanged, fix, rejections };
  }

  return {
    calling_report: async (a) => (await sleep(60), summaryOf(a.orgId, stateOf(a.orgId))),
    calling_users: async (a) => (await sleep(30), userPageOf(stateOf(a.orgId), a.query, a.offset, a.limit)),
    calling_user: async (a) => (await sleep(20), stateOf(a.orgId).users.find((u) => u.personId === a.personId) ?? null),
    calling_user_ids: async (a) => (await sleep(40), usersOf(stateOf(a.orgId), a.query).map((u) => u.personId)),
    calling_statuses: async (a) => (await sleep(20), statusesOf(stateOf(a.orgId), a.personIds)),
    calling_locations: async (a) => (await sleep(80), locationsOf(stateOf(a.orgId))),
    calling_fix_preview: async (a) => (await sleep(200), preview(a.orgId, a.asks)),
    calling_template_preview: async (a) => (await sleep(350), host.previewCallingTemplate(a.orgId)),
    calling_fix_apply: (a) => apply(a.request),
    calling_export: async (a) => (await sleep(300), `/home/sam/Downloads/hubdesk-calling-${a.orgId}.csv`),
    calling_import_preview: async (a) => (await sleep(500), importPreview(a.orgId)),
  };
}
