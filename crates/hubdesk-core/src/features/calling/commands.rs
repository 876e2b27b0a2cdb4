//! The window's Calling commands: the eligibility report from the cache,
//! its fixes, and the Control Hub CSV round trip.

use hubdesk_api::{ApiError, CallingReport};

use crate::commands::Caller;

pub use super::fix_commands::{calling_fix_apply, calling_fix_preview, calling_locations, calling_template_preview};
pub use super::import_commands::{calling_export, calling_import_preview};

pub async fn calling_report(caller: &Caller, org_id: String) -> Result<CallingReport, ApiError> {
    caller.core.calling_diagnose(&org_id)
}
