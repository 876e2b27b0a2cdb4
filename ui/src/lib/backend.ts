// The one door to the Rust side. Every command is a typed function here, and
// every rejection comes out as an ApiError, so no other module needs to know
// about Tauri or guess at error shapes.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ApiError } from "./bindings/ApiError";
import type { ApplyRequest } from "./bindings/ApplyRequest";
import type { AssignmentMode } from "./bindings/AssignmentMode";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { ChangeRow } from "./bindings/ChangeRow";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { OrgSummary } from "./bindings/OrgSummary";
import type { PeoplePage } from "./bindings/PeoplePage";
import type { PeopleQuery } from "./bindings/PeopleQuery";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { Preview } from "./bindings/Preview";
import type { RunDetail } from "./bindings/RunDetail";
import type { RunProgress } from "./bindings/RunProgress";
import type { RunSummary } from "./bindings/RunSummary";
import type { SaveScope } from "./bindings/SaveScope";
import type { SearchResults } from "./bindings/SearchResults";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Settings } from "./bindings/Settings";
import type { SettingsInput } from "./bindings/SettingsInput";
import type { SyncProgress } from "./bindings/SyncProgress";
import type { SyncStatusRow } from "./bindings/SyncStatusRow";
import type { TemplateDraft } from "./bindings/TemplateDraft";
import type { TemplatesView } from "./bindings/TemplatesView";

// A record keyed by every ErrorCode: adding a code on the Rust side breaks
// this line until the UI knows about it.
const KNOWN_CODES: Record<ErrorCode, true> = {
  not_signed_in: true,
  keyring_unavailable: true,
  sign_in_failed: true,
  not_configured: true,
  network: true,
  unauthorized: true,
  forbidden: true,
  rate_limited: true,
  webex_api: true,
  not_found: true,
  invalid_input: true,
  cancelled: true,
  busy: true,
  database: true,
  database_too_new: true,
  invalid_template: true,
  confirmation_required: true,
  offline: true,
  preview_expired: true,
  internal: true,
};

/** Every error code the backend can send, for tests and exhaustive UIs. */
export const ERROR_CODES = Object.keys(KNOWN_CODES) as ErrorCode[];

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(KNOWN_CODES, value);
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v.code) && typeof v.message === "string";
}

/** Turns whatever a command rejected with into an ApiError. Tauri rejects
 * with a plain string when a command is missing or its arguments do not
 * deserialize; those are bugs, hence `internal`. */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const tracking = (reason as { trackingId?: unknown }).trackingId;
    return {
      code: reason.code,
      message: reason.message,
      trackingId: typeof tracking === "string" ? tracking : null,
    };
  }
  let message = "Unexpected error";
  if (typeof reason === "string" && reason.trim() !== "") message = reason;
  else if (reason instanceof Error && reason.message !== "") message = reason.message;
  return { code: "internal", message, trackingId: null };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const backend = {
  getSession: () => call<SessionInfo>("get_session"),
  signInDemo: () => call<SessionInfo>("sign_in_demo"),
  signInWebex: () => call<SessionInfo>("sign_in_webex"),
  signOut: () => call<SessionInfo>("sign_out"),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (input: SettingsInput) => call<Settings>("save_settings", { input }),
  listOrgs: () => call<OrgSummary[]>("list_orgs"),
  syncOrg: (orgId: string) => call<SyncStatusRow[]>("sync_org", { orgId }),
  /** Refreshes the org list, then syncs every org; resolves with the new list. */
  syncAll: () => call<OrgSummary[]>("sync_all"),
  cancelSync: () => call<void>("cancel_sync"),
  syncStatus: (orgId: string) => call<SyncStatusRow[]>("sync_status", { orgId }),
  searchPeople: (query: PeopleQuery) => call<PeoplePage>("search_people", { query }),
  /** Word-prefix search over every cached org: the first 50 hits by name. */
  searchEverywhere: (text: string) => call<SearchResults>("search_everywhere", { text }),
  getPerson: (orgId: string, personId: string) =>
    call<PersonDetail>("get_person", { orgId, personId }),
  /** What each sync of the org found changed since the one before: newest
   * first, at most 1,000 rows. */
  listChanges: (orgId: string) => call<ChangeRow[]>("list_changes", { orgId }),
  templatesView: (orgId: string) => call<TemplatesView>("templates_view", { orgId }),
  /** T1: deletes the other mode's templates (never licenses). */
  templatesSetMode: (orgId: string, mode: AssignmentMode) =>
    call<TemplatesView>("templates_set_mode", { orgId, mode }),
  /** T7: keep licenses when users move between groups. */
  templatesSetTransitionPreserve: (orgId: string, preserve: boolean) =>
    call<TemplatesView>("templates_set_transition_preserve", { orgId, preserve }),
  /** Sends nothing: what saving `draft` with `scope` would change. */
  templatesPreviewSave: (orgId: string, draft: TemplateDraft, scope: SaveScope) =>
    call<Preview>("templates_preview_save", { orgId, draft, scope }),
  /** Sends nothing: what deleting the template would change (T6). */
  templatesPreviewDelete: (orgId: string, templateId: string, preserve: boolean) =>
    call<Preview>("templates_preview_delete", { orgId, templateId, preserve }),
  /** Saves or deletes what the preview was for and starts sending its
   * changes; null when there was nothing to send. */
  templatesCommit: (request: ApplyRequest) => call<RunSummary | null>("templates_commit", { request }),
  /** Newest first. */
  runsList: (orgId: string) => call<RunSummary[]>("runs_list", { orgId }),
  runDetail: (runId: string) => call<RunDetail>("run_detail", { runId }),
  /** Stops after the requests in flight; the run becomes `interrupted`. */
  runCancel: (runId: string) => call<void>("run_cancel", { runId }),
  runResume: (runId: string) => call<RunSummary>("run_resume", { runId }),
  /** Newest first. */
  auditList: (orgId: string) => call<AuditEntry[]>("audit_list", { orgId }),
  /** Writes the preview as CSV to Downloads; resolves with the file's path. */
  exportPreview: (previewId: string) => call<string>("export_preview", { previewId }),
  exportAudit: (orgId: string) => call<string>("export_audit", { orgId }),
};

export type Backend = typeof backend;

/** Subscribes to sync progress; resolves to the function that unsubscribes. */
export function onSyncProgress(handler: (progress: SyncProgress) => void): Promise<UnlistenFn> {
  return listen<SyncProgress>("sync-progress", (event) => handler(event.payload));
}

/** Subscribes to the progress of template runs; resolves to the function
 * that unsubscribes. */
export function onRunProgress(handler: (progress: RunProgress) => void): Promise<UnlistenFn> {
  return listen<RunProgress>("run-progress", (event) => handler(event.payload));
}
