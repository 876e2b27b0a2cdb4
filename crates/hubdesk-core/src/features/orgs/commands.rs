//! Org commands: the org list and syncing. After a sync the templates of
//! the synced orgs are enforced in the background (hubdesk, not Webex,
//! enforces them), as `hubdesk sync` does in the foreground.

use hubdesk_api::{ApiError, OrgSummary, SyncStatusRow};

use crate::commands::Caller;

pub async fn list_orgs(caller: &Caller) -> Result<Vec<OrgSummary>, ApiError> {
    caller.core.list_orgs()
}

pub async fn sync_org(caller: &Caller, org_id: String) -> Result<Vec<SyncStatusRow>, ApiError> {
    let rows = caller.core.sync_org(&org_id, &caller.sync_progress()).await?;
    caller.enforce_in_background(vec![org_id]);
    Ok(rows)
}

pub async fn sync_all(caller: &Caller) -> Result<Vec<OrgSummary>, ApiError> {
    let result = caller.core.sync_all(&caller.sync_progress()).await;
    // Orgs that synced get their templates even when another org failed
    // (a failed org's cache is unchanged, so nothing new is found there).
    let org_ids = caller.core.list_orgs()?.into_iter().map(|o| o.id).collect();
    caller.enforce_in_background(org_ids);
    result
}

pub async fn cancel_sync(caller: &Caller) -> Result<(), ApiError> {
    caller.core.cancel_sync();
    Ok(())
}

pub async fn sync_status(caller: &Caller, org_id: String) -> Result<Vec<SyncStatusRow>, ApiError> {
    caller.core.sync_status(&org_id)
}
