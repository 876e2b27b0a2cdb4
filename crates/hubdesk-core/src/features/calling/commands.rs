//! The window's Calling command: the eligibility report from the cache.

use hubdesk_api::{ApiError, CallingReport};

use crate::commands::Caller;

pub async fn calling_report(caller: &Caller, org_id: String) -> Result<CallingReport, ApiError> {
    caller.core.calling_diagnose(&org_id)
}
