//! The audit log: every change hubdesk made, as Webex answered it.

use rusqlite::{params, Transaction};

use super::entry::{entry_state_text, parse_entry_state, EntryResult, StoredEntry};
use super::{Ledger, Result};
use hubdesk_api::{AssignmentMode, AuditEntry, AuditEvent, EntryState};

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
    /// Records a change hubdesk made to its own templates or their settings.
    pub fn record_event(&self, org_id: &str, actor: &str, event: &AuditEvent, now_ms: i64) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO audit (at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id, event)
             VALUES (?1, ?2, ?3, '', '', ?4, ?5, NULL, '', ?6)",
            params![
                now_ms,
                actor,
                org_id,
                event_summary(event),
                entry_state_text(EntryState::Done),
                super::json(event)?
            ],
        )?;
        Ok(())
    }

    /// Records a change made to one person outside a run (a Meetings
    /// session-type save): who, what, when, and Webex's tracking id.
    #[allow(clippy::too_many_arguments)]
    pub fn record_person_change(
        &self,
        org_id: &str,
        actor: &str,
        person_id: &str,
        email: &str,
        summary: &str,
        outcome: EntryState,
        tracking_id: &str,
        now_ms: i64,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO audit (at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id, event)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', NULL)",
            params![now_ms, actor, org_id, person_id, email, summary, entry_state_text(outcome), tracking_id],
        )?;
        Ok(())
    }

    /// The org's audit log, newest first.
    pub fn audit(&self, org_id: &str) -> Result<Vec<AuditEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id, event
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
                // An event written by a newer build reads as none.
                event: r.get::<_, Option<String>>(9)?.and_then(|text| serde_json::from_str(&text).ok()),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The event in English, for the CSV export (the window words it itself).
fn event_summary(event: &AuditEvent) -> String {
    match event {
        AuditEvent::TemplateSaved { template_name, edited: false } => format!("Template created: {template_name}"),
        AuditEvent::TemplateSaved { template_name, edited: true } => format!("Template edited: {template_name}"),
        AuditEvent::TemplateDeleted { template_name } => format!("Template deleted: {template_name}"),
        AuditEvent::ModeSwitched { mode, deleted_templates } => {
            let mode = match mode {
                AssignmentMode::Org => "organization-wide",
                AssignmentMode::Group => "per group",
            };
            match deleted_templates.is_empty() {
                true => format!("Assignment switched to {mode}"),
                false => format!("Assignment switched to {mode}; templates deleted: {}", deleted_templates.join(", ")),
            }
        }
        AuditEvent::TransitionPreserveSet { preserve: true } => {
            "Users moving between groups keep their licenses".into()
        }
        AuditEvent::TransitionPreserveSet { preserve: false } => {
            "Users moving between groups lose their licenses".into()
        }
    }
}
