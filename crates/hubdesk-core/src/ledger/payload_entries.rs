//! Journal entries whose request is not a license change (a user's
//! Meetings session types, a BroadWorks subscriber's request): the request
//! goes in the entry's `payload`, and `change` only names who it is about,
//! so every reader of `change` (the runs list, the run's detail) still
//! reads it. Both kinds share the runs, so progress, Cancel and resume work
//! as for license changes; this is the one place their rows are written.

use rusqlite::{params, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::entry::{entry_state_text, parse_entry_state};
use super::{from_json, json, Ledger, LedgerError, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary, UserChange};

/// An entry as stored: its request (`payload`), state and tracking id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StoredPayload<T> {
    pub seq: i64,
    pub payload: T,
    pub state: EntryState,
    pub tracking_id: Option<String>,
}

/// What Webex answered, for the entry's row and its audit line.
pub(super) struct PayloadAnswer<'a> {
    pub state: EntryState,
    pub error: Option<&'a str>,
    pub tracking_id: Option<&'a str>,
    /// Who the audit line is about.
    pub person_id: &'a str,
    pub email: &'a str,
    /// `None` when nothing was changed: no audit line.
    pub summary: Option<&'a str>,
    /// The request rewritten with the answer, when it keeps one.
    pub payload: Option<String>,
}

/// A `change` that only names who an entry is about.
pub(super) fn named(person_id: &str, email: &str, display_name: &str) -> UserChange {
    UserChange {
        person_id: person_id.to_owned(),
        email: email.to_owned(),
        display_name: display_name.to_owned(),
        add: vec![],
        remove: vec![],
        roles: vec![],
        issues: vec![],
        pending_first_sign_in: false,
    }
}

/// A run's row, interrupted until it is applied (shared with license runs).
pub(super) fn insert_run(
    tx: &Transaction<'_>,
    run_id: &str,
    org_id: &str,
    action: &RunAction,
    actor: &str,
    now_ms: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO runs (id, org_id, action, actor, created_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, 'interrupted')",
        params![run_id, org_id, json(action)?, actor, now_ms],
    )?;
    Ok(())
}

impl Ledger {
    /// Writes the run and one pending entry per `(who, request)`, in order,
    /// in one durable transaction.
    pub(super) fn create_payload_run<T: Serialize>(
        &self,
        org_id: &str,
        action: &RunAction,
        actor: &str,
        entries: &[(UserChange, &T)],
        now_ms: i64,
    ) -> Result<RunSummary> {
        let run_id = uuid::Uuid::new_v4().to_string();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        insert_run(&tx, &run_id, org_id, action, actor, now_ms)?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO entries (run_id, seq, person_id, email, display_name, change, grants, state, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', 'pending', ?7)",
            )?;
            for (seq, (who, payload)) in entries.iter().enumerate() {
                insert.execute(params![
                    run_id,
                    seq as i64,
                    who.person_id,
                    who.email,
                    who.display_name,
                    json(who)?,
                    json(payload)?
                ])?;
            }
        }
        tx.commit()?;
        drop(conn);
        self.run_summary(&run_id)
    }

    /// The run's entries in order: all of them, or only those not yet
    /// answered (pending, and in flight when a crash or cancel lost the
    /// answer). `what` names the request for the error of an entry without one.
    pub(super) fn payload_entries<T: DeserializeOwned>(
        &self,
        run_id: &str,
        open_only: bool,
        what: &str,
    ) -> Result<Vec<StoredPayload<T>>> {
        let open = if open_only { "AND state IN ('pending', 'in_flight')" } else { "" };
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT seq, payload, state, tracking_id FROM entries WHERE run_id = ?1 {open} ORDER BY seq"
        ))?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, payload, state, tracking_id) = row?;
            let payload =
                payload.ok_or_else(|| LedgerError::Corrupt(format!("entry {seq} of run {run_id} has no {what}")))?;
            entries.push(StoredPayload {
                seq,
                payload: from_json(&payload)?,
                state: parse_entry_state(&state),
                tracking_id,
            });
        }
        Ok(entries)
    }

    /// Records an answer (and the request with it, when it keeps one) and
    /// its audit line (who, what, when, tracking id) in one commit.
    pub(super) fn record_payload_answer(
        &self,
        org_id: &str,
        actor: &str,
        run_id: &str,
        seq: i64,
        answer: &PayloadAnswer<'_>,
        now_ms: i64,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let state = entry_state_text(answer.state);
        tx.execute(
            "UPDATE entries SET state = ?3, error = ?4, tracking_id = ?5, finished_ms = ?6,
                payload = COALESCE(?7, payload)
             WHERE run_id = ?1 AND seq = ?2",
            params![run_id, seq, state, answer.error, answer.tracking_id, now_ms, answer.payload],
        )?;
        if let Some(summary) = answer.summary {
            tx.execute(
                "INSERT INTO audit (at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    now_ms,
                    actor,
                    org_id,
                    answer.person_id,
                    answer.email,
                    summary,
                    state,
                    answer.tracking_id,
                    run_id
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
