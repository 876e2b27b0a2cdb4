//! License-template commands (issue 5). A commit or resume returns as soon
//! as the journal is written; the run is applied in the background and
//! reports through `run-progress` events.

use std::sync::Arc;

use tauri::{AppHandle, Emitter, State};

use crate::api::*;
use crate::ops::Core;

type Core_<'a> = State<'a, Arc<Core>>;

/// The event that carries [`RunProgress`].
pub const RUN_PROGRESS_EVENT: &str = "run-progress";

#[tauri::command]
pub fn templates_view(core: Core_<'_>, org_id: String) -> Result<TemplatesView, ApiError> {
    core.templates_view(&org_id)
}

#[tauri::command]
pub fn templates_set_mode(core: Core_<'_>, org_id: String, mode: AssignmentMode) -> Result<TemplatesView, ApiError> {
    core.templates_set_mode(&org_id, mode)
}

#[tauri::command]
pub fn templates_set_transition_preserve(
    core: Core_<'_>,
    org_id: String,
    preserve: bool,
) -> Result<TemplatesView, ApiError> {
    core.templates_set_transition_preserve(&org_id, preserve)
}

#[tauri::command]
pub fn templates_preview_save(
    core: Core_<'_>,
    org_id: String,
    draft: TemplateDraft,
    scope: SaveScope,
) -> Result<Preview, ApiError> {
    core.templates_preview_save(&org_id, &draft, scope)
}

#[tauri::command]
pub fn templates_preview_delete(
    core: Core_<'_>,
    org_id: String,
    template_id: String,
    preserve: bool,
) -> Result<Preview, ApiError> {
    core.templates_preview_delete(&org_id, &template_id, preserve)
}

#[tauri::command]
pub async fn templates_commit(
    app: AppHandle,
    core: Core_<'_>,
    request: ApplyRequest,
) -> Result<Option<RunSummary>, ApiError> {
    let run = core.templates_commit(&request).await?;
    if let Some(run) = &run {
        spawn_apply(app, core.inner().clone(), run.run_id.clone());
    }
    Ok(run)
}

#[tauri::command]
pub fn runs_list(core: Core_<'_>, org_id: String) -> Result<Vec<RunSummary>, ApiError> {
    core.runs_list(&org_id)
}

#[tauri::command]
pub fn run_detail(core: Core_<'_>, run_id: String) -> Result<RunDetail, ApiError> {
    core.run_detail(&run_id)
}

#[tauri::command]
pub fn run_cancel(core: Core_<'_>, run_id: String) {
    core.run_cancel(&run_id)
}

#[tauri::command]
pub async fn run_resume(app: AppHandle, core: Core_<'_>, run_id: String) -> Result<RunSummary, ApiError> {
    core.require_online().await?;
    let run = core.run_detail(&run_id)?.summary;
    spawn_apply(app, core.inner().clone(), run_id);
    Ok(run)
}

#[tauri::command]
pub fn audit_list(core: Core_<'_>, org_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    core.audit_list(&org_id)
}

#[tauri::command]
pub fn export_preview(core: Core_<'_>, preview_id: String) -> Result<String, ApiError> {
    core.export_preview(&preview_id)
}

#[tauri::command]
pub fn export_audit(core: Core_<'_>, org_id: String) -> Result<String, ApiError> {
    core.export_audit(&org_id)
}

/// Applies a run in the background; failures reach the UI as the run's
/// final progress event (state `interrupted`) and in its history.
pub fn spawn_apply(app: AppHandle, core: Arc<Core>, run_id: String) {
    tauri::async_runtime::spawn(async move {
        let emit = move |progress: RunProgress| {
            if let Err(e) = app.emit(RUN_PROGRESS_EVENT, progress) {
                tracing::warn!("cannot emit run progress: {e}");
            }
        };
        if let Err(e) = core.run_apply(&run_id, &emit).await {
            tracing::warn!(%run_id, "the run stopped: {e}");
        }
    });
}

/// Templates are enforced by hubdesk when it syncs: new and moved people of
/// the synced orgs get theirs, in the background.
pub fn enforce_after_sync(app: AppHandle, core: Arc<Core>, org_ids: Vec<String>) {
    tauri::async_runtime::spawn(async move {
        for org_id in org_ids {
            match core.enforce_templates(&org_id).await {
                Ok(Some(run)) => spawn_apply(app.clone(), core.clone(), run.run_id),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(%org_id, "templates could not be enforced after the sync: {e}")
                }
            }
        }
    });
}
