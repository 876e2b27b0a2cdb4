//! Change-log commands.

use hubdesk_api::{ApiError, ChangeRow};

use crate::commands::Caller;

pub async fn list_changes(caller: &Caller, org_id: String) -> Result<Vec<ChangeRow>, ApiError> {
    caller.core.changes(&org_id)
}
