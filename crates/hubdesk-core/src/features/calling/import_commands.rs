//! The window's side of the Control Hub CSV round trip: export where the
//! admin chooses (a save dialog), import what the admin chooses (an open
//! dialog) as a preview.

use hubdesk_api::{ApiError, CallingImportPreview};

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
    let fix = caller.core.calling_import_fix_preview(&org_id, &mut plan)?;
    let file_name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Some(import_preview(file_name, plan, fix)))
}
