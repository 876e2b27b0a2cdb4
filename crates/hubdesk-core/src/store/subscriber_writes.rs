//! A BroadWorks subscriber written through to the cache after an action
//! (B4) or once its status settles, so the status view and its counts move
//! at once, without waiting for the next sync. The sync's own bookkeeping
//! (when subscribers were last synced, what changed since) is left alone:
//! the next incremental sync still asks for everything changed since the
//! last real one.

use rusqlite::{params, OptionalExtension};

use super::{Result, Store, StoreError};
use crate::webex::models::Subscriber;

impl Store {
    /// Writes one subscriber's row as Webex answered it (kept under the
    /// partner's home org, as the sync keeps them).
    pub fn put_subscriber(&self, org_id: &str, s: &Subscriber) -> Result<()> {
        // Through the status view's own write, so the row keeps its place in
        // status-change order and its search words; the sync's time stays.
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        super::broadworks::write_subscribers(&tx, org_id, &mut [s.clone()])?;
        tx.commit()?;
        Ok(())
    }

    /// Drops a subscriber Webex no longer has (deleted).
    pub fn forget_subscriber(&self, org_id: &str, subscriber_id: &str) -> Result<()> {
        self.writer()
            .execute("DELETE FROM subscribers WHERE org_id = ?1 AND id = ?2", params![org_id, subscriber_id])?;
        Ok(())
    }

    /// One cached subscriber, as last synced or written through.
    pub fn cached_subscriber(&self, org_id: &str, subscriber_id: &str) -> Result<Option<Subscriber>> {
        let json: Option<String> = self
            .reader()
            .query_row(
                "SELECT json FROM subscribers WHERE org_id = ?1 AND id = ?2",
                params![org_id, subscriber_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(e.to_string()))).transpose()
    }
}
