//! Settings commands: the integration (checked as typed), appearance, and
//! where hubdesk keeps its data.

use hubdesk_api::{ApiError, AppInfo, AppearanceInput, FieldProblem, IntegrationInput, Settings};

use super::integration_problems;
use crate::commands::Caller;

pub async fn get_settings(caller: &Caller) -> Result<Settings, ApiError> {
    caller.core.settings()
}

pub async fn check_integration(_caller: &Caller, input: IntegrationInput) -> Result<Vec<FieldProblem>, ApiError> {
    Ok(integration_problems(&input))
}

pub async fn save_integration(caller: &Caller, input: IntegrationInput) -> Result<Settings, ApiError> {
    caller.core.save_integration(&input)
}

pub async fn save_appearance(caller: &Caller, input: AppearanceInput) -> Result<Settings, ApiError> {
    caller.core.save_appearance(&input)
}

pub async fn app_info(caller: &Caller) -> Result<AppInfo, ApiError> {
    Ok(caller.core.app_info())
}

pub async fn open_log_folder(caller: &Caller) -> Result<(), ApiError> {
    let folder = caller.core.log_dir();
    crate::files::private_dir_tightened(&folder).map_err(|e| {
        ApiError::new(hubdesk_api::ErrorCode::Internal, "The log folder could not be created.")
            .with_detail(format!("{}: {e}", folder.display()))
    })?;
    caller.host.open_folder(folder).await
}
