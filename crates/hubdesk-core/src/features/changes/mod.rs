//! The change log: what each sync found different from the previous one.

use hubdesk_api::{ApiError, ChangeRow};

use crate::Core;

pub mod commands;

/// Rows shown at most, newest first.
const SHOWN_CHANGES: u32 = 1000;

impl Core {
    /// What the recent syncs of an org found changed, newest first.
    pub fn changes(&self, org_id: &str) -> Result<Vec<ChangeRow>, ApiError> {
        Ok(self.store.changes(org_id, SHOWN_CHANGES)?)
    }
}
