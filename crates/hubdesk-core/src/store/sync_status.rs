//! One row per (org, resource): last attempt, last success, last error, count.

use rusqlite::{params, OptionalExtension};

use super::{now_ms, Result, Store};
use hubdesk_api::{SyncResource, SyncStatusRow};

impl Store {
    pub fn record_sync_attempt(&self, org_id: &str, resource: SyncResource) -> Result<()> {
        self.writer().execute(
            "INSERT INTO sync_status (org_id, resource, last_attempt_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (org_id, resource) DO UPDATE SET last_attempt_ms = excluded.last_attempt_ms",
            params![org_id, resource.as_str(), now_ms()],
        )?;
        Ok(())
    }

    pub fn record_sync_failure(&self, org_id: &str, resource: SyncResource, error: &str) -> Result<()> {
        self.writer().execute(
            "INSERT INTO sync_status (org_id, resource, last_attempt_ms, last_error) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (org_id, resource) DO UPDATE SET last_error = excluded.last_error",
            params![org_id, resource.as_str(), now_ms(), error],
        )?;
        Ok(())
    }

    /// Written inside the transaction that swaps the data in, so the status
    /// and the data can never disagree.
    pub(super) fn record_sync_success_in(
        tx: &rusqlite::Transaction<'_>,
        org_id: &str,
        resource: SyncResource,
        count: usize,
    ) -> Result<()> {
        let now = now_ms();
        tx.execute(
            "INSERT INTO sync_status (org_id, resource, last_attempt_ms, last_success_ms, last_error, item_count)
             VALUES (?1, ?2, ?3, ?3, NULL, ?4)
             ON CONFLICT (org_id, resource) DO UPDATE SET
                last_success_ms = excluded.last_success_ms, last_error = NULL, item_count = excluded.item_count",
            params![org_id, resource.as_str(), now, count as i64],
        )?;
        // Whatever was synced, what was computed from the org before is old.
        super::calling_report::bump_generation(tx, org_id)
    }

    /// When the org's people last synced completely: what "last synced" means
    /// on every screen.
    pub fn last_synced_ms(&self, org_id: &str) -> Result<Option<i64>> {
        let conn = self.reader();
        let at = conn
            .query_row(
                "SELECT last_success_ms FROM sync_status WHERE org_id = ?1 AND resource = ?2",
                [org_id, SyncResource::People.as_str()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(at.flatten())
    }

    pub fn sync_status(&self, org_id: &str) -> Result<Vec<SyncStatusRow>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT resource, last_attempt_ms, last_success_ms, last_error, item_count
             FROM sync_status WHERE org_id = ?1 ORDER BY resource",
        )?;
        let rows = stmt.query_map([org_id], |row| {
            let resource: String = row.get(0)?;
            Ok((resource, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (resource, last_attempt_ms, last_success_ms, last_error, item_count) = row?;
            // Rows of resources a newer build added are skipped, not fatal.
            let Some(resource) = SyncResource::parse(&resource) else { continue };
            out.push(SyncStatusRow {
                org_id: org_id.to_owned(),
                resource,
                last_attempt_ms,
                last_success_ms,
                last_error,
                item_count,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::temp_store;
    use hubdesk_api::SyncResource;

    #[test]
    fn failure_keeps_the_last_success() {
        let (_dir, store) = temp_store();
        store.replace_people("org", &[]).unwrap();
        let ok = store.sync_status("org").unwrap();
        assert_eq!(ok.len(), 1);
        let success = ok[0].last_success_ms.expect("success recorded");
        store.record_sync_failure("org", SyncResource::People, "network down").unwrap();
        let after = &store.sync_status("org").unwrap()[0];
        assert_eq!(after.last_success_ms, Some(success));
        assert_eq!(after.last_error.as_deref(), Some("network down"));
    }
}
