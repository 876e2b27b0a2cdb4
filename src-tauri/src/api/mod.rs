//! The typed command surface between the UI and the backend.
//!
//! Every type the frontend sees is declared here (or re-exported from here)
//! and turned into TypeScript by ts-rs; `tests/bindings.rs` fails when the
//! checked-in `ui/src/lib/bindings/` files are stale. No Tauri in this module:
//! the same types serve the headless command line and the tests.

mod error;
mod templates;
mod types;

pub use error::{ApiError, ErrorCode};
pub use templates::*;
pub use types::*;

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
    files![
        ApiError,
        ErrorCode,
        SessionInfo,
        SignedInUser,
        TenantKind,
        KeyringStatus,
        Settings,
        SettingsInput,
        Theme,
        OrgSummary,
        SyncStatusRow,
        SyncProgress,
        SyncResource,
        SyncPhase,
        PeopleQuery,
        PeoplePage,
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
        UserChange,
        LicenseUse,
        PlanTotals,
        Plan,
        TemplatesView,
        TemplateSummary,
        GroupOption,
        LicenseOption,
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
    ]
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn bindings_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
    }

    /// Fails when a Rust type changed and the checked-in TypeScript did not.
    /// Regenerate with `UPDATE_BINDINGS=1 cargo test -p hubdesk --lib bindings`.
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
            "ui/src/lib/bindings is stale (changed: {stale:?}, unknown: {extra:?}); run UPDATE_BINDINGS=1 cargo test -p hubdesk --lib bindings"
        );
    }

    /// Only `app/` may use Tauri: everything else must run with no window.
    #[test]
    fn only_the_app_module_uses_tauri() {
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut stack = vec![src.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path != src.join("app") {
                        stack.push(path);
                    }
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Spelled in two halves so this test does not find itself.
                    let (path_use, import) = (concat!("tauri", "::"), concat!("use ", "tauri"));
                    if text.contains(path_use) || text.contains(import) {
                        offenders.push(path.strip_prefix(&src).unwrap().display().to_string());
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "Tauri used outside src/app: {offenders:?}");
    }
}
