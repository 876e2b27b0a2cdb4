//! The apply journal: runs and their entries, one `PATCH
//! /v1/licenses/users` each. Every state change is one FULL-synced commit.

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::entry::{entry_state_text, parse_entry_state, EntryResult, NewEntry, StoredEntry};
use super::{from_json, json, CallingStep, Ledger, LedgerError, Result};
use hubdesk_api::{RunAction, RunDetail, RunEntry, RunState, RunSummary};

fn run_state_text(state: RunState) -> &'static str {
    match state {
        RunState::Running => "running",
        RunState::Interrupted => "interrupted",
        RunState::Finished => "finished",
    }
}

fn parse_run_state(text: &str) -> RunState {
    match text {
        "running" => RunState::Running,
        "finished" => RunState::Finished,
        _ => RunState::Interrupted,
    }
}

const SUMMARY_SQL: &str = "SELECT r.id, r.org_id, r.action, r.actor, r.created_ms, r.state,
        COUNT(e.seq),
        COALESCE(SUM(e.state = 'done'), 0),
        COALESCE(SUM(e.state = 'partial'), 0),
        COALESCE(SUM(e.state = 'failed'), 0)
    FROM runs r LEFT JOIN entries e ON e.run_id = r.id";

fn summary_row(r: &Row<'_>) -> rusqlite::Result<RunSummary> {
    Ok(RunSummary {
        run_id: r.get(0)?,
        org_id: r.get(1)?,
        action: serde_json::from_str(&r.get::<_, String>(2)?)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        actor: r.get(3)?,
        created_ms: r.get(4)?,
        state: parse_run_state(&r.get::<_, String>(5)?),
        total: r.get(6)?,
        succeeded: r.get(7)?,
        partial: r.get(8)?,
        failed: r.get(9)?,
    })
}

impl Ledger {
    /// Writes a run and every entry in one durable transaction.
    pub fn create_run(
        &self,
        org_id: &str,
        action: &RunAction,
        actor: &str,
        entries: &[NewEntry],
        now_ms: i64,
    ) -> Result<RunSummary> {
        let run_id = uuid::Uuid::new_v4().to_string();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        super::payload_entries::insert_run(&tx, &run_id, org_id, action, actor, now_ms)?;
        insert_entries(&tx, &run_id, entries)?;
        tx.commit()?;
        drop(conn);
        self.run_summary(&run_id)
    }

    pub fn run_summary(&self, run_id: &str) -> Result<RunSummary> {
        self.conn()
            .query_row(&format!("{SUMMARY_SQL} WHERE r.id = ?1 GROUP BY r.id"), [run_id], summary_row)
            .optional()?
            .ok_or_else(|| LedgerError::NotFound(format!("run {run_id}")))
    }

    /// The org's runs, newest first.
    pub fn runs(&self, org_id: &str) -> Result<Vec<RunSummary>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare(&format!("{SUMMARY_SQL} WHERE r.org_id = ?1 GROUP BY r.id ORDER BY r.created_ms DESC, r.id"))?;
        let rows = stmt.query_map([org_id], summary_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The oldest run of the org that did not finish, if any.
    pub fn unfinished_run(&self, org_id: &str) -> Result<Option<RunSummary>> {
        let id: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM runs WHERE org_id = ?1 AND state != 'finished' ORDER BY created_ms, id LIMIT 1",
                [org_id],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.run_summary(&id)).transpose()
    }

    /// Every unfinished run of every org, oldest first.
    pub fn unfinished_runs(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT id FROM runs WHERE state != 'finished' ORDER BY created_ms, id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn set_run_state(&self, run_id: &str, state: RunState) -> Result<()> {
        self.conn().execute("UPDATE runs SET state = ?2 WHERE id = ?1", params![run_id, run_state_text(state)])?;
        Ok(())
    }

    pub fn run_detail(&self, run_id: &str) -> Result<RunDetail> {
        let summary = self.run_summary(run_id)?;
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT person_id, email, display_name, change, state, error, tracking_id, finished_ms, payload
             FROM entries WHERE run_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (person_id, email, display_name, change, state, error, tracking_id, finished_ms, payload) = row?;
            // The payload is the action's: a session-types set, a
            // BroadWorks request or a Calling step.
            let (mut session_types, mut subscriber, mut calling) = (None, None, None);
            match (&summary.action, payload.as_deref()) {
                (_, None) => {}
                (RunAction::CallingFixes { .. }, Some(p)) => {
                    calling = Some(from_json::<CallingStep>(p)?.request);
                }
                (RunAction::BroadworksSubscribers { .. }, Some(p)) => subscriber = Some(from_json(p)?),
                (_, Some(p)) => session_types = Some(from_json(p)?),
            }
            entries.push(RunEntry {
                person_id,
                email,
                display_name,
                change: from_json(&change)?,
                state: parse_entry_state(&state),
                error,
                tracking_id,
                finished_ms,
                session_types,
                calling,
                subscriber,
            });
        }
        Ok(RunDetail { summary, entries })
    }

    /// Entries not yet answered: pending ones, and in-flight ones whose
    /// answer a crash or cancel lost.
    pub fn open_entries(&self, run_id: &str) -> Result<Vec<StoredEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT seq, change, grants, state, tracking_id FROM entries
             WHERE run_id = ?1 AND state IN ('pending', 'in_flight') ORDER BY seq",
        )?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, change, grants, state, tracking_id) = row?;
            entries.push(StoredEntry {
                run_id: run_id.to_owned(),
                seq,
                change: from_json(&change)?,
                grants: from_json(&grants)?,
                state: parse_entry_state(&state),
                tracking_id,
            });
        }
        Ok(entries)
    }

    /// Committed (and on disk) before the request leaves.
    pub fn mark_in_flight(&self, run_id: &str, seq: i64, tracking_id: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE entries SET state = 'in_flight', tracking_id = ?3 WHERE run_id = ?1 AND seq = ?2",
            params![run_id, seq, tracking_id],
        )?;
        Ok(())
    }

    /// Records an answer with its grants and audit line, in one commit.
    pub fn record_result(
        &self,
        org_id: &str,
        actor: &str,
        entry: &StoredEntry,
        result: &EntryResult,
        now_ms: i64,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE entries SET state = ?3, error = ?4, tracking_id = ?5, finished_ms = ?6 WHERE run_id = ?1 AND seq = ?2",
            params![entry.run_id, entry.seq, entry_state_text(result.state), result.error, result.tracking_id, now_ms],
        )?;
        let person = &entry.change.person_id;
        for license_id in &result.forgotten {
            tx.execute(
                "DELETE FROM grants WHERE org_id = ?1 AND person_id = ?2 AND license_id = ?3",
                params![org_id, person, license_id],
            )?;
        }
        for (license_id, template_id) in &result.grants {
            tx.execute(
                "INSERT OR IGNORE INTO grants (org_id, person_id, license_id, template_id) VALUES (?1, ?2, ?3, ?4)",
                params![org_id, person, license_id, template_id],
            )?;
        }
        if let Some(summary) = &result.summary {
            super::audit::insert(&tx, org_id, actor, entry, summary, result, now_ms)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn insert_entries(tx: &Transaction<'_>, run_id: &str, entries: &[NewEntry]) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO entries (run_id, seq, person_id, email, display_name, change, grants, state, error)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (seq, entry) in entries.iter().enumerate() {
        let c = &entry.change;
        let state = if entry.skip_reason.is_some() { "skipped" } else { "pending" };
        insert.execute(params![
            run_id,
            seq as i64,
            c.person_id,
            c.email,
            c.display_name,
            json(c)?,
            json(&entry.grants)?,
            state,
            entry.skip_reason
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::temp_ledger;
    use hubdesk_api::{EntryState, UserChange};

    fn change(person: &str) -> UserChange {
        UserChange {
            person_id: person.into(),
            email: format!("{person}@example.com"),
            display_name: person.to_uppercase(),
            add: vec![],
            remove: vec![],
            roles: vec![],
            issues: vec![],
            pending_first_sign_in: false,
        }
    }

    fn entry(person: &str) -> NewEntry {
        NewEntry { change: change(person), grants: vec![("lic".into(), "tpl".into())], skip_reason: None }
    }

    fn done(summary: &str) -> EntryResult {
        EntryResult {
            state: EntryState::Done,
            error: None,
            tracking_id: Some("TRACK".into()),
            grants: vec![("lic-held".into(), "tpl".into())],
            forgotten: vec![],
            summary: Some(summary.into()),
        }
    }

    #[test]
    fn a_run_is_written_whole_then_answered_entry_by_entry() {
        let (_dir, ledger) = temp_ledger();
        let mut skipped = entry("c");
        skipped.skip_reason = Some("Calling removal needs confirmation".into());
        let run =
            ledger.create_run("o", &RunAction::Enforced, "admin@x", &[entry("a"), entry("b"), skipped], 10).unwrap();
        assert_eq!((run.total, run.succeeded, run.state), (3, 0, RunState::Interrupted));
        assert_eq!(ledger.unfinished_run("o").unwrap().unwrap().run_id, run.run_id);

        let open = ledger.open_entries(&run.run_id).unwrap();
        assert_eq!(open.len(), 2, "the skipped entry is never sent");
        ledger.mark_in_flight(&run.run_id, open[0].seq, "TRACK").unwrap();
        let reopened = ledger.open_entries(&run.run_id).unwrap();
        assert_eq!(reopened[0].state, EntryState::InFlight, "an in-flight entry survives for resume to check");
        assert_eq!(reopened[0].tracking_id.as_deref(), Some("TRACK"));

        ledger.record_result("o", "admin@x", &open[0], &done("+Calling"), 20).unwrap();
        let summary = ledger.run_summary(&run.run_id).unwrap();
        assert_eq!((summary.succeeded, summary.failed), (1, 0));
        assert_eq!(ledger.open_entries(&run.run_id).unwrap().len(), 1);
        assert_eq!(ledger.grants("o").unwrap()[0].license_id, "lic-held");
        let audit = ledger.audit("o").unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!((audit[0].summary.as_str(), audit[0].tracking_id.as_deref()), ("+Calling", Some("TRACK")));

        ledger.set_run_state(&run.run_id, RunState::Finished).unwrap();
        assert!(ledger.unfinished_run("o").unwrap().is_none());
        let detail = ledger.run_detail(&run.run_id).unwrap();
        let states: Vec<EntryState> = detail.entries.iter().map(|e| e.state).collect();
        assert_eq!(states, vec![EntryState::Done, EntryState::Pending, EntryState::Skipped]);
        assert_eq!(detail.entries[2].error.as_deref(), Some("Calling removal needs confirmation"));
    }

    #[test]
    fn runs_are_listed_newest_first_per_org() {
        let (_dir, ledger) = temp_ledger();
        let old = ledger.create_run("o", &RunAction::Enforced, "a", &[entry("a")], 1).unwrap();
        let new = ledger.create_run("o", &RunAction::Enforced, "a", &[], 2).unwrap();
        ledger.create_run("other", &RunAction::Enforced, "a", &[], 3).unwrap();
        let ids: Vec<String> = ledger.runs("o").unwrap().into_iter().map(|r| r.run_id).collect();
        assert_eq!(ids, vec![new.run_id, old.run_id]);
    }
}
