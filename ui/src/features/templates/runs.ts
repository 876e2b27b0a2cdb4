// Runs and the audit log as the History and Audit tabs show them: colours
// of states, progress, what one user's change was, the audit filter.

import type { Tone } from "../../lib/components/Pill.svelte";
import type { AuditEntry } from "../../lib/bindings/AuditEntry";
import type { AuditEvent } from "../../lib/bindings/AuditEvent";
import type { CallingRequest } from "../../lib/bindings/CallingRequest";
import type { EntryState } from "../../lib/bindings/EntryState";
import type { RunAction } from "../../lib/bindings/RunAction";
import type { RunEntry } from "../../lib/bindings/RunEntry";
import type { RunProgress } from "../../lib/bindings/RunProgress";
import type { RunState } from "../../lib/bindings/RunState";
import type { RunSummary } from "../../lib/bindings/RunSummary";
import type { SiteRole } from "../../lib/bindings/SiteRole";
import type { UserChange } from "../../lib/bindings/UserChange";
import type { UserTypesChange } from "../../lib/bindings/UserTypesChange";
import { rises, type Words } from "./preview";

export const RUN_TONES: Record<RunState, Tone> = { running: "accent", interrupted: "warning", finished: "success" };

export const ENTRY_TONES: Record<EntryState, Tone> = {
  pending: "neutral",
  in_flight: "accent",
  done: "success",
  partial: "warning",
  failed: "danger",
  skipped: "neutral",
};

/** What a run carries out, in words: the backend sends it as data. */
export function runTitle(action: RunAction): Words {
  switch (action.kind) {
    case "saved": {
      const verb = action.edited ? "edited" : "created";
      const key = action.existingUsers ? `${verb}Existing` : verb;
      return { key: `templates.runTitle.${key}`, params: { name: action.templateName } };
    }
    case "deleted":
      return { key: "templates.runTitle.deleted", params: { name: action.templateName } };
    case "callingTemplateReapplied":
      return { key: "templates.runTitle.callingTemplateReapplied", params: { name: action.templateName } };
    case "enforced":
      return { key: "templates.runTitle.enforced" };
    case "meetingsTypesSet":
      return { key: "templates.runTitle.meetingsTypesSet", params: { site: action.siteUrl, users: action.users } };
    case "broadworksSubscribers":
      return { key: "templates.runTitle.broadworksSubscribers", params: { retry: action.retry, delete: action.delete, package: action.package } };
    case "meetingsLicenseReassigned":
      return { key: "templates.runTitle.meetingsLicenseReassigned", params: { license: action.licenseName, email: action.email, site: action.siteUrl } };
    case "callingFixes": {
      const count = action.workNumbers + action.assigned + action.reprovisioned;
      return { key: action.imported ? "templates.runTitle.callingImported" : "templates.runTitle.callingFixes", params: { count } };
    }
  }
}

/** A finished run with failures is not a plain success. */
export function runTone(run: Pick<RunSummary, "state" | "failed" | "partial">): Tone {
  if (run.state === "finished" && run.failed + run.partial > 0) return "warning";
  return RUN_TONES[run.state];
}

/** Where a run stands, from its summary or its latest progress event. */
export interface RunStatus {
  runId: string;
  state: RunState;
  done: number;
  total: number;
  failed: number;
}

export function statusOf(run: RunSummary): RunStatus {
  return {
    runId: run.runId,
    state: run.state,
    done: run.succeeded + run.partial + run.failed,
    total: run.total,
    failed: run.failed,
  };
}

/** Events of another run change nothing. */
export function applyRunProgress(status: RunStatus, event: RunProgress): RunStatus {
  if (event.runId !== status.runId) return status;
  return { runId: status.runId, state: event.state, done: event.done, total: event.total, failed: event.failed };
}

/** The parts of one user's change, each marked gain or loss, Calling
 * losses apart (C8); roles are left for the caller to put in words. */
export type ChangePart =
  | { kind: "add" | "remove" | "removeCalling"; text: string }
  | { kind: "role"; siteUrl: string; from: SiteRole; to: SiteRole };

export function changeParts(change: UserChange): ChangePart[] {
  // Becoming host on a site is what adding its host license means: one pill.
  const hostAdded = new Set(change.add.flatMap((a) => (a.siteUrl ? [a.siteUrl] : [])));
  const roles = change.roles.filter((r) => !(r.to === "host" && hostAdded.has(r.siteUrl)));
  return [
    ...change.add.map((a) => ({ text: a.siteUrl ? `${a.name} (${a.siteUrl})` : a.name, kind: "add" as const })),
    ...change.remove.map((r) => ({ text: r.name, kind: r.calling ? ("removeCalling" as const) : ("remove" as const) })),
    ...roles.map((r) => ({ kind: "role" as const, siteUrl: r.siteUrl, from: r.from, to: r.to })),
  ];
}

/** A Meetings session-types entry as parts (S2: the whole set was sent;
 * what it gained and lost is shown). `name` names a type id. */
export function sessionTypeParts(types: UserTypesChange, name: (id: string) => string): ChangePart[] {
  return [
    ...types.gains.map((id) => ({ kind: "add" as const, text: name(id) })),
    ...types.loses.map((id) => ({ kind: "remove" as const, text: name(id) })),
  ];
}

/** A Calling fix step as a part (C1, C4, C7): what it gave or took, by
 * name. `t` translates (passed in so this stays a pure function). */
export function callingParts(request: CallingRequest, t: (key: string, params?: Record<string, string>) => string): ChangePart[] {
  switch (request.step) {
    case "setWorkNumber":
      return [{ kind: "add", text: t("calling.run.workNumber", { number: request.number }) }];
    case "addCalling": {
      const line = [request.phoneNumber, request.extension && t("calling.run.extension", { extension: request.extension })];
      const values = {
        license: request.licenseName ?? t("calling.run.someLicense"),
        location: request.locationName ?? t("calling.run.someLocation"),
        line: line.filter((part) => part).join(", "),
      };
      return [{ kind: "add", text: t(request.afterRemoval ? "calling.run.addAgain" : "calling.run.add", values) }];
    }
    case "removeCalling":
      return [{ kind: "removeCalling", text: request.licenseName ?? t("calling.run.someLicense") }];
  }
}

/** Whether a part is something the user gains. */
export function isGain(part: ChangePart): boolean {
  return part.kind === "add" || (part.kind === "role" && rises(part.from, part.to));
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The run detail's chips: `notSent` covers the entries Webex has not
 * answered (pending, in flight) and those left out (skipped). */
export type EntryFilter = "all" | "failed" | "partial" | "done" | "notSent";

const ENTRY_FILTER: Record<EntryState, Exclude<EntryFilter, "all">> = {
  pending: "notSent",
  in_flight: "notSent",
  skipped: "notSent",
  done: "done",
  partial: "partial",
  failed: "failed",
};

export interface EntryView {
  entries: RunEntry[];
  /** Per chip, under the text filter. */
  counts: Record<EntryFilter, number>;
}

/** A run's entries under a chip and a name, email or error filter. */
export function filterEntries(entries: readonly RunEntry[], filter: EntryFilter, text: string): EntryView {
  const wanted = fold(text.trim());
  const named = wanted === "" ? [...entries] : entries.filter((e) =>
    [e.displayName, e.email, e.error ?? "", e.trackingId ?? ""].some((field) => fold(field).includes(wanted)),
  );
  const counts: Record<EntryFilter, number> = { all: named.length, failed: 0, partial: 0, done: 0, notSent: 0 };
  for (const entry of named) counts[ENTRY_FILTER[entry.state]]++;
  return { entries: filter === "all" ? named : named.filter((e) => ENTRY_FILTER[e.state] === filter), counts };
}

/** Entries whose user, admin, summary or tracking id contains the text. */
export function filterAudit(entries: readonly AuditEntry[], text: string): AuditEntry[] {
  const wanted = fold(text.trim());
  if (wanted === "") return [...entries];
  return entries.filter((e) =>
    [e.email, e.actor, e.summary, e.trackingId ?? ""].some((field) => fold(field).includes(wanted)),
  );
}

/** A template or settings change in the audit log, in the catalogue's words:
 * the key and its values (the screen translates). */
export function auditEventWords(event: AuditEvent): { key: string; values: Record<string, string> } {
  switch (event.kind) {
    case "templateSaved":
      return { key: event.edited ? "templates.audit.event.edited" : "templates.audit.event.created", values: { name: event.templateName } };
    case "templateDeleted":
      return { key: "templates.audit.event.deleted", values: { name: event.templateName } };
    case "modeSwitched": {
      const mode = event.mode === "org" ? "templates.audit.event.modeOrg" : "templates.audit.event.modeGroup";
      return event.deletedTemplates.length === 0
        ? { key: mode, values: {} }
        : { key: `${mode}Deleted`, values: { names: event.deletedTemplates.join(", ") } };
    }
    case "transitionPreserveSet":
      return { key: event.preserve ? "templates.audit.event.preserveOn" : "templates.audit.event.preserveOff", values: {} };
  }
}
