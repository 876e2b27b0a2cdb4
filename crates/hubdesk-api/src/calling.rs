//! Webex Calling eligibility (rules C2–C5): the report of every user
//! without a Calling license and why (its types are decided in
//! hubdesk-rules and re-exported here).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hubdesk_rules::calling::{
    CallingEvidence, CallingFix, CallingFixChange, CallingImportRejectReason, CallingImportRejection, CallingReason,
    CallingUser, NumberHolder,
};
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
    /// C7: users with Calling whose directory work number differs from
    /// their Calling number (Webex ignores the change once provisioned).
    pub mismatches: Vec<CallingMismatch>,
}

/// The Calling screen's view of an org's report: how many users have each
/// reason (its filters) and C7's list. The users themselves come a page at
/// a time (`CallingUserPage`): an org of 100,000 has tens of thousands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingSummary {
    pub org_id: String,
    /// Every reason, zero included, in the order of `CallingReason::ALL`.
    pub counts: Vec<CallingReasonCount>,
    pub mismatches: Vec<CallingMismatch>,
}

/// Which users without Calling a page lists: those of one reason (all of
/// them when `None`) whom `text` finds, searched as the users table is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingUserQuery {
    pub reason: Option<CallingReason>,
    #[serde(default)]
    pub text: String,
}

/// A window of the report's users, in the cache's people order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingUserPage {
    /// How many users the query finds in all.
    pub total: u32,
    pub offset: u32,
    pub users: Vec<CallingUser>,
}

/// Why a user has no Calling, for the users table's Calling column;
/// `reason` is `None` for a user who has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingStatusRow {
    pub person_id: String,
    pub reason: Option<CallingReason>,
}

/// C7: a provisioned user whose work number was changed afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingMismatch {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    /// The directory's work number (`None`: removed from the directory).
    pub work_number: Option<String>,
    /// The number Calling gave the user (`None`: an extension only).
    pub calling_number: Option<String>,
    pub extension: Option<String>,
    pub location_id: Option<String>,
    pub location_name: Option<String>,
    /// Reprovision with the work number, when it is E.164, free and in the
    /// user's Calling location; `None` otherwise.
    pub suggested_fix: Option<CallingFix>,
}

/// A location a Calling assignment can use: Calling-enabled or not (the
/// picker says why one cannot be chosen), with free numbers of its inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingLocationChoice {
    pub id: String,
    pub name: String,
    pub calling_enabled: bool,
    /// Numbers of its inventory held by no one, in number order, at most 200.
    pub free_numbers: Vec<String>,
    /// How many numbers are free in all.
    pub free_total: u32,
}

/// One user to fix: with `fix` the admin's choice, without it the fix the
/// report suggests for the user (nothing is sent for a user without one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingFixAsk {
    pub person_id: String,
    pub fix: Option<CallingFix>,
}

/// Sends nothing: what fixing would send, kept by the backend under
/// `previewId` until applied with `calling_fix_apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingFixPreview {
    pub preview_id: String,
    pub org_id: String,
    /// One row per user, in the order asked.
    pub changes: Vec<CallingFixChange>,
    /// Users asked for that nothing will be sent for, and why.
    pub skipped: Vec<CallingFixSkip>,
    /// C8: the text to type when a change removes Calling; `None` otherwise.
    pub calling_confirmation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingFixSkip {
    pub person_id: String,
    /// Empty when the id is not a user of the org.
    pub email: String,
    pub why: CallingFixSkipReason,
}

/// Why nothing is sent for a user; the UI words each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallingFixSkipReason {
    /// Not a user of the org in the cache.
    UnknownUser,
    /// Already has Calling (and asked for an assignment).
    HasCalling,
    /// No fix can be made from the cache: the admin chooses one.
    NoSuggestion,
    /// The chosen number is not free, not in the location's inventory, or
    /// the location is not enabled for Calling.
    NumberNotUsable,
    /// The chosen number is not E.164.
    NotE164,
    /// Already what was asked (the work number is already that number).
    Unchanged,
    /// The same user asked twice: the first is kept.
    Duplicate,
}

/// A Control Hub users CSV read back (the report exported, edited in a
/// spreadsheet): the work numbers that would change, as a fix preview
/// applied with `calling_fix_apply`, and the rows refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingImportPreview {
    pub file_name: String,
    /// Data rows read (the header not counted).
    pub rows: u32,
    /// Rows whose number is already the directory's.
    pub unchanged: u32,
    /// `SetWorkNumber` changes, one per edited row.
    pub fix: CallingFixPreview,
    /// Rows refused: nothing is changed for them.
    pub rejections: Vec<CallingImportRejection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingReasonCount {
    pub reason: CallingReason,
    pub count: u32,
}

impl CallingReport {
    pub fn summary(&self) -> CallingSummary {
        CallingSummary { org_id: self.org_id.clone(), counts: self.counts.clone(), mismatches: self.mismatches.clone() }
    }

    pub fn new(org_id: String, users: Vec<CallingUser>, mismatches: Vec<CallingMismatch>) -> CallingReport {
        let counts = CallingReason::ALL
            .iter()
            .map(|&reason| CallingReasonCount {
                reason,
                count: users.iter().filter(|u| u.reason == reason).count() as u32,
            })
            .collect();
        CallingReport { org_id, counts, users, mismatches }
    }
}

/// One request of a Calling fix run, as the journal keeps it and a run's
/// details show it. The names are the cache's when the run was made, for
/// people to read; the ids are what is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "step", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CallingRequest {
    /// C4: read the person, change the work number, `PUT` the whole person.
    SetWorkNumber { number: String },
    /// C1: `PATCH /v1/licenses/users` adding the license with its line.
    /// `after_removal`: the second half of a reprovision (C7), sent only
    /// once the removal before it is done.
    AddCalling {
        license_id: String,
        #[serde(default)]
        license_name: Option<String>,
        location_id: String,
        #[serde(default)]
        location_name: Option<String>,
        phone_number: Option<String>,
        extension: Option<String>,
        after_removal: bool,
    },
    /// C7, C8: the first half of a reprovision: the license removed.
    RemoveCalling {
        license_id: String,
        #[serde(default)]
        license_name: Option<String>,
    },
}
