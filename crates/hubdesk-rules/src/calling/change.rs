//! One user's row of a fix preview: who, the number now, what is sent. The
//! fixes and the CSV import both produce it (here, beside `CallingFix`, so
//! the import's plan is pure); hubdesk-api re-exports it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CallingFix, CallingReason};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingFixChange {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    /// The user's reason in the report (`None` for a C7 mismatch).
    pub reason: Option<CallingReason>,
    /// The work number now, for a before/after column.
    pub work_number: Option<String>,
    pub fix: CallingFix,
    /// The location's name of an assignment or reprovision, for reading.
    pub location_name: Option<String>,
}
