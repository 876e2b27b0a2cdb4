// The fake tenant's license catalogue, groups and plans (see
// backend.mock.templates.ts). Plans follow the rules closely enough to show
// every state of the preview: Calling users without a usable number (C2),
// pools that run out (T12), attendee instead of host (T9), users created
// with licenses (T13), inactive users (T16), and Calling removals (C8).
// The real plan is computed in Rust (rules/templates); this only looks alike.

import type { GroupOption } from "./bindings/GroupOption";
import type { LicenseOption } from "./bindings/LicenseOption";
import type { LicenseUse } from "./bindings/LicenseUse";
import type { NumberProblem } from "./bindings/NumberProblem";
import type { Plan } from "./bindings/Plan";
import type { PlanTotals } from "./bindings/PlanTotals";
import type { SiteOption } from "./bindings/SiteOption";
import type { Template } from "./bindings/Template";
import type { UserChange } from "./bindings/UserChange";
import type { UserIssue } from "./bindings/UserIssue";

/** Who the plan looks at: a mock person and their place in the org. */
export interface MockUser {
  index: number;
  personId: string;
  email: string;
  displayName: string;
}

export function sitesOf(domain: string): string[] {
  const name = domain.split(".")[0];
  return [`${name}.webex.com`, `${name}-eu.webex.com`];
}

function license(id: string, name: string, category: LicenseOption["category"], total: number, consumed: number, siteUrl: string | null = null, subscriptions = 1): LicenseOption {
  const notForUsers = name.includes("Workspaces") ? "workspaces" : name === "Messenger" ? "messenger" : null;
  return { id, name, category, siteUrl, totalUnits: total, consumedUnits: consumed, subscriptions, notForUsers };
}

/** One catalogue for every org: Calling with two subscriptions, Meetings on
 * two sites (one with no attendee accounts), Contact Center, free ones. */
export function catalogue(domain: string): { licenses: LicenseOption[]; sites: SiteOption[] } {
  const [main, eu] = sitesOf(domain);
  const licenses = [
    license("lic-call-pro", "Webex Calling - Professional", "calling", 500, 468, null, 2),
    license("lic-call-std", "Webex Calling - Standard", "calling", 200, 200),
    license("lic-call-ws", "Webex Calling - Workspaces", "calling", 40, 12),
    license("lic-mtg-main", "Meetings - Webex Enterprise", "meetings", 800, 712, main),
    license("lic-webinar-main", "Webex Webinars 1000", "meetings", 20, 20, main),
    license("lic-mtg-eu", "Meetings - Webex Enterprise", "meetings", 150, 149, eu),
    license("lic-msg-adv", "Advanced Messaging", "messaging", 1000, 420),
    license("lic-messenger", "Messenger", "messaging", 1000, 0),
    license("lic-cc-std", "Contact Center Standard Agent", "contact_center", 60, 41),
    license("lic-cc-prem", "Contact Center Premium Agent", "contact_center", 25, 25),
    license("lic-basic-msg", "Messaging", "basic", 10_000, 1650),
    license("lic-basic-mtg", "Basic Meetings", "basic", 10_000, 1600),
    license("lic-screen", "Screen Share", "basic", 10_000, 900),
    license("lic-assistant", "Webex Assistant for Meetings", "other", 300, 120),
  ];
  const sites = [
    { siteUrl: main, hostLicenseIds: ["lic-mtg-main", "lic-webinar-main"], attendeeEnabled: true },
    { siteUrl: eu, hostLicenseIds: ["lic-mtg-eu"], attendeeEnabled: false },
  ];
  return { licenses, sites };
}

/** Groups and where their members start in the org's people list. */
export const GROUPS: readonly (Omit<GroupOption, "hasTemplate"> & { offset: number })[] = [
  { id: "grp-sales", name: "Sales", eligible: true, memberCount: 120, offset: 0 },
  { id: "grp-support", name: "Support", eligible: true, memberCount: 85, offset: 120 },
  { id: "grp-eng", name: "Engineering", eligible: true, memberCount: 240, offset: 205 },
  { id: "grp-finance", name: "Finance", eligible: true, memberCount: 32, offset: 445 },
  { id: "grp-emea", name: "EMEA", eligible: true, memberCount: 300, offset: 477 },
  { id: "grp-contractors", name: "Contractors", eligible: true, memberCount: 18, offset: 777 },
  { id: "grp-all-staff", name: "All staff (mailing list)", eligible: false, memberCount: 2000, offset: 0 },
  { id: "grp-announce", name: "Marketing announcements", eligible: false, memberCount: 400, offset: 300 },
];

/** The members of a group, or everyone for the org template. */
export function membersOf(users: readonly MockUser[], groupId: string | null): MockUser[] {
  const group = GROUPS.find((g) => g.id === groupId);
  if (!group) return [...users];
  return Array.from({ length: Math.min(group.memberCount, users.length) }, (_, i) => users[(group.offset + i) % users.length]);
}

/** What a user holds today, decided by their index so it stays put. */
function heldBy(user: MockUser): string[] {
  const i = user.index;
  const held: string[] = [];
  if (i % 3 === 0) held.push("lic-call-pro");
  else if (i % 7 === 2) held.push("lic-call-std");
  if (i % 4 === 0) held.push("lic-msg-adv");
  if (i % 2 === 0) held.push("lic-basic-msg");
  if (i % 5 === 0) held.push("lic-mtg-main");
  if (i % 17 === 0) held.push("lic-cc-prem");
  return held;
}

/** C2: why some users' work numbers cannot carry a Calling line. */
function numberProblem(i: number): NumberProblem | null {
  const number = `+1 415 555 ${String(1000 + i).slice(-4)}`;
  if (i % 7 === 1) return { problem: "noWorkNumber" };
  if (i % 7 === 3) return { problem: "notE164", number: `0455 ${String(100000 + i).slice(-6)}` };
  if (i % 11 === 5) return { problem: "takenBy", number, owner: "Lobby phone (workspace)" };
  if (i % 13 === 6) return { problem: "notInInventory", number };
  if (i % 19 === 2) return { problem: "locationNotCalling", number, locationId: "Oslo office" };
  return null;
}

/** Wanted licenses of a template (Meetings host licenses included). */
export function wanted(template: Template): string[] {
  const hosts = template.meetings.flatMap((m) => (m.account.type === "host" ? [m.account.licenseId] : []));
  return [...template.licenses, ...hosts];
}

class Units {
  private left = new Map<string, number>();
  readonly wantedBeyond = new Map<string, number>();
  readonly taken = new Map<string, number>();
  readonly given = new Map<string, number>();

  constructor(licenses: readonly LicenseOption[]) {
    for (const l of licenses) this.left.set(l.id, l.totalUnits - l.consumedUnits);
  }

  take(id: string): boolean {
    const left = this.left.get(id) ?? 0;
    if (left <= 0) {
      this.wantedBeyond.set(id, (this.wantedBeyond.get(id) ?? 0) + 1);
      return false;
    }
    this.left.set(id, left - 1);
    this.taken.set(id, (this.taken.get(id) ?? 0) + 1);
    return true;
  }

  giveBack(id: string): void {
    this.given.set(id, (this.given.get(id) ?? 0) + 1);
  }
}

export interface PlanInput {
  template: Template;
  users: readonly MockUser[];
  licenses: readonly LicenseOption[];
  sites: readonly SiteOption[];
  /** Add what the template gives (save with existing users). */
  give: boolean;
  /** Licenses users lose: those outside the template (T5), or the ones the
   * template gave (T6). */
  takeBack: (held: string[]) => string[];
  orgTemplate: boolean;
}

function changeFor(user: MockUser, input: PlanInput, units: Units): UserChange {
  const i = user.index;
  const name = (id: string) => input.licenses.find((l) => l.id === id)?.name ?? id;
  const { personId, email, displayName } = user;
  const change: UserChange = { personId, email, displayName, add: [], remove: [], roles: [], issues: [], pendingFirstSignIn: i % 23 === 4 };
  const held = heldBy(user);
  if (input.give && input.orgTemplate && i % 29 === 3) return { ...change, issues: [{ kind: "createdWithLicenses" }] };
  if (input.give) for (const id of wanted(input.template).filter((id) => !held.includes(id))) addOne(change, i, id, name(id), input, units);
  for (const m of input.template.meetings) if (input.give && m.account.type === "attendee") change.roles.push({ siteUrl: m.siteUrl, from: "none", to: "attendee" });
  for (const id of input.takeBack(held)) {
    change.remove.push({ licenseId: id, name: name(id), calling: id.startsWith("lic-call") });
    units.giveBack(id);
  }
  return change;
}

function addOne(change: UserChange, i: number, id: string, name: string, input: PlanInput, units: Units): void {
  const issue = (found: UserIssue) => void change.issues.push(found);
  const problem = id.startsWith("lic-call") ? numberProblem(i) : null;
  if (problem) return issue({ kind: "needsNumber", reason: problem });
  const site = input.sites.find((s) => s.hostLicenseIds.includes(id));
  if (!units.take(id)) {
    if (site?.attendeeEnabled) {
      issue({ kind: "attendeeInsteadOfHost", siteUrl: site.siteUrl });
      change.roles.push({ siteUrl: site.siteUrl, from: "none", to: "attendee" });
    } else issue({ kind: "noUnitsLeft", licenseName: name });
    return;
  }
  const calling = id.startsWith("lic-call")
    ? { locationId: "San Francisco HQ", phoneNumber: `+1415555${String(1000 + i).slice(-4)}`, extension: String(2000 + i) }
    : null;
  change.add.push({ licenseId: id, name, subscriptionId: id === "lic-call-pro" ? "Sub-2023-0417" : "Sub-2022-0101", siteUrl: site?.siteUrl ?? null, calling });
  if (site) change.roles.push({ siteUrl: site.siteUrl, from: "none", to: "host" });
}

function usesOf(licenses: readonly LicenseOption[], units: Units): LicenseUse[] {
  const touched = licenses.filter((l) => units.taken.has(l.id) || units.given.has(l.id) || units.wantedBeyond.has(l.id));
  return touched.flatMap((l) => {
    const after = l.consumedUnits + (units.taken.get(l.id) ?? 0) - (units.given.get(l.id) ?? 0);
    const shortBy = units.wantedBeyond.get(l.id) ?? 0;
    const base = { licenseId: l.id, name: l.name, siteUrl: l.siteUrl, shortBy };
    if (l.subscriptions < 2) return [{ ...base, subscriptionId: "Sub-2022-0101", totalUnits: l.totalUnits, consumedBefore: l.consumedUnits, consumedAfter: after }];
    // T12: the oldest subscription is full, so the newer one gives.
    return [
      { ...base, shortBy: 0, subscriptionId: "Sub-2019-1104", totalUnits: 300, consumedBefore: 300, consumedAfter: 300 },
      { ...base, subscriptionId: "Sub-2023-0417", totalUnits: l.totalUnits - 300, consumedBefore: l.consumedUnits - 300, consumedAfter: after - 300 },
    ];
  });
}

function totalsOf(users: readonly UserChange[], inScope: number): PlanTotals {
  const count = (test: (u: UserChange) => boolean) => users.filter(test).length;
  return {
    usersInScope: inScope,
    usersChanged: count((u) => u.add.length + u.remove.length + u.roles.length > 0),
    licensesAdded: users.reduce((n, u) => n + u.add.length, 0),
    licensesRemoved: users.reduce((n, u) => n + u.remove.length, 0),
    rolesChanged: users.reduce((n, u) => n + u.roles.length, 0),
    callingRemovals: count((u) => u.remove.some((r) => r.calling)),
    needsNumber: count((u) => u.issues.some((i) => i.kind === "needsNumber")),
    pendingFirstSignIn: count((u) => u.pendingFirstSignIn),
    noUnitsLeft: count((u) => u.issues.some((i) => i.kind === "noUnitsLeft")),
  };
}

export function plan(input: PlanInput): Plan {
  const units = new Units(input.licenses);
  const users = input.users
    .map((u) => changeFor(u, input, units))
    .filter((c) => c.add.length + c.remove.length + c.roles.length + c.issues.length > 0)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { users, licenses: usesOf(input.licenses, units), totals: totalsOf(users, input.users.length) };
}

/** T5: without preserve, everything the template does not give goes. */
export function outsideTemplate(template: Template): (held: string[]) => string[] {
  const keep = new Set(wanted(template));
  return (held) => held.filter((id) => !keep.has(id));
}

/** T6: licenses the template gave (here: held ones it lists, or listed). */
export function givenBy(ids: readonly string[]): (held: string[]) => string[] {
  return (held) => held.filter((id) => ids.includes(id));
}
