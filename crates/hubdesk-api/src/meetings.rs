//! Meetings session types per user and site (rules S1–S5): what the
//! Meetings tab shows, what a save answers, and the troubleshooter's
//! diagnosis (its types live in hubdesk-rules, where they are decided).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hubdesk_rules::meetings::{
    BulkPlan, Cause, Check, CheckName, CheckStatus, Diagnosis, Evidence, Fix, MeetingsRole, ReassignNotice, SaveCheck,
    SessionType, SessionTypeRow, TypeCount, TypesChange, UserMessage, UserSite, UserTypesChange,
};

use crate::RunSummary;

/// A user's Meetings tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingsView {
    pub org_id: String,
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub sites: Vec<MeetingsSite>,
}

/// One site the user is on: role, the site's types with the user's set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingsSite {
    pub site_url: String,
    pub role: MeetingsRole,
    pub types: Vec<SessionTypeRow>,
    /// Why the user's set (or the site's types) could not be read, offline included.
    pub unread: Option<String>,
}

/// A Meetings site of the org and its session types (paid told apart), as
/// last synced: what a change for many users picks from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SiteSessionTypes {
    pub site_url: String,
    /// `enabled` is null: these are the site's, not a user's.
    pub types: Vec<SessionTypeRow>,
}

/// What a save sent and what Webex holds afterwards (S2, S5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingsSaved {
    pub check: SaveCheck,
    /// Webex's set after the save, read again.
    pub held: Vec<SessionType>,
    pub tracking_id: String,
}

/// The license re-assigned (S5): the run that removed it and assigned it
/// again, and what the user holds afterwards, read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingsReassigned {
    pub run: RunSummary,
    pub site_url: String,
    pub license_name: String,
    /// The tracking id of each PATCH, in the order sent (remove, then add).
    pub tracking_ids: Vec<String>,
    /// Whether the user holds a paid Meetings license on the site afterwards.
    pub license_held: bool,
    /// The user's license names afterwards.
    pub licenses: Vec<String>,
    /// The user's session types on the site afterwards; `None` when they
    /// could not be read.
    pub session_types: Option<Vec<SessionType>>,
    /// Set when the user is left without the license: what happened and what
    /// to do (a sentence).
    pub warning: Option<String>,
}

/// What setting session types for many users on one site would do (S1,
/// S2): sends nothing. Each user's set was read live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkPreview {
    pub org_id: String,
    pub site_url: String,
    /// The site's types, to name the ids of the plan.
    pub site_types: Vec<SessionType>,
    /// Who gains and loses which types; who is unchanged (counted).
    pub plan: BulkPlan,
    /// People asked for who are not in the org (as given).
    pub not_found: Vec<String>,
    /// People with no paid Meetings license on the site: session types are
    /// a host's, so nothing is sent for them.
    pub not_hosts: Vec<BulkSkipped>,
    /// People whose set could not be read, with why: nothing is sent for them.
    pub unread: Vec<BulkSkipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkSkipped {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub reason: String,
}
