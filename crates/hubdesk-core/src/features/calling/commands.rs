//! The window's Calling commands: the eligibility report from the cache,
//! its fixes, and the Control Hub CSV round trip.

use hubdesk_api::{ApiError, CallingStatusRow, CallingSummary, CallingUser, CallingUserPage, CallingUserQuery};

use crate::commands::Caller;

pub use super::fix_commands::{calling_fix_apply, calling_fix_preview, calling_locations, calling_template_preview};
pub use super::import_commands::{calling_export, calling_import_preview};

pub async fn calling_report(caller: &Caller, org_id: String) -> Result<CallingSummary, ApiError> {
    caller.core.calling_summary(&org_id)
}

pub async fn calling_users(
    caller: &Caller,
    org_id: String,
    query: CallingUserQuery,
    offset: u32,
    limit: u32,
) -> Result<CallingUserPage, ApiError> {
    caller.core.calling_users(&org_id, &query, offset, limit)
}

pub async fn calling_user(caller: &Caller, org_id: String, person_id: String) -> Result<Option<CallingUser>, ApiError> {
    caller.core.calling_user(&org_id, &person_id)
}

pub async fn calling_user_ids(
    caller: &Caller,
    org_id: String,
    query: CallingUserQuery,
) -> Result<Vec<String>, ApiError> {
    caller.core.calling_user_ids(&org_id, &query)
}

pub async fn calling_statuses(
    caller: &Caller,
    org_id: String,
    person_ids: Vec<String>,
) -> Result<Vec<CallingStatusRow>, ApiError> {
    caller.core.calling_statuses(&org_id, &person_ids)
}
