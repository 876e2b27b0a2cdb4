//! From a kept preview to the journal (C8 checked first), and sending a
//! Calling run, then syncing the org again so the report shows what Webex
//! now holds.

use hubdesk_api::{
    ApiError, ApplyRequest, CallingFix, CallingFixChange, ErrorCode, RunAction, RunProgress, RunState, RunSummary,
};

use super::fix_apply::{apply_calling_run, CallingContext};
use crate::features::templates::apply::RunProgressFn;
use crate::features::templates::facts;
use crate::ledger::{CallingRequest, CallingStep};
use crate::store::now_ms;
use crate::Core;

impl Core {
    /// Journals the preview the admin saw; `None` when it sends nothing.
    /// Refused without the typed confirmation when a change removes
    /// Calling (C8), as `templates_commit` is.
    pub async fn calling_fix_journal(&self, request: &ApplyRequest) -> Result<Option<RunSummary>, ApiError> {
        let kept = self.fix_previews.take(&request.preview_id).ok_or_else(expired)?;
        if self.store.last_synced_ms(&kept.preview.org_id)? != kept.synced_ms {
            return Err(expired());
        }
        if let Some(expected) = &kept.preview.calling_confirmation {
            let typed = request.typed_confirmation.as_deref().unwrap_or("").trim();
            if !typed.eq_ignore_ascii_case(expected) {
                self.fix_previews.keep(kept.clone());
                return Err(ApiError::new(
                    ErrorCode::ConfirmationRequired,
                    format!(
                        "Reprovisioning removes Calling first, which deletes voicemail, numbers and call settings \
                         for good (C8). Type “{expected}” to confirm."
                    ),
                ));
            }
        }
        let actor = self.actor().await?;
        if kept.preview.changes.is_empty() {
            return Ok(None);
        }
        self.require_online().await?;
        let licenses = self.store.licenses_of_org(&kept.preview.org_id)?;
        let license_name = |id: &str| licenses.iter().find(|l| l.id == id).map(|l| l.name.clone());
        let steps: Vec<CallingStep> = kept.preview.changes.iter().flat_map(|c| steps_of(c, &license_name)).collect();
        let count = |f: fn(&CallingFix) -> bool| kept.preview.changes.iter().filter(|c| f(&c.fix)).count() as u32;
        let action = RunAction::CallingFixes {
            work_numbers: count(|f| matches!(f, CallingFix::SetWorkNumber { .. })),
            assigned: count(|f| matches!(f, CallingFix::AssignCalling { .. })),
            reprovisioned: count(|f| matches!(f, CallingFix::Reprovision { .. })),
            imported: kept.imported,
        };
        Ok(Some(self.ledger.create_calling_run(&kept.preview.org_id, &action, &actor, &steps, now_ms())?))
    }

    /// Sends a Calling run's open entries, then syncs its org again.
    pub(crate) async fn calling_run_apply(
        &self,
        summary: &RunSummary,
        progress: &RunProgressFn<'_>,
    ) -> Result<RunSummary, ApiError> {
        let client = self.client().await?;
        let actor = self.actor().await?;
        let pools = facts::pools(&self.store, &summary.org_id)?;
        let cancel = self.active_runs.claim(&summary.run_id)?;
        let ctx = CallingContext {
            client: &client,
            ledger: &self.ledger,
            org_id: &summary.org_id,
            actor: &actor,
            pools: &pools,
        };
        // The run's last word waits for the sync below: the window reads
        // the report again when it hears the run has stopped, and must
        // find what was sent in the cache by then.
        let last = std::sync::Mutex::new(None);
        let held = |update: RunProgress| match update.state {
            RunState::Running => progress(update),
            _ => *last.lock().unwrap_or_else(|e| e.into_inner()) = Some(update),
        };
        let result = apply_calling_run(&ctx, &summary.run_id, &held, &cancel).await;
        self.active_runs.release(&summary.run_id);
        // What was sent is only in the cache after a sync: without it the
        // report would offer the same fixes again.
        if let Err(e) = self.sync_org(&summary.org_id, &|_| {}).await {
            tracing::warn!(org = %summary.org_id, "the org could not be synced after its Calling fixes: {e}");
        }
        if let Some(update) = last.into_inner().unwrap_or_else(|e| e.into_inner()) {
            progress(update);
        }
        result
    }
}

/// The journal's steps for one change: a reprovision is two (C7).
/// `license_name` names a license for the run's details.
fn steps_of(change: &CallingFixChange, license_name: &dyn Fn(&str) -> Option<String>) -> Vec<CallingStep> {
    let step = |request| CallingStep {
        person_id: change.person_id.clone(),
        email: change.email.clone(),
        display_name: change.display_name.clone(),
        request,
    };
    match change.fix.clone() {
        CallingFix::SetWorkNumber { number } => vec![step(CallingRequest::SetWorkNumber { number })],
        CallingFix::AssignCalling { license_id, location_id, phone_number, extension } => {
            vec![step(CallingRequest::AddCalling {
                license_name: license_name(&license_id),
                license_id,
                location_id,
                location_name: change.location_name.clone(),
                phone_number,
                extension,
                after_removal: false,
            })]
        }
        CallingFix::Reprovision { license_id, location_id, phone_number } => vec![
            step(CallingRequest::RemoveCalling {
                license_id: license_id.clone(),
                license_name: license_name(&license_id),
            }),
            step(CallingRequest::AddCalling {
                license_name: license_name(&license_id),
                license_id,
                location_id,
                location_name: change.location_name.clone(),
                phone_number: Some(phone_number),
                extension: None,
                after_removal: true,
            }),
        ],
    }
}

fn expired() -> ApiError {
    ApiError::new(
        ErrorCode::PreviewExpired,
        "This preview is out of date: the cache changed or hubdesk restarted. Preview again.",
    )
}
