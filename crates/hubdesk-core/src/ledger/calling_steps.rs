//! Journal entries of a Calling fixes run (C1, C4, C7): one request each,
//! in the same runs and entries as license changes, so progress, Cancel,
//! resume and the runs list work alike. A reprovision is two entries of one
//! user, the removal then the assignment, sent in that order.

use serde::{Deserialize, Serialize};

use super::payload_entries::{named, PayloadAnswer};
use super::{Ledger, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary};

/// One request of a Calling fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CallingRequest {
    /// C4: read the person, change the work number, `PUT` the whole person.
    SetWorkNumber { number: String },
    /// C1: `PATCH /v1/licenses/users` adding the license with its line.
    /// `after_removal`: the second half of a reprovision (C7), sent only
    /// once the removal before it is done.
    AddCalling {
        license_id: String,
        location_id: String,
        phone_number: Option<String>,
        extension: Option<String>,
        after_removal: bool,
    },
    /// C7, C8: the first half of a reprovision: the license removed.
    RemoveCalling { license_id: String },
}

/// Who a step is about, and the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallingStep {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub request: CallingRequest,
}

/// An entry of a Calling run, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCallingStep {
    pub run_id: String,
    pub seq: i64,
    pub step: CallingStep,
    pub state: EntryState,
    pub tracking_id: Option<String>,
}

/// What Webex answered for one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallingStepResult {
    pub state: EntryState,
    pub error: Option<String>,
    pub tracking_id: Option<String>,
    /// The audit line; `None` when nothing was sent.
    pub summary: Option<String>,
}

impl Ledger {
    /// Writes the run and one pending entry per step, in order, in one
    /// durable transaction.
    pub fn create_calling_run(
        &self,
        org_id: &str,
        action: &RunAction,
        actor: &str,
        steps: &[CallingStep],
        now_ms: i64,
    ) -> Result<RunSummary> {
        let entries: Vec<_> = steps.iter().map(|s| (named(&s.person_id, &s.email, &s.display_name), s)).collect();
        self.create_payload_run(org_id, action, actor, &entries, now_ms)
    }

    /// Every step of the run in order, answered or not: an assignment after
    /// a removal looks back at it.
    pub fn calling_steps(&self, run_id: &str) -> Result<Vec<StoredCallingStep>> {
        let entries = self.payload_entries::<CallingStep>(run_id, false, "Calling request")?;
        Ok(entries
            .into_iter()
            .map(|e| StoredCallingStep {
                run_id: run_id.to_owned(),
                seq: e.seq,
                step: e.payload,
                state: e.state,
                tracking_id: e.tracking_id,
            })
            .collect())
    }

    /// Records an answer and its audit line (who, what, when, tracking id)
    /// in one commit.
    pub fn record_calling_result(
        &self,
        org_id: &str,
        actor: &str,
        entry: &StoredCallingStep,
        result: &CallingStepResult,
        now_ms: i64,
    ) -> Result<()> {
        let answer = PayloadAnswer {
            state: result.state,
            error: result.error.as_deref(),
            tracking_id: result.tracking_id.as_deref(),
            person_id: &entry.step.person_id,
            email: &entry.step.email,
            summary: result.summary.as_deref(),
            payload: None,
        };
        self.record_payload_answer(org_id, actor, &entry.run_id, entry.seq, &answer, now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::temp_ledger;

    #[test]
    fn c7_a_reprovision_is_journaled_as_a_removal_then_an_assignment_and_audited() {
        let (_dir, ledger) = temp_ledger();
        let action = RunAction::CallingFixes { work_numbers: 0, assigned: 0, reprovisioned: 1, imported: false };
        let step = |request| CallingStep {
            person_id: "p1".into(),
            email: "p1@x.example".into(),
            display_name: "Zoé Lefèvre".into(),
            request,
        };
        let steps = [
            step(CallingRequest::RemoveCalling { license_id: "pro".into() }),
            step(CallingRequest::AddCalling {
                license_id: "pro".into(),
                location_id: "loc".into(),
                phone_number: Some("+33142000000".into()),
                extension: None,
                after_removal: true,
            }),
        ];
        let run = ledger.create_calling_run("org", &action, "admin@x", &steps, 10).unwrap();
        assert_eq!(run.total, 2);
        let stored = ledger.calling_steps(&run.run_id).unwrap();
        assert_eq!(stored.iter().map(|s| s.step.clone()).collect::<Vec<_>>(), steps);
        ledger.mark_in_flight(&run.run_id, 0, "TRACK").unwrap();
        let result = CallingStepResult {
            state: EntryState::Done,
            error: None,
            tracking_id: Some("TRACK".into()),
            summary: Some("Calling removed".into()),
        };
        ledger.record_calling_result("org", "admin@x", &stored[0], &result, 20).unwrap();
        let after = ledger.calling_steps(&run.run_id).unwrap();
        assert_eq!((after[0].state, after[1].state), (EntryState::Done, EntryState::Pending));
        let audit = ledger.audit("org").unwrap();
        assert_eq!((audit[0].email.as_str(), audit[0].tracking_id.as_deref()), ("p1@x.example", Some("TRACK")));
    }
}
