//! Running a sync for the UI: one at a time, cancellable.

use tokio_util::sync::CancellationToken;

use crate::sync::{self, ProgressFn};
use crate::Core;
use hubdesk_api::{ApiError, ErrorCode, OrgSummary, SyncStatusRow};

pub mod commands;

impl Core {
    pub fn list_orgs(&self) -> Result<Vec<OrgSummary>, ApiError> {
        Ok(self.store.org_summaries()?)
    }

    pub fn sync_status(&self, org_id: &str) -> Result<Vec<SyncStatusRow>, ApiError> {
        Ok(self.store.sync_status(org_id)?)
    }

    /// Syncs every resource of one org; `busy` if a sync is running.
    pub async fn sync_org(&self, org_id: &str, progress: &ProgressFn) -> Result<Vec<SyncStatusRow>, ApiError> {
        let client = self.client().await?;
        let home = self.home_org_id().await?;
        let cancel = self.claim_sync_slot()?;
        let result = async {
            if org_id == home {
                // The partner's own org brings its BroadWorks subscribers.
                sync::sync_orgs(&client, &self.store, &home, std::slice::from_ref(&home), progress, &cancel).await?;
                Ok(self.store.sync_status(org_id)?)
            } else {
                sync::sync_org(&client, &self.store, org_id, crate::store::now_ms(), progress, &cancel).await
            }
        }
        .await;
        self.release_sync_slot();
        result
    }

    /// Refreshes the org list, then syncs every org the token manages.
    pub async fn sync_all(&self, progress: &ProgressFn) -> Result<Vec<OrgSummary>, ApiError> {
        let client = self.client().await?;
        let home = self.home_org_id().await?;
        let cancel = self.claim_sync_slot()?;
        let result = async {
            let orgs = sync::sync_organizations(&client, &self.store, &home).await?;
            let ids: Vec<String> = orgs.into_iter().map(|o| o.id).collect();
            sync::sync_orgs(&client, &self.store, &home, &ids, progress, &cancel).await
        }
        .await;
        self.release_sync_slot();
        result?;
        self.list_orgs()
    }

    /// Cancels the running sync, if any. The previous cache stays.
    pub fn cancel_sync(&self) {
        if let Some(token) = self.sync.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            token.cancel();
        }
    }

    pub(crate) fn claim_sync_slot(&self) -> Result<CancellationToken, ApiError> {
        let mut slot = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_some() {
            return Err(ApiError::new(
                ErrorCode::Busy,
                "A sync is already running. Wait for it to finish, or cancel it.",
            ));
        }
        let token = CancellationToken::new();
        *slot = Some(token.clone());
        Ok(token)
    }

    pub(crate) fn release_sync_slot(&self) {
        self.sync.lock().unwrap_or_else(|p| p.into_inner()).take();
    }
}
