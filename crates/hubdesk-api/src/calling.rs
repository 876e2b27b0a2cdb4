//! Webex Calling eligibility (rules C2–C5): the report of every user
//! without a Calling license and why (its types are decided in
//! hubdesk-rules and re-exported here).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hubdesk_rules::calling::{CallingEvidence, CallingReason, CallingUser};
pub use hubdesk_rules::phone_normalise::{Normalised, NotNormalised};

/// One org's report, from the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingReport {
    pub org_id: String,
    /// How many users have each reason, every reason listed (zero included),
    /// in the order of `CallingReason::ALL`: the screen's filters.
    pub counts: Vec<CallingReasonCount>,
    /// Users without a Calling license, in the cache's people order.
    pub users: Vec<CallingUser>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingReasonCount {
    pub reason: CallingReason,
    pub count: u32,
}

impl CallingReport {
    pub fn new(org_id: String, users: Vec<CallingUser>) -> CallingReport {
        let counts = CallingReason::ALL
            .iter()
            .map(|&reason| CallingReasonCount {
                reason,
                count: users.iter().filter(|u| u.reason == reason).count() as u32,
            })
            .collect();
        CallingReport { org_id, counts, users }
    }
}
