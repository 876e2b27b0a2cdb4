//! The window's Calling fix commands: the locations a fix can use, the
//! preview (nothing sent), the C6 template re-apply preview, and apply
//! (journal, then send in the background with `run-progress`).

use hubdesk_api::{
    ApiError, ApplyRequest, CallingFixAsk, CallingFixPreview, CallingLocationChoice, Preview, RunSummary,
};

use crate::commands::Caller;

pub async fn calling_locations(caller: &Caller, org_id: String) -> Result<Vec<CallingLocationChoice>, ApiError> {
    caller.core.calling_locations(&org_id)
}

pub async fn calling_fix_preview(
    caller: &Caller,
    org_id: String,
    asks: Vec<CallingFixAsk>,
) -> Result<CallingFixPreview, ApiError> {
    caller.core.calling_fix_preview(&org_id, &asks)
}

pub async fn calling_template_preview(caller: &Caller, org_id: String) -> Result<Preview, ApiError> {
    caller.core.calling_template_preview(&org_id)
}

/// Answers once the journal is written; the run is sent in the background.
pub async fn calling_fix_apply(caller: &Caller, request: ApplyRequest) -> Result<Option<RunSummary>, ApiError> {
    let run = caller.core.calling_fix_journal(&request).await?;
    if let Some(run) = &run {
        caller.apply_in_background(run.run_id.clone());
    }
    Ok(run)
}
