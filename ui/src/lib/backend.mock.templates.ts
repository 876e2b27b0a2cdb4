// The fake tenant's license templates (see backend.mock.ts): per org a mode,
// templates, groups and licenses; previews kept until applied; runs that
// tick through their users with `run-progress` events, can be cancelled and
// resumed; an audit log. Northwind starts in group mode with three
// templates, a run history and an interrupted run; Contoso has none yet;
// Globex has one org-wide template.
//
// URL parameters: &fail=offline makes applying fail as if Webex could not be
// reached; &fail=expired makes the first apply find its preview expired.

import type { RunAction } from "./bindings/RunAction";
import type { ApiError } from "./bindings/ApiError";
import type { AssignmentMode } from "./bindings/AssignmentMode";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { Preview } from "./bindings/Preview";
import type { RunDetail } from "./bindings/RunDetail";
import type { RunProgress } from "./bindings/RunProgress";
import type { RunSummary } from "./bindings/RunSummary";
import type { UserChange } from "./bindings/UserChange";
import type { SaveScope } from "./bindings/SaveScope";
import type { Template } from "./bindings/Template";
import type { TemplateDraft } from "./bindings/TemplateDraft";
import type { TemplatesView } from "./bindings/TemplatesView";
import type { TemplateSummary } from "./bindings/TemplateSummary";
import { catalogue, givenBy, GROUPS, membersOf, outsideTemplate, plan, sitesOf, wanted, type MockUser } from "./backend.mock.templates.plan";
import { pastRuns, runEntries, tick, toAudit } from "./backend.mock.templates.runs";
import type { Handlers } from "./commands";

export interface TemplatesHost {
  actor: string;
  /** The org's people, in a stable order; empty before its first sync. */
  people(orgId: string): MockUser[];
  domain(orgId: string): string;
  lastSyncedMs(orgId: string): number | null;
}

interface OrgState {
  mode: AssignmentMode;
  transitionPreserve: boolean;
  templates: TemplateSummary[];
  runs: RunDetail[];
  audit: AuditEntry[];
}

/** What applying a preview does besides sending its plan. */
interface PendingPreview {
  preview: Preview;
  action: RunAction;
  apply: (state: OrgState) => void;
}

const HOUR = 3_600_000;
const params = new URLSearchParams(location.search);
const failure = params.get("fail");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (code: ApiError["code"], message: string): never => {
  throw { code, message, detail: null, trackingId: null } satisfies ApiError;
};

function summary(template: Template, memberCount: number, updatedMs: number): TemplateSummary {
  const groupName = GROUPS.find((g) => g.id === template.groupId)?.name ?? null;
  return { template, groupName, memberCount, updatedMs };
}

function startingState(orgId: string, host: TemplatesHost): OrgState {
  const [main, eu] = sitesOf(host.domain(orgId));
  const now = Date.now();
  const state: OrgState = { mode: "group", transitionPreserve: true, templates: [], runs: [], audit: [] };
  if (orgId === "org-home") {
    const group = (id: string) => GROUPS.find((g) => g.id === id)?.memberCount ?? 0;
    state.templates = [
      summary({ id: "tpl-sales", name: "Sales", groupId: "grp-sales", licenses: ["lic-call-pro", "lic-basic-msg"], meetings: [{ siteUrl: main, account: { type: "host", licenseId: "lic-mtg-main" } }] }, group("grp-sales"), now - 30 * 24 * HOUR),
      summary({ id: "tpl-support", name: "Support agents", groupId: "grp-support", licenses: ["lic-call-pro", "lic-cc-std", "lic-basic-msg"], meetings: [{ siteUrl: main, account: { type: "attendee" } }] }, group("grp-support"), now - 3 * 24 * HOUR),
      summary({ id: "tpl-eng", name: "Engineering", groupId: "grp-eng", licenses: ["lic-msg-adv", "lic-screen"], meetings: [{ siteUrl: main, account: { type: "host", licenseId: "lic-mtg-main" } }, { siteUrl: eu, account: { type: "host", licenseId: "lic-mtg-eu" } }] }, group("grp-eng"), now - 90 * 24 * HOUR),
    ];
    state.runs = pastRuns(orgId, host.actor, host.people(orgId), now);
    state.audit = state.runs.flatMap((run) => toAudit(run, run.entries)).sort((a, b) => b.atMs - a.atMs);
  } else if (orgId === "org-globex") {
    state.mode = "org";
    state.templates = [summary({ id: "tpl-globex", name: "Everyone", groupId: null, licenses: ["lic-basic-msg", "lic-basic-mtg"], meetings: [] }, host.people(orgId).length, now - 60 * 24 * HOUR)];
  } else if (orgId !== "org-initech") {
    state.mode = "org";
  }
  return state;
}

export function templateCommands(host: TemplatesHost) {
  const orgs = new Map<string, OrgState>();
  const previews = new Map<string, PendingPreview>();
  const listeners = new Set<(event: { payload: RunProgress }) => void>();
  const cancelled = new Set<string>();
  const settlers = new Map<string, (run: RunDetail) => void>();
  let expiredOnce = failure === "expired";
  let nextId = 1;

  const stateOf = (orgId: string) => {
    let state = orgs.get(orgId);
    if (!state) orgs.set(orgId, (state = startingState(orgId, host)));
    return state;
  };
  const emit = (payload: RunProgress) => listeners.forEach((l) => l({ payload }));

  function view(orgId: string): TemplatesView {
    const state = stateOf(orgId);
    const { licenses, sites } = catalogue(host.domain(orgId));
    const taken = new Set(state.templates.map((t) => t.template.groupId));
    const groups = GROUPS.map(({ offset: _, ...g }) => ({ ...g, hasTemplate: taken.has(g.id) }));
    const unfinishedRun = state.runs.find((r) => r.summary.state === "interrupted")?.summary ?? null;
    return { orgId, mode: state.mode, groupTransitionPreserve: state.transitionPreserve, templates: state.templates, groups, licenses, sites, lastSyncedMs: host.lastSyncedMs(orgId), unfinishedRun };
  }

  function keep(orgId: string, preview: Omit<Preview, "previewId" | "orgId">, action: RunAction, apply: PendingPreview["apply"]): Preview {
    const previewId = `preview-${nextId++}`;
    const full: Preview = { previewId, orgId, ...preview };
    previews.set(previewId, { preview: full, action, apply });
    return full;
  }

  function confirmation(count: number): string | null {
    return count > 0 ? `remove calling from ${count} ${count === 1 ? "user" : "users"}` : null;
  }

  function previewSave(orgId: string, draft: TemplateDraft, scope: SaveScope): Preview {
    const state = stateOf(orgId);
    if (state.mode === "group" && !draft.groupId) fail("invalid_template", "A per-group template needs a group (T1).");
    if (GROUPS.find((g) => g.id === draft.groupId)?.eligible === false) fail("invalid_template", "Distribution groups cannot carry a template (T17).");
    const template: Template = { ...draft, id: draft.id ?? `tpl-${nextId++}` };
    const previous = state.templates.find((t) => t.template.id === template.id)?.template ?? null;
    const removed = previous ? wanted(previous).filter((id) => !wanted(template).includes(id)) : [];
    const users = membersOf(host.people(orgId), template.groupId);
    const { licenses, sites } = catalogue(host.domain(orgId));
    const takeBack = scope.existingUsers && !scope.preserve ? outsideTemplate(template) : !scope.preserve ? givenBy(removed) : () => [];
    const planned = plan({ template, users: scope.existingUsers || !scope.preserve ? users : [], licenses, sites, give: scope.existingUsers, takeBack, orgTemplate: template.groupId === null });
    const action: RunAction = { kind: "saved", templateName: template.name, edited: Boolean(draft.id), existingUsers: scope.existingUsers };
    return keep(orgId, { plan: planned, callingConfirmation: confirmation(planned.totals.callingRemovals) }, action, (s) => {
      s.templates = [...s.templates.filter((t) => t.template.id !== template.id), summary(template, users.length, Date.now())];
    });
  }

  function previewDelete(orgId: string, templateId: string, preserve: boolean): Preview {
    const state = stateOf(orgId);
    const template = state.templates.find((t) => t.template.id === templateId)?.template ?? fail("not_found", "No such template.");
    const users = preserve ? [] : membersOf(host.people(orgId), template.groupId);
    const { licenses, sites } = catalogue(host.domain(orgId));
    const planned = plan({ template, users, licenses, sites, give: false, takeBack: givenBy(wanted(template)), orgTemplate: false });
    return keep(orgId, { plan: planned, callingConfirmation: confirmation(planned.totals.callingRemovals) }, { kind: "deleted", templateName: template.name }, (s) => {
      s.templates = s.templates.filter((t) => t.template.id !== templateId);
    });
  }

  /** C6: the org's Calling template given again to the users it covers
   * (those without Calling get it; nothing is taken back). */
  function previewCallingTemplate(orgId: string): Preview {
    const template =
      stateOf(orgId).templates.find((t) => t.template.licenses.some((id) => id.startsWith("lic-call")))?.template ??
      fail("not_found", "This organization has no license template with a Calling license. Add Calling to a template in License templates first.");
    const { licenses, sites } = catalogue(host.domain(orgId));
    const users = membersOf(host.people(orgId), template.groupId);
    const planned = plan({ template, users, licenses, sites, give: true, takeBack: () => [], orgTemplate: template.groupId === null });
    const action: RunAction = { kind: "callingTemplateReapplied", templateName: template.name };
    return keep(orgId, { plan: planned, callingConfirmation: null }, action, () => {});
  }

  /** Starts a run of `changes` for another feature's apply (Calling fixes);
   * `settle` sees its entries each time it stops. */
  function startRun(orgId: string, action: RunAction, changes: UserChange[], settle: (run: RunDetail) => void): RunSummary {
    const run: RunDetail = {
      summary: { runId: `run-${nextId++}`, orgId, action, actor: host.actor, createdMs: Date.now(), state: "running", total: changes.length, succeeded: 0, partial: 0, failed: 0 },
      entries: runEntries(changes),
    };
    settlers.set(run.summary.runId, settle);
    stateOf(orgId).runs.unshift(run);
    void send(orgId, run);
    return { ...run.summary };
  }

  /** Sends a run's pending entries a few at a time, like the journal does. */
  async function send(orgId: string, run: RunDetail): Promise<void> {
    cancelled.delete(run.summary.runId);
    run.summary.state = "running";
    while (run.entries.some((e) => e.state === "pending")) {
      await sleep(140);
      if (cancelled.has(run.summary.runId)) {
        run.summary.state = "interrupted";
        break;
      }
      const sent = tick(run, Math.max(1, Math.ceil(run.summary.total / 45)));
      stateOf(orgId).audit.unshift(...toAudit(run, sent));
      emit(progressOf(run));
    }
    if (run.summary.state === "running") run.summary.state = "finished";
    settlers.get(run.summary.runId)?.(run);
    emit(progressOf(run));
  }

  async function commit(request: { previewId: string; typedConfirmation: string | null }) {
    await sleep(300);
    const pending = previews.get(request.previewId) ?? fail("preview_expired", "This preview is gone: the app restarted or the cache changed. Preview again.");
    if (failure === "offline") fail("offline", "Webex cannot be reached, so nothing was sent.");
    if (expiredOnce) {
      expiredOnce = false;
      fail("preview_expired", "A sync changed the cache since this preview.");
    }
    const { preview, action, apply } = pending;
    if (preview.callingConfirmation !== null && request.typedConfirmation?.trim() !== preview.callingConfirmation) {
      fail("confirmation_required", `Type “${preview.callingConfirmation}” to remove Calling.`);
    }
    previews.delete(request.previewId);
    const state = stateOf(preview.orgId);
    apply(state);
    const changed = preview.plan.users.filter((u) => u.add.length + u.remove.length + u.roles.length > 0);
    if (changed.length === 0) return null;
    const run: RunDetail = {
      summary: { runId: `run-${nextId++}`, orgId: preview.orgId, action, actor: host.actor, createdMs: Date.now(), state: "running", total: changed.length, succeeded: 0, partial: 0, failed: 0 },
      entries: runEntries(changed),
    };
    state.runs.unshift(run);
    void send(preview.orgId, run);
    return { ...run.summary };
  }

  function findRun(runId: unknown): [string, RunDetail] {
    for (const [orgId, state] of orgs) {
      const run = state.runs.find((r) => r.summary.runId === runId);
      if (run) return [orgId, run];
    }
    return fail("not_found", `No run ${String(runId)}.`);
  }

  function resume(runId: string) {
    const [orgId, run] = findRun(runId);
    if (failure === "offline") fail("offline", "Webex cannot be reached, so nothing was sent.");
    if (run.summary.state !== "interrupted") fail("invalid_input", "Only an interrupted run can be resumed.");
    run.summary.state = "running";
    void send(orgId, run);
    return { ...run.summary };
  }

  const commands: Handlers<"templates"> = {
    templates_view: async (a) => (await sleep(80), view(a.orgId as string)),
    templates_set_mode: async (a) => {
      await sleep(250);
      const state = stateOf(a.orgId as string);
      if (state.mode !== a.mode) state.templates = [];
      state.mode = a.mode as AssignmentMode;
      return view(a.orgId as string);
    },
    templates_set_transition_preserve: async (a) => {
      await sleep(200);
      stateOf(a.orgId as string).transitionPreserve = a.preserve as boolean;
      return view(a.orgId as string);
    },
    templates_preview_save: async (a) => (await sleep(400), previewSave(a.orgId as string, a.draft as TemplateDraft, a.scope as SaveScope)),
    templates_preview_delete: async (a) => (await sleep(300), previewDelete(a.orgId as string, a.templateId as string, a.preserve as boolean)),
    templates_commit: (a) => commit(a.request),
    runs_list: async (a) => (await sleep(60), stateOf(a.orgId as string).runs.map((r) => ({ ...r.summary }))),
    run_detail: async (a) => {
      await sleep(120);
      const [, run] = findRun(a.runId);
      return { summary: { ...run.summary }, entries: run.entries.map((e) => ({ ...e })) };
    },
    run_cancel: (a) => {
      cancelled.add(a.runId);
      return null;
    },
    run_resume: async (a) => (await sleep(200), resume(a.runId as string)),
    audit_list: async (a) => (await sleep(90), [...stateOf(a.orgId as string).audit]),
    export_preview: async (a) => (await sleep(300), `/home/sam/Downloads/hubdesk-preview-${String(a.previewId)}.csv`),
    export_audit: async (a) => (await sleep(300), `/home/sam/Downloads/hubdesk-audit-${String(a.orgId)}.csv`),
  };

  return { commands, listeners, previewCallingTemplate, startRun };
}

function progressOf(run: RunDetail): RunProgress {
  const s = run.summary;
  return { runId: s.runId, done: s.succeeded + s.partial + s.failed, total: s.total, failed: s.failed, state: s.state };
}
