//! The window's Calling commands: the eligibility report from the cache,
//! its fixes, and the Control Hub CSV round trip.

use hubdesk_api::{ApiError, CallingStatusRow, CallingSummary, CallingUser, CallingUserPage, CallingUserQuery};

use crate::commands::Caller;
use crate::Core;

pub use super::fix_commands::{calling_fix_apply, calling_fix_preview, calling_locations, calling_template_preview};
pub use super::import_commands::{calling_export, calling_import_preview};

pub async fn calling_report(caller: &Caller, org_id: String) -> Result<CallingSummary, ApiError> {
    off_the_runtime(caller, move |core| core.calling_summary(&org_id)).await
}

pub async fn calling_users(
    caller: &Caller,
    org_id: String,
    query: CallingUserQuery,
    offset: u32,
    limit: u32,
) -> Result<CallingUserPage, ApiError> {
    off_the_runtime(caller, move |core| core.calling_users(&org_id, &query, offset, limit)).await
}

pub async fn calling_user(caller: &Caller, org_id: String, person_id: String) -> Result<Option<CallingUser>, ApiError> {
    off_the_runtime(caller, move |core| core.calling_user(&org_id, &person_id)).await
}

pub async fn calling_user_ids(
    caller: &Caller,
    org_id: String,
    query: CallingUserQuery,
) -> Result<Vec<String>, ApiError> {
    off_the_runtime(caller, move |core| core.calling_user_ids(&org_id, &query)).await
}

pub async fn calling_statuses(
    caller: &Caller,
    org_id: String,
    person_ids: Vec<String>,
) -> Result<Vec<CallingStatusRow>, ApiError> {
    off_the_runtime(caller, move |core| core.calling_statuses(&org_id, &person_ids)).await
}

/// Reading the kept report may first compute it (most of a second for a
/// large org) or wait for another screen's computation: on a blocking
/// thread, so the window's other commands are answered meanwhile.
async fn off_the_runtime<T: Send + 'static>(
    caller: &Caller,
    read: impl FnOnce(&Core) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let core = caller.core.clone();
    tokio::task::spawn_blocking(move || read(&core))
        .await
        .map_err(|e| ApiError::internal(format!("reading the Calling report stopped: {e}")))?
}
