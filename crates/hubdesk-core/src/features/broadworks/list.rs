//! The status view (B3, B5): windows of every customer's subscribers with
//! counts per status, its filter choices, and a refresh that asks Webex
//! only for what changed since the last one.

use crate::sync::{self, SubscribersFetched};
use crate::Core;
use hubdesk_api::{ApiError, BroadworksOptions, BroadworksRefresh, ErrorCode, SubscriberPage, SubscriberQuery};

/// Enterprises change when a customer is onboarded: fetched again on a
/// refresh once this old, or when a subscriber maps to no customer.
const ENTERPRISES_STALE_MS: i64 = 60 * 60 * 1000;

impl Core {
    /// One window of the status view (newest status change first) and the
    /// counts per status its chips show.
    pub fn broadworks_subscribers(&self, query: &SubscriberQuery) -> Result<SubscriberPage, ApiError> {
        Ok(self.store.broadworks_subscribers(query)?)
    }

    pub fn broadworks_options(&self) -> Result<BroadworksOptions, ApiError> {
        Ok(self.store.broadworks_options()?)
    }

    /// Fetches the subscribers whose status changed since the last refresh
    /// (`lastStatusChange`; all of them when the last one is over a day
    /// old), and the enterprises first when stale; says how many it brought.
    pub async fn broadworks_refresh(&self) -> Result<BroadworksRefresh, ApiError> {
        let client = self.client().await?;
        let home = self.home_org_id().await?;
        let stale = match self.store.enterprises_synced_at(&home)? {
            None => true,
            Some(at) => {
                crate::store::now_ms() - at > ENTERPRISES_STALE_MS || self.store.unmapped_subscribers(&home)? > 0
            }
        };
        let cancel = self.claim_sync_slot().map_err(|_| {
            ApiError::new(ErrorCode::Busy, "A sync is running; it brings the subscribers too. Wait for it to finish.")
        })?;
        let sync_ms = crate::store::now_ms();
        let result = sync::refresh_subscribers(&client, &self.store, &home, sync_ms, stale, &|_| {}, &cancel).await;
        self.release_sync_slot();
        let SubscribersFetched { subscribers, whole, enterprises } = result?;
        Ok(BroadworksRefresh { brought: subscribers, whole, enterprises, refreshed_ms: sync_ms })
    }
}
