//! CONTRACT PLACEHOLDER: the CSV helper replaces this file.

use hubdesk_api::{ApiError, CallingImportPreview, ErrorCode};

use crate::commands::Caller;

fn todo() -> ApiError {
    ApiError::new(ErrorCode::Internal, "not built yet")
}

pub async fn calling_export(_caller: &Caller, _org_id: String) -> Result<Option<String>, ApiError> {
    Err(todo())
}
pub async fn calling_import_preview(
    _caller: &Caller,
    _org_id: String,
) -> Result<Option<CallingImportPreview>, ApiError> {
    Err(todo())
}
