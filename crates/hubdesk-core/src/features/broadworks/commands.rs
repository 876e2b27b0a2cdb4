//! The window's BroadWorks commands. Handlers only parse, call `Core` and
//! answer: the read side (the status view, its refresh and export, the
//! onboarding check) here, the write side in `actions_commands`.

pub use super::actions_commands::*;

use hubdesk_api::{
    ApiError, BroadworksOptions, BroadworksRefresh, OnboardingCheck, OnboardingItem, SubscriberPage, SubscriberQuery,
};

use crate::commands::Caller;
use crate::features::templates::{save_export, suggested_export_path};

pub async fn broadworks_subscribers(caller: &Caller, query: SubscriberQuery) -> Result<SubscriberPage, ApiError> {
    caller.core.broadworks_subscribers(&query)
}

pub async fn broadworks_options(caller: &Caller) -> Result<BroadworksOptions, ApiError> {
    caller.core.broadworks_options()
}

pub async fn broadworks_refresh(caller: &Caller) -> Result<BroadworksRefresh, ApiError> {
    caller.core.require_online().await?;
    caller.core.broadworks_refresh().await
}

/// Asks where to save only once the CSV is ready; `None` when the admin
/// cancels, and nothing is written (as the people and audit exports).
pub async fn broadworks_export(caller: &Caller, query: SubscriberQuery) -> Result<Option<String>, ApiError> {
    let text = caller.core.broadworks_csv(&query)?;
    let Some(path) = caller.host.choose_save_path(suggested_export_path("hubdesk-broadworks")).await else {
        return Ok(None);
    };
    save_export(&path, &text)?;
    Ok(Some(path.display().to_string()))
}

pub async fn broadworks_onboarding(caller: &Caller) -> Result<Vec<OnboardingCheck>, ApiError> {
    caller.core.broadworks_onboarding()
}

pub async fn broadworks_onboarding_tick(
    caller: &Caller,
    provisioning_id: String,
    item: OnboardingItem,
    checked: bool,
) -> Result<OnboardingCheck, ApiError> {
    caller.core.broadworks_onboarding_tick(&provisioning_id, item, checked).await
}
