//! Journal entries that PUT one user's Meetings session types on a site
//! (S2: the whole set), as payload entries (`payload_entries`): the set is
//! the payload, `change` names the user.

use super::payload_entries::{named, PayloadAnswer};
use super::{Ledger, Result};
use hubdesk_api::{EntryState, RunAction, RunSummary, UserTypesChange};

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
        let entries: Vec<_> = changes.iter().map(|c| (named(&c.person_id, &c.email, &c.display_name), c)).collect();
        self.create_payload_run(org_id, action, actor, &entries, now_ms)
    }

    /// The run's entries not yet answered: pending, and in flight when a
    /// crash or cancel lost the answer.
    pub fn open_types_entries(&self, run_id: &str) -> Result<Vec<StoredTypesEntry>> {
        let entries = self.payload_entries::<UserTypesChange>(run_id, true, "session types")?;
        Ok(entries
            .into_iter()
            .map(|e| StoredTypesEntry {
                run_id: run_id.to_owned(),
                seq: e.seq,
                change: e.payload,
                state: e.state,
                tracking_id: e.tracking_id,
            })
            .collect())
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
        let answer = PayloadAnswer {
            state: result.state,
            error: result.error.as_deref(),
            tracking_id: result.tracking_id.as_deref(),
            person_id: &entry.change.person_id,
            email: &entry.change.email,
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
