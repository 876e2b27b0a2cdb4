//! Journal entries of a Calling fixes run (C1, C4, C7): one request each,
//! in the same runs and entries as license changes, so progress, Cancel,
//! resume and the runs list work alike. A reprovision is two entries of one
//! user, the removal then the assignment, sent in that order.

use serde::{Deserialize, Serialize};

use super::payload_entries::{named, PayloadAnswer};
use super::{Ledger, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary};

pub use hubdesk_api::CallingRequest;

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
            step(CallingRequest::RemoveCalling { license_id: "pro".into(), license_name: Some("Professional".into()) }),
            step(CallingRequest::AddCalling {
                license_id: "pro".into(),
                license_name: Some("Professional".into()),
                location_id: "loc".into(),
                location_name: Some("Paris".into()),
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
        // The run's details show each step's request, names included.
        let detail = ledger.run_detail(&run.run_id).unwrap();
        let shown: Vec<_> = detail.entries.into_iter().map(|e| e.calling).collect();
        assert_eq!(shown, steps.iter().map(|s| Some(s.request.clone())).collect::<Vec<_>>());
    }

    #[test]
    fn a_step_journaled_before_names_were_kept_still_reads() {
        let old = r#"{"step":"addCalling","licenseId":"pro","locationId":"loc","phoneNumber":null,"extension":"2001","afterRemoval":false}"#;
        let request: CallingRequest = serde_json::from_str(old).unwrap();
        assert!(matches!(request, CallingRequest::AddCalling { license_name: None, location_name: None, .. }));
    }
}
