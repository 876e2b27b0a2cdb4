//! The typed command surface. Each command is one line into `Core`; the
//! types are in `crate::api` and generated into `ui/src/lib/bindings/`.

use std::sync::Arc;

use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;

use super::template_commands;
use crate::api::*;
use crate::ops::Core;

type Core_<'a> = State<'a, Arc<Core>>;

/// The event that carries [`SyncProgress`].
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        get_session,
        sign_in_demo,
        sign_in_webex,
        sign_out,
        get_settings,
        save_settings,
        list_orgs,
        sync_org,
        cancel_sync,
        sync_status,
        search_people,
        search_everywhere,
        sync_all,
        list_changes,
        get_person,
        template_commands::templates_view,
        template_commands::templates_set_mode,
        template_commands::templates_set_transition_preserve,
        template_commands::templates_preview_save,
        template_commands::templates_preview_delete,
        template_commands::templates_commit,
        template_commands::runs_list,
        template_commands::run_detail,
        template_commands::run_cancel,
        template_commands::run_resume,
        template_commands::audit_list,
        template_commands::export_preview,
        template_commands::export_audit,
    ]
}

#[tauri::command]
async fn get_session(core: Core_<'_>) -> Result<SessionInfo, ApiError> {
    Ok(core.session_info().await)
}

#[tauri::command]
async fn sign_in_demo(core: Core_<'_>) -> Result<SessionInfo, ApiError> {
    core.sign_in_demo().await
}

#[tauri::command]
async fn sign_in_webex(app: AppHandle, core: Core_<'_>) -> Result<SessionInfo, ApiError> {
    let open: crate::auth::Opener = Box::new(move |url| {
        Box::pin(async move {
            app.opener()
                .open_url(url, None::<&str>)
                .map_err(|e| ApiError::new(ErrorCode::SignInFailed, format!("cannot open the browser: {e}")))
        })
    });
    core.sign_in_webex(open).await
}

#[tauri::command]
async fn sign_out(core: Core_<'_>) -> Result<SessionInfo, ApiError> {
    core.sign_out().await
}

#[tauri::command]
fn get_settings(core: Core_<'_>) -> Result<Settings, ApiError> {
    core.settings()
}

#[tauri::command]
fn save_settings(core: Core_<'_>, input: SettingsInput) -> Result<Settings, ApiError> {
    core.save_settings(&input)
}

#[tauri::command]
fn list_orgs(core: Core_<'_>) -> Result<Vec<OrgSummary>, ApiError> {
    core.list_orgs()
}

#[tauri::command]
async fn sync_org(app: AppHandle, core: Core_<'_>, org_id: String) -> Result<Vec<SyncStatusRow>, ApiError> {
    let emit = progress_emitter(app.clone());
    let rows = core.sync_org(&org_id, &emit).await?;
    template_commands::enforce_after_sync(app, core.inner().clone(), vec![org_id]);
    Ok(rows)
}

fn progress_emitter(app: AppHandle) -> impl Fn(SyncProgress) + Send + Sync {
    move |progress: SyncProgress| {
        if let Err(e) = app.emit(SYNC_PROGRESS_EVENT, progress) {
            tracing::warn!("cannot emit sync progress: {e}");
        }
    }
}

#[tauri::command]
fn cancel_sync(core: Core_<'_>) {
    core.cancel_sync()
}

#[tauri::command]
fn sync_status(core: Core_<'_>, org_id: String) -> Result<Vec<SyncStatusRow>, ApiError> {
    core.sync_status(&org_id)
}

#[tauri::command]
fn search_people(core: Core_<'_>, query: PeopleQuery) -> Result<PeoplePage, ApiError> {
    core.search_people(&query)
}

#[tauri::command]
fn search_everywhere(core: Core_<'_>, text: String) -> Result<SearchResults, ApiError> {
    core.search_everywhere(&text)
}

/// Refreshes the org list and syncs every org; resolves with the new list.
#[tauri::command]
async fn sync_all(app: AppHandle, core: Core_<'_>) -> Result<Vec<OrgSummary>, ApiError> {
    let emit = progress_emitter(app.clone());
    let result = core.sync_all(&emit).await;
    // Orgs that synced get their templates even when another org failed
    // (a failed org's cache is unchanged, so nothing is found there).
    let ids = core.list_orgs()?.into_iter().map(|o| o.id).collect();
    template_commands::enforce_after_sync(app, core.inner().clone(), ids);
    result
}

#[tauri::command]
fn list_changes(core: Core_<'_>, org_id: String) -> Result<Vec<ChangeRow>, ApiError> {
    core.changes(&org_id)
}

#[tauri::command]
fn get_person(core: Core_<'_>, org_id: String, person_id: String) -> Result<PersonDetail, ApiError> {
    core.person_detail(&org_id, &person_id)
}
