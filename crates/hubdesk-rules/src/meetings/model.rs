//! The data of the Meetings session-types feature (rules S1–S5, T16): the
//! facts a diagnosis is made from and what it says.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A session type as Webex lists it (`/v1/admin/meeting/config/sessionTypes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionType {
    /// Numeric string ("3" is PRO).
    pub id: String,
    pub short_name: String,
    pub name: String,
    /// `meeting`, `webinar`, `privateMeeting`, `EventCenter`...
    pub kind: String,
}

/// A license the person holds, as cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldLicense {
    pub id: String,
    pub name: String,
    pub site_url: Option<String>,
}

/// What Webex says of the person (admin fields of `GET /v1/people/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonFacts {
    pub login_enabled: bool,
    pub invite_pending: bool,
    pub licenses: Vec<HeldLicense>,
    /// `siteUrls`, where `#attendee` marks the attendee role.
    pub site_urls: Vec<String>,
}

/// The person's role on a Meetings site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "type")]
pub enum MeetingsRole {
    /// Holds a paid Meetings license on the site.
    Host {
        license_id: String,
        license_name: String,
    },
    Attendee,
    /// Not on the site.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSite {
    pub site_url: String,
    pub role: MeetingsRole,
}

/// One of the site's session types, as the Meetings tab shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionTypeRow {
    pub session_type: SessionType,
    /// Webex marks none as paid: see `is_free` for how hubdesk tells them apart.
    pub paid: bool,
    /// In the user's set as read; `None` when the set could not be read.
    pub enabled: Option<bool>,
}

/// A save read back (S5: was it saved to the intended site?).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveCheck {
    pub site_url: String,
    /// Ids sent, sorted.
    pub sent: Vec<String>,
    /// Ids Webex holds when read again, sorted.
    pub read_back: Vec<String>,
}

impl SaveCheck {
    pub fn new(site_url: &str, sent: &[String], read_back: &[String]) -> SaveCheck {
        let sorted = |ids: &[String]| {
            let mut ids = ids.to_vec();
            ids.sort_by_key(|id| (id.parse::<u64>().unwrap_or(u64::MAX), id.clone()));
            ids.dedup();
            ids
        };
        SaveCheck { site_url: site_url.to_owned(), sent: sorted(sent), read_back: sorted(read_back) }
    }

    pub fn matches(&self) -> bool {
        self.sent == self.read_back
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    /// The user can sign in and has (T16).
    SignedIn,
    PaidLicenseOnSite,
    /// S1, S2.
    PaidTypesEnabled,
    /// S5.
    SavedToSite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Fail,
    Skipped,
}

/// Why the user cannot schedule paid meetings on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// T16: entitlements arrive at the first sign-in.
    NeverSignedIn,
    LoginDisabled,
    LicenseOnOtherSite,
    BasicMeetingsOnly,
    AttendeeOnly,
    NoMeetingsLicense,
    /// S1.
    PaidTypesMissing,
    /// S5: what Webex holds is not what was sent.
    NotSaved,
}

/// What the troubleshooter can do about a check, one click from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// S2: send the set with the missing paid types added.
    EnableMissingTypes,
    /// S5: types off, save, on, save.
    ForceRefresh,
    /// S5: remove the site's Meetings license and assign it again.
    ReassignLicense,
    /// Give the user a Meetings license on this site.
    AssignLicense,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub name: CheckName,
    pub status: CheckStatus,
    /// What was looked at: license and site, missing type names, what was
    /// re-read; in English, as `found` reads.
    pub evidence: String,
    /// The same as data, for the window to word in its language.
    pub found: super::evidence::Evidence,
    /// Set when the check fails.
    pub cause: Option<Cause>,
    pub fixes: Vec<Fix>,
}

/// The text the admin sends the user (S3, S4), in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserMessage {
    /// `en`, `fr`, `da`, `sv`.
    pub language: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    pub site_url: String,
    /// Every site the troubleshooter can look at for this user (theirs, then
    /// the org's first), the diagnosed one included: what the window offers
    /// to switch to.
    pub sites: Vec<String>,
    pub checks: Vec<Check>,
    /// The cause of the first failing check; `None` when nothing fails.
    pub verdict: Option<Cause>,
    pub verdict_text: String,
    pub user_message: Vec<UserMessage>,
    /// Set when the user hosts on the site: what re-assigning the license
    /// (S5) takes away meanwhile, for the confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reassign: Option<ReassignNotice>,
}

/// Before the paid Meetings license of a site is removed and assigned again
/// (S5): which license, where, and what the user goes without meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReassignNotice {
    pub license_id: String,
    pub license_name: String,
    pub site_url: String,
    /// The consequence in English (the window words it from the fields).
    pub text: String,
}

impl Diagnosis {
    pub fn passes(&self) -> bool {
        self.checks.iter().all(|c| c.status != CheckStatus::Fail)
    }
}
