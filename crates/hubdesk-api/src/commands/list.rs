// Every command the window may call and every event it listens to,
// declared once. Each command: its feature (the folder it lives in, in
// ui/src/features/, in hubdesk-core's features/ and here), its name, its
// arguments (camelCase on the wire) and its answer. Each event: its
// payload type and the name the window listens to. From this one list:
// - hubdesk-api generates the TypeScript command map (ui/src/lib/bindings/commands.ts),
// - hubdesk-core generates the dispatcher that calls each command's handler
//   (a missing or mistyped handler does not compile),
// - src-tauri's build script declares each command to Tauri and checks that
//   capabilities/default.json grants exactly these (it includes this file).
// The types are resolved where the list is expanded; this file only names them.

/// Calls `$then! { commands { feature { name(args) -> Answer; ... } ... } events { ... } }`.
#[macro_export]
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            commands {
                session {
                    /// Who is signed in, to which tenant, and whether the keyring works.
                    get_session() -> SessionInfo;
                    /// Signs in to the built-in demo tenant.
                    sign_in_demo() -> SessionInfo;
                    /// Signs in to Webex in the system browser with the integration from Settings.
                    sign_in_webex() -> SessionInfo;
                    /// Forgets the tokens; the cache stays.
                    sign_out() -> SessionInfo;
                }
                settings {
                    get_settings() -> Settings;
                    /// What is wrong with each field of the integration, as it is typed; empty when nothing is.
                    check_integration(input: IntegrationInput) -> Vec<FieldProblem>;
                    /// Saves the integration; refused (invalid_input) while a field has a problem.
                    save_integration(input: IntegrationInput) -> Settings;
                    save_appearance(input: AppearanceInput) -> Settings;
                    /// The version, and where data and logs are kept.
                    app_info() -> AppInfo;
                    /// Shows the log folder in the system's file manager.
                    open_log_folder() -> ();
                }
                orgs {
                    /// Every cached org, with its last sync.
                    list_orgs() -> Vec<OrgSummary>;
                    /// Syncs one org (progress as `sync-progress` events); templates are then enforced in the background.
                    sync_org(org_id: String) -> Vec<SyncStatusRow>;
                    /// Refreshes the org list, then syncs every org; resolves with the new list.
                    sync_all() -> Vec<OrgSummary>;
                    /// Stops the running sync; the previous cache is kept.
                    cancel_sync() -> ();
                    sync_status(org_id: String) -> Vec<SyncStatusRow>;
                }
                users {
                    /// One window of the users table: searched, filtered and sorted.
                    search_people(query: PeopleQuery) -> PeoplePage;
                    /// The licenses and locations the users table can be filtered by.
                    people_filter_options(org_id: String) -> PeopleFilterOptions;
                    /// Everyone the table shows for `text` and `filter`, in name order, at most 100,000.
                    people_selection(org_id: String, text: String, filter: PeopleFilter) -> PeopleSelection;
                    /// Word-prefix search over every cached org: the first 50 hits by name.
                    search_everywhere(text: String) -> SearchResults;
                    get_person(org_id: String, person_id: String) -> PersonDetail;
                }
                calling {
                    /// C2-C5: how many users of the org have no Calling license for each reason, and C7's list,
                    /// from the cache (offline too); the report is kept in the cache until the org changes.
                    calling_report(org_id: String) -> CallingSummary;
                    /// A window of the report's users (at most 500): of a reason, found by typed text.
                    calling_users(org_id: String, query: CallingUserQuery, offset: u32, limit: u32) -> CallingUserPage;
                    /// One user of the report; null when the user has Calling (or is not in the org).
                    calling_user(org_id: String, person_id: String) -> Option<CallingUser>;
                    /// The ids of every user the query finds, in order, at most 100,000: for a fix of all shown.
                    calling_user_ids(org_id: String, query: CallingUserQuery) -> Vec<String>;
                    /// The Calling reason of each of these users (at most 1,000), for the users table.
                    calling_statuses(org_id: String, person_ids: Vec<String>) -> Vec<CallingStatusRow>;
                    /// The org's locations for a Calling assignment, with the free numbers of each (from the cache).
                    calling_locations(org_id: String) -> Vec<CallingLocationChoice>;
                    /// Sends nothing: what fixing the users would send (each user's suggested fix unless one is
                    /// chosen), who is skipped and why, and the C8 confirmation when Calling is removed.
                    calling_fix_preview(org_id: String, asks: Vec<CallingFixAsk>) -> CallingFixPreview;
                    /// C6: sends nothing: the org's Calling template applied again to the users it covers who have
                    /// no Calling yet, as a template preview (applied with `templates_commit`).
                    calling_template_preview(org_id: String) -> Preview;
                    /// Journals the preview's changes and sends them in the background (progress as `run-progress`
                    /// events, Cancel and Resume as for templates); null when there is nothing to send.
                    calling_fix_apply(request: ApplyRequest) -> Option<RunSummary>;
                    /// Saves the report as a Control Hub users CSV (plus Reason and Suggested Number) where the admin
                    /// chooses (a save dialog); the path, or null if cancelled.
                    calling_export(org_id: String) -> Option<String>;
                    /// Reads a users CSV the admin chooses (an open dialog) and previews the work numbers it changes;
                    /// null if cancelled. Applied with `calling_fix_apply`.
                    calling_import_preview(org_id: String) -> Option<CallingImportPreview>;
                }
                changes {
                    /// What each sync of the org found changed since the one before: newest first, at most 1,000 rows.
                    list_changes(org_id: String) -> Vec<ChangeRow>;
                }
                templates {
                    templates_view(org_id: String) -> TemplatesView;
                    /// T1: deletes the other mode's templates (never licenses).
                    templates_set_mode(org_id: String, mode: AssignmentMode) -> TemplatesView;
                    /// T7: whether users keep their licenses when they move between groups.
                    templates_set_transition_preserve(org_id: String, preserve: bool) -> TemplatesView;
                    /// Sends nothing: what saving `draft` with `scope` would change.
                    templates_preview_save(org_id: String, draft: TemplateDraft, scope: SaveScope) -> Preview;
                    /// Sends nothing: what deleting the template would change (T6).
                    templates_preview_delete(org_id: String, template_id: String, preserve: bool) -> Preview;
                    /// Saves or deletes what the preview was for and starts sending its changes
                    /// (progress as `run-progress` events); null when there is nothing to send.
                    templates_commit(request: ApplyRequest) -> Option<RunSummary>;
                    /// Newest first.
                    runs_list(org_id: String) -> Vec<RunSummary>;
                    run_detail(run_id: String) -> RunDetail;
                    /// Stops after the requests in flight; the run becomes `interrupted`.
                    run_cancel(run_id: String) -> ();
                    /// Sends the run's open entries again, in the background: each change once.
                    run_resume(run_id: String) -> RunSummary;
                    /// Newest first.
                    audit_list(org_id: String) -> Vec<AuditEntry>;
                    /// Saves the preview as CSV where the admin chooses (a save dialog); the path, or null if cancelled.
                    export_preview(preview_id: String) -> Option<String>;
                    /// Saves the audit log as CSV where the admin chooses; the path, or null if cancelled.
                    export_audit(org_id: String) -> Option<String>;
                }
                meetings {
                    /// A user's Meetings tab: each site, the role there, the site's types and the user's set read live.
                    meetings_show(org_id: String, person_id: String) -> MeetingsView;
                    /// S2: replaces the user's whole set on the site, reads it back and says what Webex holds.
                    meetings_set(org_id: String, person_id: String, site_url: String, type_ids: Vec<String>) -> MeetingsSaved;
                    /// The troubleshooter's checks (S1-S5, T16) for the site, or the user's site with a problem first.
                    meetings_diagnose(org_id: String, person_id: String, site_url: Option<String>, last_save: Option<SaveCheck>) -> Diagnosis;
                    /// S5: the paid types off, save, back on, save; both answers.
                    meetings_force_refresh(org_id: String, person_id: String, site_url: String) -> Vec<MeetingsSaved>;
                    /// The org's Meetings sites and their session types, from the cache (offline too).
                    meetings_sites(org_id: String) -> Vec<SiteSessionTypes>;
                    /// S1, S2: the site's missing paid types added to the user's set, saved whole and read back.
                    meetings_enable_missing(org_id: String, person_id: String, site_url: String) -> MeetingsSaved;
                    /// S5: removes the user's paid Meetings license on the site, then assigns it again, through the
                    /// apply journal (in order; a resumed run assigns it again); what the user holds afterwards.
                    meetings_reassign_license(org_id: String, person_id: String, site_url: String) -> MeetingsReassigned;
                    /// Sends nothing: for the people (ids or emails) on the site, who gains and loses which types
                    /// (S1, S2), each user's set read live; who is not a host there, or could not be read.
                    meetings_bulk_preview(org_id: String, site_url: String, people: Vec<String>, change: TypesChange) -> BulkPreview;
                    /// Journals one PUT per user whose set changes (the plan of the same preview, else planned again)
                    /// and sends them in the background (progress as `run-progress` events, Cancel with `run_cancel`,
                    /// resumed with `run_resume`); null when nothing changes.
                    meetings_bulk_apply(org_id: String, site_url: String, people: Vec<String>, change: TypesChange) -> Option<RunSummary>;
                }
                broadworks {
                    // The read side: the status view (B3, B5), its refresh and export, the onboarding check (B1, B2).
                    /// One window of the status view (newest status change first), with the counts per status.
                    broadworks_subscribers(query: SubscriberQuery) -> SubscriberPage;
                    /// The customers and packages the status view can be filtered by, and when it was refreshed.
                    broadworks_options() -> BroadworksOptions;
                    /// Fetches the subscribers whose status changed since the last refresh (and the enterprises if stale).
                    broadworks_refresh() -> BroadworksRefresh;
                    /// Saves the view (every row of `query`, not only the window) as CSV where the admin chooses; null if cancelled.
                    broadworks_export(query: SubscriberQuery) -> Option<String>;
                    /// B1, B2: per customer template, what to verify in Partner Hub, what was ticked, and the warning.
                    broadworks_onboarding() -> Vec<OnboardingCheck>;
                    /// Ticks (or unticks) one item of a template's check; remembered in the ledger.
                    broadworks_onboarding_tick(provisioning_id: String, item: OnboardingItem, checked: bool) -> OnboardingCheck;
                    // Write side (B4): actions through the journal, then their live status.
                    /// Sends nothing but the retries' prechecks: each subscriber read live; who, what, from which
                    /// status, and what is refused (a malformed email, an unknown package, a status the action does
                    /// not apply to, a precheck Webex refused) with why.
                    broadworks_actions_preview(asks: Vec<SubscriberAsk>) -> SubscriberActionsPreview;
                    /// Plans again as the preview does, journals what is sendable (a retry: delete then provision,
                    /// in order) and sends it in the background (`run-progress`, Cancel with `run_cancel`, resumed
                    /// with `run_resume`), then follows each subscriber's status (`subscriber-status`).
                    broadworks_actions_apply(asks: Vec<SubscriberAsk>) -> SubscriberActionsApplied;
                    /// Follows the subscribers' statuses until they settle or a time limit passes
                    /// (`subscriber-status` events), writing each settled row to the cache; the last read of each.
                    broadworks_follow(subscriber_ids: Vec<String>) -> Vec<SubscriberLive>;
                }
            }
            events {
                /// A sync's progress, per org and resource.
                SyncProgress = "sync-progress";
                /// A template run's progress.
                RunProgress = "run-progress";
                /// A followed BroadWorks subscriber's status, each time it is read.
                SubscriberLive = "subscriber-status";
            }
        }
    };
}
