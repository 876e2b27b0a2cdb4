//! Runs (apply, cancel, resume), the audit log and the CSV exports.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tokio_util::sync::CancellationToken;

use super::apply::{apply_run, ApplyContext, RunProgressFn};
use super::facts;
use crate::features::broadworks::actions_apply::{apply_steps_run, StepsContext};
use crate::features::meetings::bulk_apply::{apply_types_run, TypesContext};
use crate::files::write_atomically;
use crate::store::{now_ms, rfc3339};
use crate::Core;
use hubdesk_api::{ApiError, AuditEntry, ErrorCode, RunAction, RunDetail, RunSummary};
use hubdesk_rules::csv_cell::write_row;
use hubdesk_rules::templates::plan_csv;

/// The cancel switch of each run being applied.
#[derive(Default)]
pub struct ActiveRuns(std::sync::Mutex<HashMap<String, CancellationToken>>);

impl ActiveRuns {
    pub(crate) fn claim(&self, run_id: &str) -> Result<CancellationToken, ApiError> {
        let mut runs = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if runs.contains_key(run_id) {
            return Err(ApiError::new(ErrorCode::Busy, "This run is already being applied."));
        }
        let token = CancellationToken::new();
        runs.insert(run_id.to_owned(), token.clone());
        Ok(token)
    }

    pub(crate) fn release(&self, run_id: &str) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(run_id);
    }

    fn cancel(&self, run_id: &str) {
        if let Some(token) = self.0.lock().unwrap_or_else(|p| p.into_inner()).get(run_id) {
            token.cancel();
        }
    }
}

impl Core {
    pub fn runs_list(&self, org_id: &str) -> Result<Vec<RunSummary>, ApiError> {
        Ok(self.ledger.runs(org_id)?)
    }

    pub fn run_detail(&self, run_id: &str) -> Result<RunDetail, ApiError> {
        Ok(self.ledger.run_detail(run_id)?)
    }

    /// Stops sending; requests already sent finish. The run can be resumed.
    pub fn run_cancel(&self, run_id: &str) {
        self.active_runs.cancel(run_id);
    }

    /// Sends every open entry of a run (new, cancelled or interrupted by a
    /// crash): each change once.
    pub async fn run_apply(&self, run_id: &str, progress: &RunProgressFn<'_>) -> Result<RunSummary, ApiError> {
        let summary = self.ledger.run_summary(run_id)?;
        let client = self.client().await?;
        let actor = self.actor().await?;
        if let RunAction::BroadworksSubscribers { .. } = summary.action {
            // Its entries are BroadWorks requests, sent in order.
            let cancel = self.active_runs.claim(run_id)?;
            let ctx = StepsContext {
                client: &client,
                ledger: &self.ledger,
                store: Some(&self.store),
                org_id: &summary.org_id,
                actor: &actor,
            };
            let result = apply_steps_run(&ctx, run_id, progress, &cancel).await;
            self.active_runs.release(run_id);
            return result;
        }
        if let RunAction::CallingFixes { .. } = summary.action {
            // Its entries set work numbers and give or remove Calling lines.
            return self.calling_run_apply(&summary, progress).await;
        }
        if let RunAction::MeetingsTypesSet { .. } = summary.action {
            // Its entries PUT session types, not licenses.
            let cancel = self.active_runs.claim(run_id)?;
            let ctx = TypesContext { client: &client, ledger: &self.ledger, org_id: &summary.org_id, actor: &actor };
            let result = apply_types_run(&ctx, run_id, progress, &cancel).await;
            self.active_runs.release(run_id);
            return result;
        }
        let mut pools = facts::pools(&self.store, &summary.org_id)?;
        if pools.is_empty() {
            // An org the cache does not have (a command line run on its own
            // cache): Webex's list. Unreachable, the run stops offline anyway.
            pools = facts::pools_of(client.licenses(&summary.org_id).await.unwrap_or_default());
        }
        let cancel = self.active_runs.claim(run_id)?;
        let ctx = ApplyContext {
            client: &client,
            ledger: &self.ledger,
            store: Some(&self.store),
            org_id: &summary.org_id,
            actor: &actor,
            pools: &pools,
        };
        let result = apply_run(&ctx, run_id, progress, &cancel).await;
        self.active_runs.release(run_id);
        result
    }

    pub fn audit_list(&self, org_id: &str) -> Result<Vec<AuditEntry>, ApiError> {
        Ok(self.ledger.audit(org_id)?)
    }

    /// The preview as CSV, one row per user (T14).
    pub fn preview_csv(&self, preview_id: &str) -> Result<String, ApiError> {
        let plan = self
            .previews
            .plan_of(preview_id)
            .ok_or_else(|| ApiError::new(ErrorCode::PreviewExpired, "This preview is out of date. Preview again."))?;
        Ok(plan_csv(&plan))
    }

    /// The org's audit log as CSV, newest first.
    pub fn audit_log_csv(&self, org_id: &str) -> Result<String, ApiError> {
        audit_csv(&self.ledger.audit(org_id)?)
    }

    /// The signed-in admin, as the audit log names them.
    pub(crate) async fn actor(&self) -> Result<String, ApiError> {
        self.signed_in_email().await
    }
}

pub fn audit_csv(entries: &[AuditEntry]) -> Result<String, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ["When (UTC)", "Who", "User", "User ID", "Change", "Outcome", "Tracking ID", "Run"];
    write_row(&mut out, header).map_err(ApiError::internal)?;
    for e in entries {
        let when = rfc3339(e.at_ms);
        let outcome =
            serde_json::to_value(e.outcome).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        write_row(
            &mut out,
            [
                when.as_str(),
                &e.actor,
                &e.email,
                &e.person_id,
                &e.summary,
                &outcome,
                e.tracking_id.as_deref().unwrap_or(""),
                &e.run_id,
            ],
        )
        .map_err(ApiError::internal)?;
    }
    String::from_utf8(out.into_inner().map_err(ApiError::internal)?).map_err(ApiError::internal)
}

/// Where a save dialog first proposes to put an export: the Downloads
/// folder (else home), named by what it is and when.
pub fn suggested_export_path(prefix: &str) -> PathBuf {
    let dir = dirs::download_dir().or_else(dirs::home_dir).unwrap_or_else(std::env::temp_dir);
    let stamp = rfc3339(now_ms()).replace([':', '-'], "").chars().take(15).collect::<String>();
    dir.join(format!("{prefix}-{stamp}.csv"))
}

/// Writes an export where the admin chose, whole or not at all (`files`).
pub fn save_export(path: &Path, text: &str) -> Result<(), ApiError> {
    write_atomically(path, |out| {
        out.write_all(text.as_bytes()).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidInput,
                "The file could not be written. Check the folder and its free space.",
            )
            .with_detail(format!("cannot write {}: {e}", path.display()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hubdesk_api::EntryState;

    #[test]
    fn audit_cells_that_look_like_formulas_are_written_as_text() {
        let entry = AuditEntry {
            at_ms: 0,
            actor: "admin@x.com".into(),
            org_id: "org".into(),
            person_id: "p1".into(),
            email: "=cmd|' /C calc'!A0".into(),
            summary: "+Webex Calling - Professional −Messaging".into(),
            outcome: EntryState::Done,
            tracking_id: Some("-1".into()),
            run_id: "run".into(),
            event: None,
        };
        let csv = audit_csv(&[entry]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[2], "'=cmd|' /C calc'!A0");
        assert_eq!(&row[4], "'+Webex Calling - Professional −Messaging", "a summary starting with + too");
        assert_eq!(&row[6], "'-1");
        assert_eq!(&row[5], "done");
    }
}
