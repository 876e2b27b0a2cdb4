//! Journal entries of a BroadWorks run (B4): one request each (a delete, a
//! provision, a package change), in the same runs and entries as license
//! changes, so progress, Cancel, resume and the runs list work alike. The
//! request goes in the entry's `payload` (with, once answered, the
//! subscriber Webex answered with), and `change` only names the subscriber
//! (so every reader of `change` still reads it).

use rusqlite::params;

use super::payload_entries::{named, PayloadAnswer};
use super::{json, Ledger, Result};
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
    named(&step.subscriber_id, email.unwrap_or(&step.user_id), &step.display_name)
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
        let entries: Vec<_> = steps.iter().map(|(step, email)| (named_only(step, email.as_deref()), step)).collect();
        self.create_payload_run(org_id, action, actor, &entries, now_ms)
    }

    /// Every step of the run in order, answered or not: a provision looks
    /// back at the delete before it.
    pub fn steps(&self, run_id: &str) -> Result<Vec<StoredStep>> {
        let entries = self.payload_entries::<SubscriberStep>(run_id, false, "request")?;
        Ok(entries
            .into_iter()
            .map(|e| StoredStep {
                run_id: run_id.to_owned(),
                seq: e.seq,
                step: e.payload,
                state: e.state,
                tracking_id: e.tracking_id,
            })
            .collect())
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
        let answer = PayloadAnswer {
            state: result.state,
            error: result.error.as_deref(),
            tracking_id: result.tracking_id.as_deref(),
            person_id: &entry.step.subscriber_id,
            email,
            summary: result.summary.as_deref(),
            payload: Some(json(&result.step)?),
        };
        self.record_payload_answer(org_id, actor, &entry.run_id, entry.seq, &answer, now_ms)
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
