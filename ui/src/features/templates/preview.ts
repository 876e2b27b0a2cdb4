// A preview as the admin reads it: who gains, who loses, what goes wrong and
// why, in words. Pure functions of the Preview the backend computed.

import type { LicenseUse } from "../../lib/bindings/LicenseUse";
import type { NumberProblem } from "../../lib/bindings/NumberProblem";
import type { PlanTotals } from "../../lib/bindings/PlanTotals";
import type { SiteRole } from "../../lib/bindings/SiteRole";
import type { UserChange } from "../../lib/bindings/UserChange";
import type { UserIssue } from "../../lib/bindings/UserIssue";
import type { Params } from "../../lib/i18n/translate";

/** A message to translate: an i18n key and its parameters. */
export interface Words {
  key: string;
  params?: Params;
}

export type UserFilter = "all" | "gains" | "loses" | "issues" | "callingRemovals";

/** The order of the filter chips. */
export const USER_FILTERS: readonly UserFilter[] = ["all", "gains", "loses", "issues", "callingRemovals"];

const RANK: Record<SiteRole, number> = { none: 0, attendee: 1, host: 2 };

/** A Meetings role going up (none → attendee → host) is a gain. */
export function rises(from: SiteRole, to: SiteRole): boolean {
  return RANK[to] > RANK[from];
}

export function gains(user: UserChange): boolean {
  return user.add.length > 0 || user.roles.some((r) => rises(r.from, r.to));
}

export function loses(user: UserChange): boolean {
  return user.remove.length > 0 || user.roles.some((r) => rises(r.to, r.from));
}

/** C8: the user would lose Calling, and with it their number and settings. */
export function losesCalling(user: UserChange): boolean {
  return user.remove.some((r) => r.calling);
}

const TESTS: Record<UserFilter, (user: UserChange) => boolean> = {
  all: () => true,
  gains,
  loses,
  // What the Issues column shows, pending first sign-in (T16) included, so
  // the chip counts the rows it filters to.
  issues: (user) => userNotes(user).length > 0,
  callingRemovals: losesCalling,
};

/** Lower case without accents, so "zoe" finds "Zoé". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function matchingText(users: readonly UserChange[], text: string): UserChange[] {
  const wanted = fold(text.trim());
  if (wanted === "") return [...users];
  return users.filter((u) => fold(u.displayName).includes(wanted) || fold(u.email).includes(wanted));
}

export type FilterCounts = Record<UserFilter, number>;

export interface UserView {
  users: UserChange[];
  /** Per chip, under the text filter. */
  counts: FilterCounts;
}

/** The rows under a chip and a name or email filter, and every chip's count. */
export function viewUsers(users: readonly UserChange[], filter: UserFilter, text: string): UserView {
  const named = matchingText(users, text);
  const counts = Object.fromEntries(USER_FILTERS.map((f) => [f, 0])) as FilterCounts;
  for (const user of named) for (const f of USER_FILTERS) if (TESTS[f](user)) counts[f]++;
  return { users: filter === "all" ? named : named.filter(TESTS[filter]), counts };
}

function numberProblemWords(reason: NumberProblem): Words {
  const key = `templates.issues.number.${reason.problem}`;
  switch (reason.problem) {
    case "noWorkNumber":
      return { key };
    case "takenBy":
      return { key, params: { number: reason.number, owner: reason.owner } };
    default:
      return { key, params: { number: reason.number } };
  }
}

/** Why a user does not get everything, in words. */
export function issueWords(issue: UserIssue): Words {
  switch (issue.kind) {
    case "needsNumber":
      return numberProblemWords(issue.reason);
    case "noUnitsLeft":
      return { key: "templates.issues.noUnitsLeft", params: { license: issue.licenseName } };
    case "attendeeInsteadOfHost":
      return { key: "templates.issues.attendeeInsteadOfHost", params: { site: issue.siteUrl } };
    case "siteAdminWithoutHost":
      return { key: "templates.issues.siteAdminWithoutHost", params: { site: issue.siteUrl } };
    case "createdWithLicenses":
      return { key: "templates.issues.createdWithLicenses" };
  }
}

/** Every issue of a user, pending first sign-in (T16) last. */
export function userNotes(user: UserChange): Words[] {
  const notes = user.issues.map(issueWords);
  if (user.pendingFirstSignIn) notes.push({ key: "templates.issues.pendingFirstSignIn" });
  return notes;
}

export type Tone = "neutral" | "warning" | "danger";

export interface Total {
  id: keyof PlanTotals;
  value: number;
  tone: Tone;
}

const TOTAL_TONES: Partial<Record<keyof PlanTotals, Tone>> = {
  licensesRemoved: "warning",
  callingRemovals: "danger",
  needsNumber: "warning",
  noUnitsLeft: "danger",
};

/** The figures at the top of a preview, in reading order. A figure that is
 * zero is calm whatever it counts. */
export function totalsList(totals: PlanTotals): Total[] {
  const order: (keyof PlanTotals)[] = [
    "usersChanged",
    "licensesAdded",
    "licensesRemoved",
    "rolesChanged",
    "callingRemovals",
    "needsNumber",
    "pendingFirstSignIn",
    "noUnitsLeft",
  ];
  return order.map((id) => ({ id, value: totals[id], tone: totals[id] > 0 ? (TOTAL_TONES[id] ?? "neutral") : "neutral" }));
}

/** How a license fares: `short` when users wanted units no subscription
 * had, `last` when the plan hands out its last units. */
export type PoolState = "short" | "last" | "ok";

export function poolState(use: LicenseUse): PoolState {
  if (use.shortBy > 0 || use.consumedAfter > use.totalUnits) return "short";
  if (use.consumedAfter >= use.totalUnits && use.consumedAfter > use.consumedBefore) return "last";
  return "ok";
}

/** Whether nothing would be sent: the template only applies to new users. */
export function planIsEmpty(totals: PlanTotals): boolean {
  return totals.usersChanged === 0;
}
