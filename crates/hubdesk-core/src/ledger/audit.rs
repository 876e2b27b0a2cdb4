//! The audit log: every change hubdesk made, as Webex answered it.

use rusqlite::{params, Transaction};

use super::entry::{entry_state_text, parse_entry_state, EntryResult, StoredEntry};
use super::{Ledger, Result};
use hubdesk_api::AuditEntry;

pub(super) fn insert(
    tx: &Transaction<'_>,
    org_id: &str,
    actor: &str,
    entry: &StoredEntry,
    summary: &str,
    result: &EntryResult,
    now_ms: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            now_ms,
            actor,
            org_id,
            entry.change.person_id,
            entry.change.email,
            summary,
            entry_state_text(result.state),
            result.tracking_id,
            entry.run_id
        ],
    )?;
    Ok(())
}

impl Ledger {
    /// The org's audit log, newest first.
    pub fn audit(&self, org_id: &str) -> Result<Vec<AuditEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id
             FROM audit WHERE org_id = ?1 ORDER BY at_ms DESC, rowid DESC",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            Ok(AuditEntry {
                at_ms: r.get(0)?,
                actor: r.get(1)?,
                org_id: r.get(2)?,
                person_id: r.get(3)?,
                email: r.get(4)?,
                summary: r.get(5)?,
                outcome: parse_entry_state(&r.get::<_, String>(6)?),
                tracking_id: r.get(7)?,
                run_id: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
