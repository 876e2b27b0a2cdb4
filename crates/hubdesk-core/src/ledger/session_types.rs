//! Journal entries that PUT one user's Meetings session types on a site
//! (S2: the whole set). They live in the same runs and entries as license
//! changes, so progress, Cancel, resume and the runs list work alike; the
//! set goes in the entry's `payload`, and `change` only names the user
//! (so every reader of `change` still reads it).

use rusqlite::params;

use super::entry::{entry_state_text, parse_entry_state};
use super::{from_json, json, Ledger, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary, UserChange, UserTypesChange};

/// An entry still to send (or to check, when it was in flight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTypesEntry {
    pub run_id: String,
    pub seq: i64,
    pub change: UserTypesChange,
    pub state: EntryState,
    pub tracking_id: Option<String>,
}

/// What Webex answered for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypesResult {
    pub state: EntryState,
    pub error: Option<String>,
    pub tracking_id: Option<String>,
    /// The audit line; `None` when nothing was changed.
    pub summary: Option<String>,
}

fn named_only(c: &UserTypesChange) -> UserChange {
    UserChange {
        person_id: c.person_id.clone(),
        email: c.email.clone(),
        display_name: c.display_name.clone(),
        add: vec![],
        remove: vec![],
        roles: vec![],
        issues: vec![],
        pending_first_sign_in: false,
    }
}

impl Ledger {
    /// Writes the run and one pending entry per user in one durable transaction.
    pub fn create_types_run(
        &self,
        org_id: &str,
        action: &RunAction,
        actor: &str,
        changes: &[UserTypesChange],
        now_ms: i64,
    ) -> Result<RunSummary> {
        let run_id = uuid::Uuid::new_v4().to_string();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO runs (id, org_id, action, actor, created_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, 'interrupted')",
            params![run_id, org_id, json(action)?, actor, now_ms],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO entries (run_id, seq, person_id, email, display_name, change, grants, state, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', 'pending', ?7)",
            )?;
            for (seq, c) in changes.iter().enumerate() {
                insert.execute(params![
                    run_id,
                    seq as i64,
                    c.person_id,
                    c.email,
                    c.display_name,
                    json(&named_only(c))?,
                    json(c)?
                ])?;
            }
        }
        tx.commit()?;
        drop(conn);
        self.run_summary(&run_id)
    }

    /// The run's entries not yet answered: pending, and in flight when a
    /// crash or cancel lost the answer.
    pub fn open_types_entries(&self, run_id: &str) -> Result<Vec<StoredTypesEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT seq, payload, state, tracking_id FROM entries
             WHERE run_id = ?1 AND state IN ('pending', 'in_flight') ORDER BY seq",
        )?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, payload, state, tracking_id) = row?;
            let payload = payload.ok_or_else(|| {
                super::LedgerError::Corrupt(format!("entry {seq} of run {run_id} has no session types"))
            })?;
            entries.push(StoredTypesEntry {
                run_id: run_id.to_owned(),
                seq,
                change: from_json(&payload)?,
                state: parse_entry_state(&state),
                tracking_id,
            });
        }
        Ok(entries)
    }

    /// Records an answer and its audit line (who, what, when, tracking id)
    /// in one commit.
    pub fn record_types_result(
        &self,
        org_id: &str,
        actor: &str,
        entry: &StoredTypesEntry,
        result: &TypesResult,
        now_ms: i64,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let state = entry_state_text(result.state);
        tx.execute(
            "UPDATE entries SET state = ?3, error = ?4, tracking_id = ?5, finished_ms = ?6 WHERE run_id = ?1 AND seq = ?2",
            params![entry.run_id, entry.seq, state, result.error, result.tracking_id, now_ms],
        )?;
        if let Some(summary) = &result.summary {
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
                    state,
                    result.tracking_id,
                    entry.run_id
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::temp_ledger;

    fn change(person: &str) -> UserTypesChange {
        UserTypesChange {
            person_id: person.into(),
            email: format!("{person}@example.com"),
            display_name: person.to_uppercase(),
            site_url: "acme.webex.com".into(),
            before: vec!["1".into()],
            after: vec!["1".into(), "3".into()],
            gains: vec!["3".into()],
            loses: vec![],
        }
    }

    #[test]
    fn a_types_run_is_journaled_whole_then_answered_entry_by_entry_with_its_audit_line() {
        let (_dir, ledger) = temp_ledger();
        let action = RunAction::MeetingsTypesSet { site_url: "acme.webex.com".into(), users: 2 };
        let run = ledger.create_types_run("o", &action, "admin@x", &[change("a"), change("b")], 10).unwrap();
        assert_eq!((run.total, run.action.clone()), (2, action));
        let open = ledger.open_types_entries(&run.run_id).unwrap();
        assert_eq!(open.iter().map(|e| e.change.clone()).collect::<Vec<_>>(), [change("a"), change("b")]);

        ledger.mark_in_flight(&run.run_id, open[0].seq, "TRACK").unwrap();
        let reopened = ledger.open_types_entries(&run.run_id).unwrap();
        assert_eq!((reopened[0].state, reopened[0].tracking_id.as_deref()), (EntryState::InFlight, Some("TRACK")));

        let done = TypesResult {
            state: EntryState::Done,
            error: None,
            tracking_id: Some("TRACK".into()),
            summary: Some("session types on acme.webex.com: 1,3 (+3)".into()),
        };
        ledger.record_types_result("o", "admin@x", &reopened[0], &done, 20).unwrap();
        assert_eq!(ledger.open_types_entries(&run.run_id).unwrap().len(), 1);
        let audit = ledger.audit("o").unwrap();
        assert_eq!((audit[0].email.as_str(), audit[0].tracking_id.as_deref()), ("a@example.com", Some("TRACK")));
        assert_eq!(
            (audit[0].actor.as_str(), audit[0].at_ms, audit[0].run_id.as_str()),
            ("admin@x", 20, run.run_id.as_str())
        );

        // The run's detail names each user and carries the set.
        let detail = ledger.run_detail(&run.run_id).unwrap();
        assert_eq!(detail.entries[0].change.email, "a@example.com");
        assert_eq!(detail.entries[0].session_types, Some(change("a")));
        assert_eq!(detail.summary.succeeded, 1);
    }
}
