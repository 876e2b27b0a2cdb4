// Webex Calling eligibility in the browser preview (rules C2–C7): a report
// made from the fake people (those without a Calling license get a reason
// decided by their place, so it stays put), the locations with their free
// numbers, and the users the fixes of backend.mock.calling.fixes.ts change.
// The rules themselves are Rust's and tested there against the simulator.

import type { CallingLocationChoice } from "./bindings/CallingLocationChoice";
import type { CallingMismatch } from "./bindings/CallingMismatch";
import type { CallingStatusRow } from "./bindings/CallingStatusRow";
import type { CallingSummary } from "./bindings/CallingSummary";
import type { CallingUser } from "./bindings/CallingUser";
import type { CallingEvidence } from "./bindings/CallingEvidence";
import type { CallingReason } from "./bindings/CallingReason";
import type { CallingUserPage } from "./bindings/CallingUserPage";
import type { CallingUserQuery } from "./bindings/CallingUserQuery";
import type { PersonDetail } from "./bindings/PersonDetail";

export const CALLING_LICENSE = "lic-call-pro";

const HQ = { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzE", name: "Headquarters" };
const OSLO = { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzI", name: "Oslo office" };
const CPH = { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzM", name: "København" };
const REASONS: readonly CallingReason[] = ["no_work_number", "not_e164", "not_in_inventory", "location_not_calling", "number_taken", "eligible"];

/** One org's Calling as the mock keeps it between calls. */
export interface CallingState {
  users: CallingUser[];
  mismatches: CallingMismatch[];
  /** Numbers given by fixes: no longer free. */
  taken: Set<string>;
  /** The people the state was made from: a sync makes it again. */
  people: readonly PersonDetail[];
}

const hasCalling = (p: PersonDetail) => p.licenses.some((l) => /Calling|Meet \+ Call/.test(l.name));
const indexOf = (p: PersonDetail) => Number(p.id.slice(p.id.lastIndexOf("-") + 1));
const compact = (n: string) => n.replace(/[\s-]/g, "");

function evidence(extra: Partial<CallingEvidence>): CallingEvidence {
  return { number: null, locationId: null, locationName: null, holder: null, holderKind: null, normalised: null, notNormalised: null, ...extra };
}

/** The report row of a person without Calling. */
function diagnose(p: PersonDetail, people: readonly PersonDetail[]): CallingUser {
  const base = { personId: p.id, email: p.emails[0] ?? "", displayName: p.displayName, suggestedNumber: null, suggestedFix: null };
  const typed = p.phoneNumbers[0]?.value;
  if (!typed) return { ...base, reason: "no_work_number", evidence: evidence({}) };
  const i = indexOf(p);
  if (typed === "004533141647" || typed === "33 16 54 04") {
    const e164 = typed.startsWith("00") ? "+4533141647" : "+4533165404";
    const normalised = typed.startsWith("00") ? ({ kind: "reformatted", e164 } as const) : ({ kind: "national", e164, region: "DK" } as const);
    const suggestedFix = { kind: "setWorkNumber" as const, number: e164 };
    return { ...base, reason: "not_e164", evidence: evidence({ number: typed, normalised }), suggestedNumber: e164, suggestedFix };
  }
  if (typed === "+453316540499") {
    return { ...base, reason: "not_e164", evidence: evidence({ number: typed, notNormalised: { kind: "invalid", region: "DK" } }) };
  }
  const number = compact(typed);
  switch (i % 7) {
    case 0:
      return { ...base, reason: "location_not_calling", evidence: evidence({ number, locationId: OSLO.id, locationName: OSLO.name }) };
    case 1: {
      const other = people[(i * 13 + 5) % people.length];
      const [holder, holderKind] = i % 2 === 0 ? ["Reception (auto attendant)", "service" as const] : [other?.displayName ?? "Meeting room 4", other ? ("user" as const) : ("workspace" as const)];
      return { ...base, reason: "number_taken", evidence: evidence({ number, locationId: HQ.id, locationName: HQ.name, holder, holderKind }) };
    }
    case 2:
      return { ...base, reason: "not_in_inventory", evidence: evidence({ number }) };
    default: {
      const suggestedFix = { kind: "assignCalling" as const, licenseId: CALLING_LICENSE, locationId: HQ.id, phoneNumber: number, extension: null };
      return { ...base, reason: "eligible", evidence: evidence({ number, locationId: HQ.id, locationName: HQ.name }), suggestedFix };
    }
  }
}

/** C7: now and then a provisioned user whose work number changed later. */
function mismatch(p: PersonDetail): CallingMismatch | null {
  const typed = p.phoneNumbers[0]?.value;
  const i = indexOf(p);
  if (!typed || i % 11 !== 3) return null;
  const workNumber = compact(typed);
  const callingNumber = `+1415555${String(7000 + (i % 1000)).slice(-4)}`;
  const suggestedFix = i % 2 === 1 ? { kind: "reprovision" as const, licenseId: CALLING_LICENSE, locationId: HQ.id, phoneNumber: workNumber } : null;
  return { personId: p.id, email: p.emails[0] ?? "", displayName: p.displayName, workNumber, callingNumber, extension: p.extension, locationId: HQ.id, locationName: HQ.name, suggestedFix };
}

export function callingStateOf(people: readonly PersonDetail[]): CallingState {
  return {
    users: people.filter((p) => !hasCalling(p)).map((p) => diagnose(p, people)),
    mismatches: people.filter(hasCalling).flatMap((p) => mismatch(p) ?? []),
    taken: new Set(),
    people,
  };
}

export function summaryOf(orgId: string, state: CallingState): CallingSummary {
  const counts = REASONS.map((reason) => ({ reason, count: state.users.filter((u) => u.reason === reason).length }));
  return { orgId, counts, mismatches: state.mismatches };
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Roughly the users table's search: every typed word starts a word of the
 * name or email, or a number's digits start or end the work number. */
function finds(user: CallingUser, text: string): boolean {
  const words = fold(`${user.displayName} ${user.email}`).split(/[^\p{L}\p{N}]+/u);
  const number = (user.evidence.number ?? "").replace(/\D/g, "");
  return fold(text)
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((w) => {
      const digits = w.replace(/\D/g, "");
      if (digits !== "" && digits === w.replace(/^\+/, "")) return number.startsWith(digits) || number.endsWith(digits);
      return words.some((word) => word.startsWith(w));
    });
}

export function usersOf(state: CallingState, query: CallingUserQuery): CallingUser[] {
  return state.users.filter((u) => (query.reason === null || u.reason === query.reason) && finds(u, query.text));
}

export function userPageOf(state: CallingState, query: CallingUserQuery, offset: number, limit: number): CallingUserPage {
  const users = usersOf(state, query);
  return { total: users.length, offset, users: users.slice(offset, offset + Math.min(limit, 500)) };
}

export function statusesOf(state: CallingState, personIds: readonly string[]): CallingStatusRow[] {
  const reasons = new Map(state.users.map((u) => [u.personId, u.reason]));
  return personIds.slice(0, 1000).map((personId) => ({ personId, reason: reasons.get(personId) ?? null }));
}

/** Headquarters and København have Calling, with free numbers; Oslo has not. */
export function locationsOf(state: CallingState): CallingLocationChoice[] {
  const free = (prefix: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}${from + i}`).filter((n) => !state.taken.has(n));
  const hq = free("+1415555", 9000, 60);
  const cph = free("+45331400", 10, 25);
  return [
    { id: HQ.id, name: HQ.name, callingEnabled: true, freeNumbers: hq, freeTotal: hq.length },
    { id: CPH.id, name: CPH.name, callingEnabled: true, freeNumbers: cph, freeTotal: cph.length },
    { id: OSLO.id, name: OSLO.name, callingEnabled: false, freeNumbers: [], freeTotal: 0 },
  ];
}

export function locationName(id: string): string | null {
  return [HQ, CPH, OSLO].find((l) => l.id === id)?.name ?? null;
}
