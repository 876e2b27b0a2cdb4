//! A journal entry: one user's change, as written before it is sent, as
//! stored while it is open, and as Webex answered it. The journal writes
//! them; the audit log records the answers.

use hubdesk_api::{EntryState, UserChange};

/// An entry to write before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub change: UserChange,
    /// `(license id as planned, template id)`: what T6 will look back at
    /// once the license is held.
    pub grants: Vec<(String, String)>,
    /// Written as `skipped` with this reason instead of being sent.
    pub skip_reason: Option<String>,
}

/// An entry still to send (or to check, when it was in flight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub run_id: String,
    pub seq: i64,
    pub change: UserChange,
    pub grants: Vec<(String, String)>,
    pub state: EntryState,
    pub tracking_id: Option<String>,
}

/// What Webex answered for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryResult {
    pub state: EntryState,
    pub error: Option<String>,
    pub tracking_id: Option<String>,
    /// `(license id held, template id)` to remember (T6).
    pub grants: Vec<(String, String)>,
    /// Licenses removed: their grants are dropped.
    pub forgotten: Vec<String>,
    /// The audit line; `None` when nothing was changed.
    pub summary: Option<String>,
}

pub(super) fn entry_state_text(state: EntryState) -> &'static str {
    match state {
        EntryState::Pending => "pending",
        EntryState::InFlight => "in_flight",
        EntryState::Done => "done",
        EntryState::Partial => "partial",
        EntryState::Failed => "failed",
        EntryState::Skipped => "skipped",
    }
}

pub(super) fn parse_entry_state(text: &str) -> EntryState {
    match text {
        "in_flight" => EntryState::InFlight,
        "done" => EntryState::Done,
        "partial" => EntryState::Partial,
        "failed" => EntryState::Failed,
        "skipped" => EntryState::Skipped,
        _ => EntryState::Pending,
    }
}
