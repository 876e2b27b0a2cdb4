//! CONTRACT PLACEHOLDER: the fixes helper replaces this file.

use hubdesk_api::{
    ApiError, ApplyRequest, CallingFixAsk, CallingFixPreview, CallingLocationChoice, ErrorCode, Preview, RunSummary,
};

use crate::commands::Caller;

fn todo() -> ApiError {
    ApiError::new(ErrorCode::Internal, "not built yet")
}

pub async fn calling_locations(_caller: &Caller, _org_id: String) -> Result<Vec<CallingLocationChoice>, ApiError> {
    Err(todo())
}
pub async fn calling_fix_preview(
    _caller: &Caller,
    _org_id: String,
    _asks: Vec<CallingFixAsk>,
) -> Result<CallingFixPreview, ApiError> {
    Err(todo())
}
pub async fn calling_template_preview(_caller: &Caller, _org_id: String) -> Result<Preview, ApiError> {
    Err(todo())
}
pub async fn calling_fix_apply(_caller: &Caller, _request: ApplyRequest) -> Result<Option<RunSummary>, ApiError> {
    Err(todo())
}
