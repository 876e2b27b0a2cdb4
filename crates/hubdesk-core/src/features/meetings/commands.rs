//! Meetings commands: the Meetings tab, the save, the troubleshooter and
//! its forced refresh, and session types for many users on one site.
//! Handlers only parse, call `Core` and answer.

use hubdesk_api::{
    ApiError, BulkPreview, Diagnosis, MeetingsReassigned, MeetingsSaved, MeetingsView, RunSummary, SaveCheck,
    SiteSessionTypes, TypesChange,
};

use super::bulk::BulkPeople;

use crate::commands::Caller;

pub async fn meetings_show(caller: &Caller, org_id: String, person_id: String) -> Result<MeetingsView, ApiError> {
    caller.core.meetings_show(Some(&org_id), &person_id, None).await
}

pub async fn meetings_set(
    caller: &Caller,
    org_id: String,
    person_id: String,
    site_url: String,
    type_ids: Vec<String>,
) -> Result<MeetingsSaved, ApiError> {
    caller.core.meetings_set(Some(&org_id), &person_id, &site_url, &type_ids).await
}

pub async fn meetings_diagnose(
    caller: &Caller,
    org_id: String,
    person_id: String,
    site_url: Option<String>,
    last_save: Option<SaveCheck>,
) -> Result<Diagnosis, ApiError> {
    caller.core.meetings_diagnose(Some(&org_id), &person_id, site_url.as_deref(), last_save.as_ref()).await
}

pub async fn meetings_force_refresh(
    caller: &Caller,
    org_id: String,
    person_id: String,
    site_url: String,
) -> Result<Vec<MeetingsSaved>, ApiError> {
    caller.core.meetings_force_refresh(Some(&org_id), &person_id, &site_url).await
}

pub async fn meetings_enable_missing(
    caller: &Caller,
    org_id: String,
    person_id: String,
    site_url: String,
) -> Result<MeetingsSaved, ApiError> {
    caller.core.meetings_enable_missing(Some(&org_id), &person_id, &site_url).await
}

pub async fn meetings_reassign_license(
    caller: &Caller,
    org_id: String,
    person_id: String,
    site_url: String,
) -> Result<MeetingsReassigned, ApiError> {
    let progress = caller.run_progress();
    caller.core.meetings_reassign_license_reporting(Some(&org_id), &person_id, &site_url, &progress).await
}

pub async fn meetings_sites(caller: &Caller, org_id: String) -> Result<Vec<SiteSessionTypes>, ApiError> {
    caller.core.meetings_sites(&org_id)
}

pub async fn meetings_bulk_preview(
    caller: &Caller,
    org_id: String,
    site_url: String,
    people: Vec<String>,
    change: TypesChange,
) -> Result<BulkPreview, ApiError> {
    caller.core.meetings_bulk_preview(Some(&org_id), &site_url, BulkPeople::Listed(people), &change).await
}

/// Answers once the journal is written; the run is sent in the background
/// and reports through `run-progress` events.
pub async fn meetings_bulk_apply(
    caller: &Caller,
    org_id: String,
    site_url: String,
    people: Vec<String>,
    change: TypesChange,
) -> Result<Option<RunSummary>, ApiError> {
    let run = caller.core.meetings_bulk_journal(Some(&org_id), &site_url, BulkPeople::Listed(people), &change).await?;
    if let Some(run) = &run {
        caller.apply_in_background(run.run_id.clone());
    }
    Ok(run)
}
