//! License-template commands. A commit or a resume answers as soon as the
//! journal is written; the run is applied in the background and reports
//! through `run-progress` events.

use hubdesk_api::{
    ApiError, ApplyRequest, AssignmentMode, AuditEntry, Preview, RunDetail, RunSummary, SaveScope, TemplateDraft,
    TemplatesView,
};

use super::runs;
use crate::commands::Caller;

pub async fn templates_view(caller: &Caller, org_id: String) -> Result<TemplatesView, ApiError> {
    caller.core.templates_view(&org_id)
}

pub async fn templates_set_mode(
    caller: &Caller,
    org_id: String,
    mode: AssignmentMode,
) -> Result<TemplatesView, ApiError> {
    caller.core.templates_set_mode(&org_id, mode).await
}

pub async fn templates_set_transition_preserve(
    caller: &Caller,
    org_id: String,
    preserve: bool,
) -> Result<TemplatesView, ApiError> {
    caller.core.templates_set_transition_preserve(&org_id, preserve).await
}

pub async fn templates_preview_save(
    caller: &Caller,
    org_id: String,
    draft: TemplateDraft,
    scope: SaveScope,
) -> Result<Preview, ApiError> {
    caller.core.templates_preview_save(&org_id, &draft, scope)
}

pub async fn templates_preview_delete(
    caller: &Caller,
    org_id: String,
    template_id: String,
    preserve: bool,
) -> Result<Preview, ApiError> {
    caller.core.templates_preview_delete(&org_id, &template_id, preserve)
}

pub async fn templates_commit(caller: &Caller, request: ApplyRequest) -> Result<Option<RunSummary>, ApiError> {
    let run = caller.core.templates_commit(&request).await?;
    if let Some(run) = &run {
        caller.apply_in_background(run.run_id.clone());
    }
    Ok(run)
}

pub async fn runs_list(caller: &Caller, org_id: String) -> Result<Vec<RunSummary>, ApiError> {
    caller.core.runs_list(&org_id)
}

pub async fn run_detail(caller: &Caller, run_id: String) -> Result<RunDetail, ApiError> {
    caller.core.run_detail(&run_id)
}

pub async fn run_cancel(caller: &Caller, run_id: String) -> Result<(), ApiError> {
    caller.core.run_cancel(&run_id);
    Ok(())
}

pub async fn run_resume(caller: &Caller, run_id: String) -> Result<RunSummary, ApiError> {
    caller.core.require_online().await?;
    let run = caller.core.run_detail(&run_id)?.summary;
    caller.apply_in_background(run_id);
    Ok(run)
}

pub async fn audit_list(caller: &Caller, org_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    caller.core.audit_list(&org_id)
}

/// Asks where to save (the window's save dialog) only once the CSV is
/// ready; `None` when the admin cancels, and nothing is written.
pub async fn export_preview(caller: &Caller, preview_id: String) -> Result<Option<String>, ApiError> {
    let text = caller.core.preview_csv(&preview_id)?;
    save_where_chosen(caller, "hubdesk-preview", &text).await
}

pub async fn export_audit(caller: &Caller, org_id: String) -> Result<Option<String>, ApiError> {
    let text = caller.core.audit_log_csv(&org_id)?;
    save_where_chosen(caller, "hubdesk-audit", &text).await
}

async fn save_where_chosen(caller: &Caller, prefix: &str, text: &str) -> Result<Option<String>, ApiError> {
    let Some(path) = caller.host.choose_save_path(runs::suggested_export_path(prefix)).await else {
        return Ok(None);
    };
    runs::save_export(&path, text)?;
    Ok(Some(path.display().to_string()))
}
