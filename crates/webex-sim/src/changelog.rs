//! The change log (`GET /_sim/changes?since=N`): every mutation the
//! simulator applied, in order, with the request's tracking id, so a test
//! can prove that a change was applied exactly once, even when the client
//! never saw the answer (a dropped connection).

use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// 1, 2, 3... in the order the changes were applied.
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// The org the change happened in.
    pub org_id: String,
    /// The id of what changed (a person, a group, a subscriber...).
    pub target: String,
    pub summary: String,
    pub tracking_id: String,
    /// Simulated time of the change.
    pub at: String,
}

#[derive(Debug, Default)]
pub struct ChangeLog {
    changes: Mutex<Vec<Change>>,
}

impl ChangeLog {
    /// A log that goes on from `changes` (a saved tenant's).
    pub fn restored(changes: Vec<Change>) -> Self {
        Self { changes: Mutex::new(changes) }
    }

    /// Appends a change, numbering it.
    pub fn push(&self, mut change: Change) {
        let mut changes = self.changes.lock().unwrap_or_else(PoisonError::into_inner);
        change.seq = changes.len() as u64 + 1;
        changes.push(change);
    }

    /// The changes after sequence number `since`.
    pub fn since(&self, since: u64) -> Vec<Change> {
        let changes = self.changes.lock().unwrap_or_else(PoisonError::into_inner);
        changes.iter().skip(usize::try_from(since).unwrap_or(usize::MAX)).cloned().collect()
    }

    pub fn last_seq(&self) -> u64 {
        self.changes.lock().unwrap_or_else(PoisonError::into_inner).len() as u64
    }
}
