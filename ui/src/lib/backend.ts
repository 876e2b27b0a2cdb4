// The one door to the Rust side. Every command is a typed function here, and
// every rejection comes out as an ApiError, so no other module needs to know
// about Tauri or guess at error shapes.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ApiError } from "./bindings/ApiError";
import type { Events } from "./bindings/commands";
import type { AnswerOf, ArgsOf, Command } from "./commands";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { PeopleQuery } from "./bindings/PeopleQuery";
import type { AppearanceInput } from "./bindings/AppearanceInput";
import type { IntegrationInput } from "./bindings/IntegrationInput";
import type { AssignmentMode } from "./bindings/AssignmentMode";
import type { TemplateDraft } from "./bindings/TemplateDraft";
import type { SaveScope } from "./bindings/SaveScope";
import type { ApplyRequest } from "./bindings/ApplyRequest";
import type { SaveCheck } from "./bindings/SaveCheck";
import type { PeopleFilter } from "./bindings/PeopleFilter";
import type { TypesChange } from "./bindings/TypesChange";
import type { SubscriberQuery } from "./bindings/SubscriberQuery";
import type { OnboardingItem } from "./bindings/OnboardingItem";
import type { SubscriberAsk } from "./bindings/SubscriberAsk";
import type { CallingFixAsk } from "./bindings/CallingFixAsk";
import type { CallingUserQuery } from "./bindings/CallingUserQuery";

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

const UNEXPECTED = "Something unexpected went wrong in hubdesk. Try again; if it happens again, copy the details into a report.";

/** Turns whatever a command rejected with into an ApiError. Tauri rejects
 * with a plain string when a command is missing or its arguments do not
 * deserialize; those are bugs, hence `internal`. */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const { detail, trackingId } = reason as { detail?: unknown; trackingId?: unknown };
    return {
      code: reason.code,
      message: reason.message,
      detail: typeof detail === "string" ? detail : null,
      trackingId: typeof trackingId === "string" ? trackingId : null,
    };
  }
  // Not ours: a bug. The raw text is technical, so it goes to the details.
  let detail: string | null = null;
  if (typeof reason === "string" && reason.trim() !== "") detail = reason;
  else if (reason instanceof Error && reason.message !== "") detail = reason.message;
  return { code: "internal", message: UNEXPECTED, detail, trackingId: null };
}

/** Invokes a declared command: its name, arguments and answer are typed
 * by the generated command map, so a renamed command fails the type check. */
async function call<K extends Command>(command: K, args: ArgsOf<K>): Promise<AnswerOf<K>> {
  try {
    return await invoke<AnswerOf<K>>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const backend = {
  getSession: () => call("get_session", {}),
  signInDemo: () => call("sign_in_demo", {}),
  signInWebex: () => call("sign_in_webex", {}),
  signOut: () => call("sign_out", {}),
  getSettings: () => call("get_settings", {}),
  checkIntegration: (input: IntegrationInput) => call("check_integration", { input }),
  saveIntegration: (input: IntegrationInput) => call("save_integration", { input }),
  saveAppearance: (input: AppearanceInput) => call("save_appearance", { input }),
  appInfo: () => call("app_info", {}),
  openLogFolder: () => call("open_log_folder", {}),
  listOrgs: () => call("list_orgs", {}),
  syncOrg: (orgId: string) => call("sync_org", { orgId }),
  syncAll: () => call("sync_all", {}),
  cancelSync: () => call("cancel_sync", {}),
  syncStatus: (orgId: string) => call("sync_status", { orgId }),
  searchPeople: (query: PeopleQuery) => call("search_people", { query }),
  peopleFilterOptions: (orgId: string) => call("people_filter_options", { orgId }),
  peopleSelection: (orgId: string, text: string, filter: PeopleFilter) => call("people_selection", { orgId, text, filter }),
  searchEverywhere: (text: string) => call("search_everywhere", { text }),
  getPerson: (orgId: string, personId: string) => call("get_person", { orgId, personId }),
  listChanges: (orgId: string) => call("list_changes", { orgId }),
  templatesView: (orgId: string) => call("templates_view", { orgId }),
  templatesSetMode: (orgId: string, mode: AssignmentMode) => call("templates_set_mode", { orgId, mode }),
  templatesSetTransitionPreserve: (orgId: string, preserve: boolean) =>
    call("templates_set_transition_preserve", { orgId, preserve }),
  templatesPreviewSave: (orgId: string, draft: TemplateDraft, scope: SaveScope) =>
    call("templates_preview_save", { orgId, draft, scope }),
  templatesPreviewDelete: (orgId: string, templateId: string, preserve: boolean) =>
    call("templates_preview_delete", { orgId, templateId, preserve }),
  templatesCommit: (request: ApplyRequest) => call("templates_commit", { request }),
  runsList: (orgId: string) => call("runs_list", { orgId }),
  runDetail: (runId: string) => call("run_detail", { runId }),
  runCancel: (runId: string) => call("run_cancel", { runId }),
  runResume: (runId: string) => call("run_resume", { runId }),
  auditList: (orgId: string) => call("audit_list", { orgId }),
  exportPreview: (previewId: string) => call("export_preview", { previewId }),
  exportAudit: (orgId: string) => call("export_audit", { orgId }),
  meetingsShow: (orgId: string, personId: string) => call("meetings_show", { orgId, personId }),
  meetingsSet: (orgId: string, personId: string, siteUrl: string, typeIds: string[]) =>
    call("meetings_set", { orgId, personId, siteUrl, typeIds }),
  meetingsDiagnose: (orgId: string, personId: string, siteUrl: string | null, lastSave: SaveCheck | null) =>
    call("meetings_diagnose", { orgId, personId, siteUrl, lastSave }),
  meetingsForceRefresh: (orgId: string, personId: string, siteUrl: string) =>
    call("meetings_force_refresh", { orgId, personId, siteUrl }),
  meetingsEnableMissing: (orgId: string, personId: string, siteUrl: string) =>
    call("meetings_enable_missing", { orgId, personId, siteUrl }),
  meetingsReassignLicense: (orgId: string, personId: string, siteUrl: string) =>
    call("meetings_reassign_license", { orgId, personId, siteUrl }),
  meetingsSites: (orgId: string) => call("meetings_sites", { orgId }),
  callingReport: (orgId: string) => call("calling_report", { orgId }),
  callingUsers: (orgId: string, query: CallingUserQuery, offset: number, limit: number) =>
    call("calling_users", { orgId, query, offset, limit }),
  callingUser: (orgId: string, personId: string) => call("calling_user", { orgId, personId }),
  callingUserIds: (orgId: string, query: CallingUserQuery) => call("calling_user_ids", { orgId, query }),
  callingStatuses: (orgId: string, personIds: string[]) => call("calling_statuses", { orgId, personIds }),
  callingLocations: (orgId: string) => call("calling_locations", { orgId }),
  callingFixPreview: (orgId: string, asks: CallingFixAsk[]) => call("calling_fix_preview", { orgId, asks }),
  callingTemplatePreview: (orgId: string) => call("calling_template_preview", { orgId }),
  callingFixApply: (request: ApplyRequest) => call("calling_fix_apply", { request }),
  callingExport: (orgId: string) => call("calling_export", { orgId }),
  callingImportPreview: (orgId: string) => call("calling_import_preview", { orgId }),
  broadworksSubscribers: (query: SubscriberQuery) => call("broadworks_subscribers", { query }),
  broadworksOptions: () => call("broadworks_options", {}),
  broadworksRefresh: () => call("broadworks_refresh", {}),
  broadworksExport: (query: SubscriberQuery) => call("broadworks_export", { query }),
  broadworksOnboarding: () => call("broadworks_onboarding", {}),
  broadworksOnboardingTick: (provisioningId: string, item: OnboardingItem, checked: boolean) =>
    call("broadworks_onboarding_tick", { provisioningId, item, checked }),
  broadworksActionsPreview: (asks: SubscriberAsk[]) => call("broadworks_actions_preview", { asks }),
  broadworksActionsApply: (asks: SubscriberAsk[]) => call("broadworks_actions_apply", { asks }),
  meetingsBulkPreview: (orgId: string, siteUrl: string, people: string[], change: TypesChange) =>
    call("meetings_bulk_preview", { orgId, siteUrl, people, change }),
  meetingsBulkApply: (orgId: string, siteUrl: string, people: string[], change: TypesChange) =>
    call("meetings_bulk_apply", { orgId, siteUrl, people, change }),
};

export type Backend = typeof backend;

/** Subscribes to one of the declared events; resolves to the function
 * that unsubscribes. */
function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (message) => handler(message.payload));
}

/** Subscribes to sync progress; resolves to the function that unsubscribes. */
export const onSyncProgress = (handler: (progress: Events["sync-progress"]) => void) => on("sync-progress", handler);

/** Subscribes to the progress of template runs; resolves to the function
 * that unsubscribes. */
export const onRunProgress = (handler: (progress: Events["run-progress"]) => void) => on("run-progress", handler);

/** Subscribes to the statuses of BroadWorks subscribers followed after an
 * action; resolves to the function that unsubscribes. */
export const onSubscriberStatus = (handler: (live: Events["subscriber-status"]) => void) => on("subscriber-status", handler);
