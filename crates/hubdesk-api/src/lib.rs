//! hubdesk-api: the typed surface between the window and the core. Every
//! command and event is declared once (`commands/list.rs`); the data they
//! carry is here, one module per feature (the same names as
//! `ui/src/features/` and hubdesk-core's `features/`), with `ApiError`
//! and its stable codes. ts-rs turns all of it into `ui/src/lib/bindings/`,
//! checked in; a test fails when those files are stale. No Tauri, no I/O:
//! the store, the client and the sign-in use these types too.

mod broadworks;
mod calling;
mod changes;
mod commands;
mod error;
mod meetings;
mod orgs;
mod session;
mod settings;
mod templates;
mod users;

pub use broadworks::*;
pub use calling::*;
pub use changes::*;
pub use commands::{camel_case, command_specs, commands_typescript, CommandSpec, Event, COMMAND_NAMES};
pub use error::{ApiError, ErrorCode};
pub use meetings::*;
pub use orgs::*;
pub use session::*;
pub use settings::*;
pub use templates::*;
pub use users::*;

/// Every exported type, for the bindings generator and its staleness test.
/// Each entry is (file name, TypeScript declaration file contents).
pub fn typescript_bindings() -> Vec<(String, String)> {
    use ts_rs::TS;
    // Epoch milliseconds fit a JavaScript number; bigint would burden the UI.
    let cfg = ts_rs::Config::new().with_large_int("number");
    macro_rules! files {
        ($($t:ty),* $(,)?) => {
            vec![$((format!("{}.ts", <$t>::name(&cfg)), <$t>::export_to_string(&cfg).expect("ts-rs export"))),*]
        };
    }
    let mut files = files![
        ApiError,
        ErrorCode,
        SessionInfo,
        SignedInUser,
        TenantKind,
        KeyringStatus,
        Settings,
        IntegrationInput,
        IntegrationField,
        FieldProblem,
        AppearanceInput,
        AppInfo,
        Theme,
        OrgSummary,
        SyncStatusRow,
        SyncProgress,
        SyncResource,
        SyncPhase,
        PeopleQuery,
        PeopleSort,
        SortKey,
        PeopleFilter,
        AccountStatus,
        PeopleFilterOptions,
        FilterOption,
        ReadableNumber,
        PeoplePage,
        PeopleSelection,
        PersonRow,
        PersonDetail,
        PersonLicense,
        PhoneNumber,
        SearchHit,
        SearchResults,
        ChangeKind,
        ChangeRow,
        AssignmentMode,
        Template,
        MeetingEntry,
        MeetingAccount,
        LicenseCategory,
        TemplateError,
        SiteRole,
        CallingLine,
        LicenseAdd,
        LicenseRemove,
        SiteRoleChange,
        UserIssue,
        NumberProblem,
        CallingReason,
        CallingEvidence,
        CallingUser,
        CallingReport,
        CallingSummary,
        CallingUserQuery,
        CallingUserPage,
        CallingStatusRow,
        CallingReasonCount,
        CallingFix,
        NumberHolder,
        CallingMismatch,
        CallingRequest,
        CallingLocationChoice,
        CallingFixAsk,
        CallingFixPreview,
        CallingFixChange,
        CallingFixSkip,
        CallingFixSkipReason,
        CallingImportPreview,
        CallingImportRejection,
        CallingImportRejectReason,
        Normalised,
        NotNormalised,
        UserChange,
        LicenseUse,
        PlanTotals,
        Plan,
        TemplatesView,
        TemplateSummary,
        GroupOption,
        LicenseOption,
        NotForUsers,
        SiteOption,
        TemplateDraft,
        SaveScope,
        Preview,
        ApplyRequest,
        RunState,
        RunSummary,
        RunAction,
        EntryState,
        RunEntry,
        RunDetail,
        RunProgress,
        AuditEntry,
        AuditEvent,
        SessionType,
        MeetingsRole,
        UserSite,
        SessionTypeRow,
        SaveCheck,
        CheckName,
        CheckStatus,
        Cause,
        Fix,
        Evidence,
        Check,
        UserMessage,
        Diagnosis,
        MeetingsView,
        SiteSessionTypes,
        MeetingsSite,
        MeetingsSaved,
        ReassignNotice,
        MeetingsReassigned,
        TypesChange,
        UserTypesChange,
        TypeCount,
        BulkPlan,
        BulkPreview,
        BulkSkipped,
        SubscriberStatus,
        SubscriberPackage,
        SubscriberQuery,
        SubscriberRow,
        StatusCount,
        SubscriberPage,
        CustomerOption,
        BroadworksOptions,
        BroadworksRefresh,
        OnboardingItem,
        OnboardingTick,
        PendingWarning,
        OnboardingCheck,
        // BroadWorks write side.
        ActionKind,
        Package,
        SubscriberErrorText,
        SubscriberAsk,
        SubscriberAction,
        SubscriberActionsPreview,
        SubscriberActionRow,
        SubscriberRefusal,
        SubscriberActionsApplied,
        SubscriberStep,
        SubscriberRequest,
        ProvisionFields,
        SubscriberLive,
    ];
    files.push(("commands.ts".to_owned(), commands_typescript(&cfg)));
    files
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn bindings_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings")
    }

    /// Fails when a Rust type changed and the checked-in TypeScript did not.
    /// Regenerate with `UPDATE_BINDINGS=1 cargo test -p hubdesk-api bindings`.
    #[test]
    fn typescript_bindings_are_up_to_date() {
        let dir = bindings_dir();
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        let expected = super::typescript_bindings();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
        }
        let mut stale = Vec::new();
        for (file, content) in &expected {
            let path = dir.join(file);
            if update {
                std::fs::write(&path, content).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                stale.push(file.clone());
            }
        }
        let known: Vec<_> = expected.iter().map(|(f, _)| f.clone()).collect();
        let extra: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|name| !known.contains(name))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            stale.is_empty() && extra.is_empty(),
            "ui/src/lib/bindings is stale (changed: {stale:?}, unknown: {extra:?}); run UPDATE_BINDINGS=1 cargo test -p hubdesk-api bindings"
        );
    }
}
