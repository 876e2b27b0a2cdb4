//! Settings commands.

use hubdesk_api::{ApiError, Settings, SettingsInput};

use crate::commands::Caller;

pub async fn get_settings(caller: &Caller) -> Result<Settings, ApiError> {
    caller.core.settings()
}

pub async fn save_settings(caller: &Caller, input: SettingsInput) -> Result<Settings, ApiError> {
    caller.core.save_settings(&input)
}
