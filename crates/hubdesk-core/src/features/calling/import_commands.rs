//! The window's side of the Control Hub CSV round trip: export where the
//! admin chooses (a save dialog), import what the admin chooses (an open
//! dialog) as a preview.

use hubdesk_api::{ApiError, CallingFixChange, CallingFixPreview, CallingImportPreview, ErrorCode};

use super::csv_import::import_preview;
use crate::commands::Caller;
use crate::features::templates::{save_export, suggested_export_path};

/// Asks where to save only once the CSV is ready; `None` when the admin
/// cancels, and nothing is written (as the other exports).
pub async fn calling_export(caller: &Caller, org_id: String) -> Result<Option<String>, ApiError> {
    let (bytes, _) = caller.core.calling_users_csv(&org_id)?;
    let Some(path) = caller.host.choose_save_path(suggested_export_path("hubdesk-calling-users")).await else {
        return Ok(None);
    };
    // The CSV writer writes UTF-8 only.
    save_export(&path, &String::from_utf8_lossy(&bytes))?;
    Ok(Some(path.display().to_string()))
}

pub async fn calling_import_preview(caller: &Caller, org_id: String) -> Result<Option<CallingImportPreview>, ApiError> {
    let Some(path) = caller.host.choose_open_path().await else { return Ok(None) };
    let mut plan = caller.core.calling_import_plan(&org_id, &path)?;
    let changes = std::mem::take(&mut plan.changes);
    let fix = store_import_fix_preview(&org_id, changes)?;
    let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Some(import_preview(file_name, plan, fix)))
}

/// WIRING (left to the lead): the fixes engine's `store_fix_preview` keeps
/// the changes as a preview `calling_fix_apply` applies; until it is merged
/// the window's import stops here with a clear error, and the command line
/// plans with `Core::calling_import_plan`.
fn store_import_fix_preview(org_id: &str, changes: Vec<CallingFixChange>) -> Result<CallingFixPreview, ApiError> {
    Err(ApiError::new(ErrorCode::Internal, "Applying an imported CSV is not available in this build yet.")
        .with_detail(format!("org {org_id}: {} changes planned; the fix preview store is not wired", changes.len())))
}
