// Runs of the fake tenant (see backend.mock.templates.ts): entries that
// Webex answers a few at a time, now and then with a refusal or a partial
// success, each with a tracking id; the audit rows they leave; and a past
// history for the partner's own org, one run of it interrupted.

import type { RunAction } from "./bindings/RunAction";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { RunDetail } from "./bindings/RunDetail";
import type { RunEntry } from "./bindings/RunEntry";
import type { UserChange } from "./bindings/UserChange";
import type { MockUser } from "./backend.mock.templates.plan";

const HOUR = 3_600_000;

export function runEntries(changes: readonly UserChange[]): RunEntry[] {
  return changes.map((change) => ({
    personId: change.personId,
    email: change.email,
    displayName: change.displayName,
    change,
    state: "pending",
    error: null,
    trackingId: null,
    finishedMs: null,
  }));
}

function trackingId(seed: number): string {
  const hex = (n: number) => (Math.imul(seed | 0, n) >>> 0).toString(16).padStart(8, "0");
  return `ROUTERGW_${hex(2654435761)}-${hex(40503).slice(0, 4)}`;
}

/** Webex's answer to one entry, decided by its place so reruns agree. */
function answer(entry: RunEntry, seed: number, atMs: number): RunEntry["state"] {
  entry.finishedMs = atMs;
  entry.trackingId = trackingId(seed);
  const calling = entry.change.add.find((a) => a.calling);
  if (seed % 37 === 5) {
    entry.error = calling?.calling?.phoneNumber
      ? `Webex refused the Calling license: ${calling.calling.phoneNumber} was assigned to someone else in the meantime (409).`
      : "Webex refused the change: the user was deleted in the meantime (404).";
    return (entry.state = "failed");
  }
  if (seed % 41 === 7) {
    entry.error = "Webex applied part of the change (206): the Meetings site did not accept the host license.";
    return (entry.state = "partial");
  }
  return (entry.state = "done");
}

/** Answers up to `count` pending entries; returns them. */
export function tick(run: RunDetail, count: number, atMs = Date.now()): RunEntry[] {
  const sent: RunEntry[] = [];
  for (const [i, entry] of run.entries.entries()) {
    if (sent.length === count) break;
    if (entry.state !== "pending") continue;
    const state = answer(entry, i + (run.summary.createdMs % 100_000), atMs);
    sent.push(entry);
    const s = run.summary;
    if (state === "done") s.succeeded++;
    else if (state === "partial") s.partial++;
    else s.failed++;
  }
  return sent;
}

function changeText(change: UserChange): string {
  return [
    ...change.add.map((a) => `+${a.name}${a.siteUrl ? ` (${a.siteUrl})` : ""}`),
    ...change.remove.map((r) => `−${r.name}`),
    ...change.roles.map((r) => `${r.to}@${r.siteUrl}`),
  ].join(" ");
}

export function toAudit(run: RunDetail, entries: readonly RunEntry[]): AuditEntry[] {
  return entries
    .filter((e) => e.finishedMs !== null)
    .map((e) => ({
      atMs: e.finishedMs ?? 0,
      actor: run.summary.actor,
      orgId: run.summary.orgId,
      personId: e.personId,
      email: e.email,
      summary: changeText(e.change),
      outcome: e.state,
      trackingId: e.trackingId,
      runId: run.summary.runId,
      event: null,
    }));
}

function change(user: MockUser, gains: { id: string; name: string; siteUrl?: string }[]): UserChange {
  return {
    personId: user.personId,
    email: user.email,
    displayName: user.displayName,
    add: gains.map((g) => ({ licenseId: g.id, name: g.name, subscriptionId: "Sub-2023-0417", siteUrl: g.siteUrl ?? null, calling: null })),
    remove: [],
    roles: [],
    issues: [],
    pendingFirstSignIn: false,
  };
}

function pastRun(orgId: string, actor: string, runId: string, action: RunAction, createdMs: number, users: readonly MockUser[], gains: Parameters<typeof change>[1], answered: number): RunDetail {
  const run: RunDetail = {
    summary: { runId, orgId, action, actor, createdMs, state: "finished", total: users.length, succeeded: 0, partial: 0, failed: 0 },
    entries: runEntries(users.map((u) => change(u, gains))),
  };
  tick(run, answered, createdMs + 40_000);
  if (answered < users.length) run.summary.state = "interrupted";
  return run;
}

/** Newest first: an interrupted run two hours ago, a sync's new users
 * yesterday, a big save last week with a few failures. */
export function pastRuns(orgId: string, actor: string, people: readonly MockUser[], now: number): RunDetail[] {
  if (people.length < 400) return [];
  const calling = { id: "lic-call-pro", name: "Webex Calling - Professional" };
  const cc = { id: "lic-cc-std", name: "Contact Center Standard Agent" };
  const meetings = { id: "lic-mtg-main", name: "Meetings - Webex Enterprise", siteUrl: "northwind.webex.com" };
  const messaging = { id: "lic-basic-msg", name: "Messaging" };
  return [
    pastRun(orgId, actor, "run-past-3", { kind: "saved", templateName: "Support agents", edited: false, existingUsers: true }, now - 2 * HOUR, people.slice(120, 205), [calling, cc], 40),
    pastRun(orgId, actor, "run-past-2", { kind: "enforced" }, now - 26 * HOUR, people.slice(390, 396), [messaging], 6),
    pastRun(orgId, actor, "run-past-1", { kind: "saved", templateName: "Sales", edited: false, existingUsers: true }, now - 6 * 24 * HOUR, people.slice(0, 118), [calling, meetings, messaging], 118),
  ];
}
