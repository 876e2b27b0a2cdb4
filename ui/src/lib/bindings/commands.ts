// Generated from crates/hubdesk-api/src/commands/list.rs by `cargo test -p hubdesk-api`. Do not edit.

import type { AppInfo } from "./AppInfo";
import type { AppearanceInput } from "./AppearanceInput";
import type { ApplyRequest } from "./ApplyRequest";
import type { AssignmentMode } from "./AssignmentMode";
import type { AuditEntry } from "./AuditEntry";
import type { BroadworksOptions } from "./BroadworksOptions";
import type { BroadworksRefresh } from "./BroadworksRefresh";
import type { BulkPreview } from "./BulkPreview";
import type { CallingFixAsk } from "./CallingFixAsk";
import type { CallingFixPreview } from "./CallingFixPreview";
import type { CallingImportPreview } from "./CallingImportPreview";
import type { CallingLocationChoice } from "./CallingLocationChoice";
import type { CallingStatusRow } from "./CallingStatusRow";
import type { CallingSummary } from "./CallingSummary";
import type { CallingUser } from "./CallingUser";
import type { CallingUserPage } from "./CallingUserPage";
import type { CallingUserQuery } from "./CallingUserQuery";
import type { ChangeRow } from "./ChangeRow";
import type { Diagnosis } from "./Diagnosis";
import type { FieldProblem } from "./FieldProblem";
import type { IntegrationInput } from "./IntegrationInput";
import type { MeetingsReassigned } from "./MeetingsReassigned";
import type { MeetingsSaved } from "./MeetingsSaved";
import type { MeetingsView } from "./MeetingsView";
import type { OnboardingCheck } from "./OnboardingCheck";
import type { OnboardingItem } from "./OnboardingItem";
import type { OrgSummary } from "./OrgSummary";
import type { PeopleFilter } from "./PeopleFilter";
import type { PeopleFilterOptions } from "./PeopleFilterOptions";
import type { PeoplePage } from "./PeoplePage";
import type { PeopleQuery } from "./PeopleQuery";
import type { PeopleSelection } from "./PeopleSelection";
import type { PersonDetail } from "./PersonDetail";
import type { Preview } from "./Preview";
import type { RunDetail } from "./RunDetail";
import type { RunProgress } from "./RunProgress";
import type { RunSummary } from "./RunSummary";
import type { SaveCheck } from "./SaveCheck";
import type { SaveScope } from "./SaveScope";
import type { SearchResults } from "./SearchResults";
import type { SessionInfo } from "./SessionInfo";
import type { Settings } from "./Settings";
import type { SiteSessionTypes } from "./SiteSessionTypes";
import type { SubscriberActionsApplied } from "./SubscriberActionsApplied";
import type { SubscriberActionsPreview } from "./SubscriberActionsPreview";
import type { SubscriberAsk } from "./SubscriberAsk";
import type { SubscriberLive } from "./SubscriberLive";
import type { SubscriberPage } from "./SubscriberPage";
import type { SubscriberQuery } from "./SubscriberQuery";
import type { SyncProgress } from "./SyncProgress";
import type { SyncStatusRow } from "./SyncStatusRow";
import type { TemplateDraft } from "./TemplateDraft";
import type { TemplatesView } from "./TemplatesView";
import type { TypesChange } from "./TypesChange";

/** Every command the window may call: its feature, arguments and answer. */
export type Commands = {
  /** Who is signed in, to which tenant, and whether the keyring works. */
  get_session: { feature: "session"; args: Record<string, never>; answer: SessionInfo };
  /** Signs in to the built-in demo tenant. */
  sign_in_demo: { feature: "session"; args: Record<string, never>; answer: SessionInfo };
  /** Signs in to Webex in the system browser with the integration from Settings. */
  sign_in_webex: { feature: "session"; args: Record<string, never>; answer: SessionInfo };
  /** Forgets the tokens; the cache stays. */
  sign_out: { feature: "session"; args: Record<string, never>; answer: SessionInfo };
  get_settings: { feature: "settings"; args: Record<string, never>; answer: Settings };
  /** What is wrong with each field of the integration, as it is typed; empty when nothing is. */
  check_integration: { feature: "settings"; args: { input: IntegrationInput }; answer: Array<FieldProblem> };
  /** Saves the integration; refused (invalid_input) while a field has a problem. */
  save_integration: { feature: "settings"; args: { input: IntegrationInput }; answer: Settings };
  save_appearance: { feature: "settings"; args: { input: AppearanceInput }; answer: Settings };
  /** The version, and where data and logs are kept. */
  app_info: { feature: "settings"; args: Record<string, never>; answer: AppInfo };
  /** Shows the log folder in the system's file manager. */
  open_log_folder: { feature: "settings"; args: Record<string, never>; answer: null };
  /** Every cached org, with its last sync. */
  list_orgs: { feature: "orgs"; args: Record<string, never>; answer: Array<OrgSummary> };
  /** Syncs one org (progress as `sync-progress` events); templates are then enforced in the background. */
  sync_org: { feature: "orgs"; args: { orgId: string }; answer: Array<SyncStatusRow> };
  /** Refreshes the org list, then syncs every org; resolves with the new list. */
  sync_all: { feature: "orgs"; args: Record<string, never>; answer: Array<OrgSummary> };
  /** Stops the running sync; the previous cache is kept. */
  cancel_sync: { feature: "orgs"; args: Record<string, never>; answer: null };
  sync_status: { feature: "orgs"; args: { orgId: string }; answer: Array<SyncStatusRow> };
  /** One window of the users table: searched, filtered and sorted. */
  search_people: { feature: "users"; args: { query: PeopleQuery }; answer: PeoplePage };
  /** The licenses and locations the users table can be filtered by. */
  people_filter_options: { feature: "users"; args: { orgId: string }; answer: PeopleFilterOptions };
  /** Everyone the table shows for `text` and `filter`, in name order, at most 100,000. */
  people_selection: { feature: "users"; args: { orgId: string; text: string; filter: PeopleFilter }; answer: PeopleSelection };
  /** Word-prefix search over every cached org: the first 50 hits by name. */
  search_everywhere: { feature: "users"; args: { text: string }; answer: SearchResults };
  get_person: { feature: "users"; args: { orgId: string; personId: string }; answer: PersonDetail };
  /**
   * C2-C5: how many users of the org have no Calling license for each reason, and C7's list,
   * from the cache (offline too); the report is kept in the cache until the org changes.
   */
  calling_report: { feature: "calling"; args: { orgId: string }; answer: CallingSummary };
  /** A window of the report's users (at most 500): of a reason, found by typed text. */
  calling_users: { feature: "calling"; args: { orgId: string; query: CallingUserQuery; offset: number; limit: number }; answer: CallingUserPage };
  /** One user of the report; null when the user has Calling (or is not in the org). */
  calling_user: { feature: "calling"; args: { orgId: string; personId: string }; answer: CallingUser | null };
  /** The ids of every user the query finds, in order, at most 100,000: for a fix of all shown. */
  calling_user_ids: { feature: "calling"; args: { orgId: string; query: CallingUserQuery }; answer: Array<string> };
  /** The Calling reason of each of these users (at most 1,000), for the users table. */
  calling_statuses: { feature: "calling"; args: { orgId: string; personIds: Array<string> }; answer: Array<CallingStatusRow> };
  /** The org's locations for a Calling assignment, with the free numbers of each (from the cache). */
  calling_locations: { feature: "calling"; args: { orgId: string }; answer: Array<CallingLocationChoice> };
  /**
   * Sends nothing: what fixing the users would send (each user's suggested fix unless one is
   * chosen), who is skipped and why, and the C8 confirmation when Calling is removed.
   */
  calling_fix_preview: { feature: "calling"; args: { orgId: string; asks: Array<CallingFixAsk> }; answer: CallingFixPreview };
  /**
   * C6: sends nothing: the org's Calling template applied again to the users it covers who have
   * no Calling yet, as a template preview (applied with `templates_commit`).
   */
  calling_template_preview: { feature: "calling"; args: { orgId: string }; answer: Preview };
  /**
   * Journals the preview's changes and sends them in the background (progress as `run-progress`
   * events, Cancel and Resume as for templates); null when there is nothing to send.
   */
  calling_fix_apply: { feature: "calling"; args: { request: ApplyRequest }; answer: RunSummary | null };
  /**
   * Saves the report as a Control Hub users CSV (plus Reason and Suggested Number) where the admin
   * chooses (a save dialog); the path, or null if cancelled.
   */
  calling_export: { feature: "calling"; args: { orgId: string }; answer: string | null };
  /**
   * Reads a users CSV the admin chooses (an open dialog) and previews the work numbers it changes;
   * null if cancelled. Applied with `calling_fix_apply`.
   */
  calling_import_preview: { feature: "calling"; args: { orgId: string }; answer: CallingImportPreview | null };
  /** What each sync of the org found changed since the one before: newest first, at most 1,000 rows. */
  list_changes: { feature: "changes"; args: { orgId: string }; answer: Array<ChangeRow> };
  templates_view: { feature: "templates"; args: { orgId: string }; answer: TemplatesView };
  /** T1: deletes the other mode's templates (never licenses). */
  templates_set_mode: { feature: "templates"; args: { orgId: string; mode: AssignmentMode }; answer: TemplatesView };
  /** T7: whether users keep their licenses when they move between groups. */
  templates_set_transition_preserve: { feature: "templates"; args: { orgId: string; preserve: boolean }; answer: TemplatesView };
  /** Sends nothing: what saving `draft` with `scope` would change. */
  templates_preview_save: { feature: "templates"; args: { orgId: string; draft: TemplateDraft; scope: SaveScope }; answer: Preview };
  /** Sends nothing: what deleting the template would change (T6). */
  templates_preview_delete: { feature: "templates"; args: { orgId: string; templateId: string; preserve: boolean }; answer: Preview };
  /**
   * Saves or deletes what the preview was for and starts sending its changes
   * (progress as `run-progress` events); null when there is nothing to send.
   */
  templates_commit: { feature: "templates"; args: { request: ApplyRequest }; answer: RunSummary | null };
  /** Newest first. */
  runs_list: { feature: "templates"; args: { orgId: string }; answer: Array<RunSummary> };
  run_detail: { feature: "templates"; args: { runId: string }; answer: RunDetail };
  /** Stops after the requests in flight; the run becomes `interrupted`. */
  run_cancel: { feature: "templates"; args: { runId: string }; answer: null };
  /** Sends the run's open entries again, in the background: each change once. */
  run_resume: { feature: "templates"; args: { runId: string }; answer: RunSummary };
  /** Newest first. */
  audit_list: { feature: "templates"; args: { orgId: string }; answer: Array<AuditEntry> };
  /** Saves the preview as CSV where the admin chooses (a save dialog); the path, or null if cancelled. */
  export_preview: { feature: "templates"; args: { previewId: string }; answer: string | null };
  /** Saves the audit log as CSV where the admin chooses; the path, or null if cancelled. */
  export_audit: { feature: "templates"; args: { orgId: string }; answer: string | null };
  /** A user's Meetings tab: each site, the role there, the site's types and the user's set read live. */
  meetings_show: { feature: "meetings"; args: { orgId: string; personId: string }; answer: MeetingsView };
  /** S2: replaces the user's whole set on the site, reads it back and says what Webex holds. */
  meetings_set: { feature: "meetings"; args: { orgId: string; personId: string; siteUrl: string; typeIds: Array<string> }; answer: MeetingsSaved };
  /** The troubleshooter's checks (S1-S5, T16) for the site, or the user's site with a problem first. */
  meetings_diagnose: { feature: "meetings"; args: { orgId: string; personId: string; siteUrl: string | null; lastSave: SaveCheck | null }; answer: Diagnosis };
  /** S5: the paid types off, save, back on, save; both answers. */
  meetings_force_refresh: { feature: "meetings"; args: { orgId: string; personId: string; siteUrl: string }; answer: Array<MeetingsSaved> };
  /** The org's Meetings sites and their session types, from the cache (offline too). */
  meetings_sites: { feature: "meetings"; args: { orgId: string }; answer: Array<SiteSessionTypes> };
  /** S1, S2: the site's missing paid types added to the user's set, saved whole and read back. */
  meetings_enable_missing: { feature: "meetings"; args: { orgId: string; personId: string; siteUrl: string }; answer: MeetingsSaved };
  /**
   * S5: removes the user's paid Meetings license on the site, then assigns it again, through the
   * apply journal (in order; a resumed run assigns it again); what the user holds afterwards.
   */
  meetings_reassign_license: { feature: "meetings"; args: { orgId: string; personId: string; siteUrl: string }; answer: MeetingsReassigned };
  /**
   * Sends nothing: for the people (ids or emails) on the site, who gains and loses which types
   * (S1, S2), each user's set read live; who is not a host there, or could not be read.
   */
  meetings_bulk_preview: { feature: "meetings"; args: { orgId: string; siteUrl: string; people: Array<string>; change: TypesChange }; answer: BulkPreview };
  /**
   * Journals one PUT per user whose set changes (the plan of the same preview, else planned again)
   * and sends them in the background (progress as `run-progress` events, Cancel with `run_cancel`,
   * resumed with `run_resume`); null when nothing changes.
   */
  meetings_bulk_apply: { feature: "meetings"; args: { orgId: string; siteUrl: string; people: Array<string>; change: TypesChange }; answer: RunSummary | null };
  /** One window of the status view (newest status change first), with the counts per status. */
  broadworks_subscribers: { feature: "broadworks"; args: { query: SubscriberQuery }; answer: SubscriberPage };
  /** The customers and packages the status view can be filtered by, and when it was refreshed. */
  broadworks_options: { feature: "broadworks"; args: Record<string, never>; answer: BroadworksOptions };
  /** Fetches the subscribers whose status changed since the last refresh (and the enterprises if stale). */
  broadworks_refresh: { feature: "broadworks"; args: Record<string, never>; answer: BroadworksRefresh };
  /** Saves the view (every row of `query`, not only the window) as CSV where the admin chooses; null if cancelled. */
  broadworks_export: { feature: "broadworks"; args: { query: SubscriberQuery }; answer: string | null };
  /** B1, B2: per customer template, what to verify in Partner Hub, what was ticked, and the warning. */
  broadworks_onboarding: { feature: "broadworks"; args: Record<string, never>; answer: Array<OnboardingCheck> };
  /** Ticks (or unticks) one item of a template's check; remembered in the ledger. */
  broadworks_onboarding_tick: { feature: "broadworks"; args: { provisioningId: string; item: OnboardingItem; checked: boolean }; answer: OnboardingCheck };
  /**
   * Sends nothing but the retries' prechecks: each subscriber read live; who, what, from which
   * status, and what is refused (a malformed email, an unknown package, a status the action does
   * not apply to, a precheck Webex refused) with why.
   */
  broadworks_actions_preview: { feature: "broadworks"; args: { asks: Array<SubscriberAsk> }; answer: SubscriberActionsPreview };
  /**
   * Plans again as the preview does, journals what is sendable (a retry: delete then provision,
   * in order) and sends it in the background (`run-progress`, Cancel with `run_cancel`, resumed
   * with `run_resume`), then follows each subscriber's status (`subscriber-status`).
   */
  broadworks_actions_apply: { feature: "broadworks"; args: { asks: Array<SubscriberAsk> }; answer: SubscriberActionsApplied };
  /**
   * Follows the subscribers' statuses until they settle or a time limit passes
   * (`subscriber-status` events), writing each settled row to the cache; the last read of each.
   */
  broadworks_follow: { feature: "broadworks"; args: { subscriberIds: Array<string> }; answer: Array<SubscriberLive> };
};

/** Every event the backend sends, by name, with its payload. */
export type Events = {
  /** A sync's progress, per org and resource. */
  "sync-progress": SyncProgress;
  /** A template run's progress. */
  "run-progress": RunProgress;
  /** A followed BroadWorks subscriber's status, each time it is read. */
  "subscriber-status": SubscriberLive;
};
