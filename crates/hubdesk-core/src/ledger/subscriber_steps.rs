//! Journal entries of a BroadWorks run (B4): one request each (a delete, a
//! provision, a package change), in the same runs and entries as license
//! changes, so progress, Cancel, resume and the runs list work alike. The
//! request goes in the entry's `payload` (with, once answered, the
//! subscriber Webex answered with), and `change` only names the subscriber
//! (so every reader of `change` still reads it).

use rusqlite::params;

use super::entry::{entry_state_text, parse_entry_state};
use super::{from_json, json, Ledger, LedgerError, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary, SubscriberStep, UserChange};

/// An entry of a BroadWorks run, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStep {
    pub run_id: String,
    pub seq: i64,
    pub step: SubscriberStep,
    pub state: EntryState,
    pub tracking_id: Option<String>,
}

/// What Webex answered for one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    pub state: EntryState,
    pub error: Option<String>,
    pub tracking_id: Option<String>,
    /// The step with Webex's answer, kept in the entry.
    pub step: SubscriberStep,
    /// The audit line; `None` when nothing was sent.
    pub summary: Option<String>,
}

/// How the journal and the audit log name a subscriber: its id, and its
/// email, else its BroadWorks user id.
pub fn named_only(step: &SubscriberStep, email: Option<&str>) -> UserChange {
    UserChange {
        person_id: step.subscriber_id.clone(),
        email: email.unwrap_or(&step.user_id).to_owned(),
        display_name: step.display_name.clone(),
        add: vec![],
        remove: vec![],
        roles: vec![],
        issues: vec![],
        pending_first_sign_in: false,
    }
}

impl Ledger {
    /// Writes the run and one pending entry per step, in order, in one
    /// durable transaction. `emails`: each step's subscriber's email, if any.
    pub fn create_steps_run(
        &self,
        org_id: &str,
        action: &RunAction,
        actor: &str,
        steps: &[(SubscriberStep, Option<String>)],
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
            for (seq, (step, email)) in steps.iter().enumerate() {
                let named = named_only(step, email.as_deref());
                insert.execute(params![
                    run_id,
                    seq as i64,
                    named.person_id,
                    named.email,
                    named.display_name,
                    json(&named)?,
                    json(step)?
                ])?;
            }
        }
        tx.commit()?;
        drop(conn);
        self.run_summary(&run_id)
    }

    /// Every step of the run in order, answered or not: a provision looks
    /// back at the delete before it.
    pub fn steps(&self, run_id: &str) -> Result<Vec<StoredStep>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT seq, payload, state, tracking_id FROM entries WHERE run_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?;
        let mut steps = Vec::new();
        for row in rows {
            let (seq, payload, state, tracking_id) = row?;
            let payload =
                payload.ok_or_else(|| LedgerError::Corrupt(format!("entry {seq} of run {run_id} has no request")))?;
            steps.push(StoredStep {
                run_id: run_id.to_owned(),
                seq,
                step: from_json(&payload)?,
                state: parse_entry_state(&state),
                tracking_id,
            });
        }
        Ok(steps)
    }

    /// Records an answer, the step with it and its audit line (who, what,
    /// when, tracking id) in one commit.
    pub fn record_step_result(
        &self,
        org_id: &str,
        actor: &str,
        entry: &StoredStep,
        email: &str,
        result: &StepResult,
        now_ms: i64,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let state = entry_state_text(result.state);
        tx.execute(
            "UPDATE entries SET state = ?3, error = ?4, tracking_id = ?5, finished_ms = ?6, payload = ?7
             WHERE run_id = ?1 AND seq = ?2",
            params![entry.run_id, entry.seq, state, result.error, result.tracking_id, now_ms, json(&result.step)?],
        )?;
        if let Some(summary) = &result.summary {
            tx.execute(
                "INSERT INTO audit (at_ms, actor, org_id, person_id, email, summary, outcome, tracking_id, run_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    now_ms,
                    actor,
                    org_id,
                    entry.step.subscriber_id,
                    email,
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

    /// The email an entry was journaled under (its subscriber's, else its
    /// user id): the audit line uses the same.
    pub fn entry_email(&self, run_id: &str, seq: i64) -> Result<String> {
        Ok(self.conn().query_row(
            "SELECT email FROM entries WHERE run_id = ?1 AND seq = ?2",
            params![run_id, seq],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::temp_ledger;
    use hubdesk_api::{ProvisionFields, SubscriberRequest};

    fn step(request: SubscriberRequest) -> SubscriberStep {
        SubscriberStep {
            subscriber_id: "sub1".into(),
            user_id: "4500@voip.example".into(),
            display_name: "Åke Ångström".into(),
            request,
            answer: None,
        }
    }

    fn provision() -> SubscriberRequest {
        SubscriberRequest::Provision {
            fields: ProvisionFields {
                provisioning_id: "prov".into(),
                user_id: "4500@voip.example".into(),
                sp_enterprise_id: "sp".into(),
                first_name: "Åke".into(),
                last_name: "Ångström".into(),
                package: "basic".into(),
                email: "ake@x.example".into(),
                primary_phone_number: None,
                mobile_phone_number: None,
                extension: Some("2201".into()),
            },
        }
    }

    #[test]
    fn b4_a_retry_is_journaled_as_a_delete_then_a_provision_in_order() {
        let (_dir, ledger) = temp_ledger();
        let action = RunAction::BroadworksSubscribers { retry: 1, delete: 0, package: 0 };
        assert!(action.in_order());
        let steps = [
            (step(SubscriberRequest::Delete { for_retry: true }), None),
            (step(provision()), Some("ake@x.example".to_owned())),
        ];
        let run = ledger.create_steps_run("home", &action, "admin@x", &steps, 10).unwrap();
        assert_eq!(run.total, 2);
        let stored = ledger.steps(&run.run_id).unwrap();
        assert_eq!(stored.iter().map(|s| s.step.clone()).collect::<Vec<_>>(), [steps[0].0.clone(), steps[1].0.clone()]);
        assert_eq!(ledger.entry_email(&run.run_id, 0).unwrap(), "4500@voip.example", "no email yet: the user id");

        ledger.mark_in_flight(&run.run_id, 0, "TRACK").unwrap();
        let mut answered = stored[0].step.clone();
        answered.answer = None;
        let result = StepResult {
            state: EntryState::Done,
            error: None,
            tracking_id: Some("TRACK".into()),
            step: answered,
            summary: Some("deleted 4500@voip.example (to onboard again)".into()),
        };
        ledger.record_step_result("home", "admin@x", &stored[0], "4500@voip.example", &result, 20).unwrap();
        let after = ledger.steps(&run.run_id).unwrap();
        assert_eq!((after[0].state, after[1].state), (EntryState::Done, EntryState::Pending));
        let audit = ledger.audit("home").unwrap();
        assert_eq!((audit[0].person_id.as_str(), audit[0].tracking_id.as_deref()), ("sub1", Some("TRACK")));
        let detail = ledger.run_detail(&run.run_id).unwrap();
        assert_eq!(detail.entries[1].subscriber.as_ref().map(|s| &s.request), Some(&provision()));
        assert!(detail.entries[1].session_types.is_none());
    }
}
