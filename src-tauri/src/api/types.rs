//! Data the commands take and return. camelCase on the wire, like Webex.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TenantKind {
    /// The built-in simulator, started in-process.
    Demo,
    /// The real Webex API.
    Webex,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum KeyringStatus {
    Available,
    /// No Secret Service (or it is locked); `detail` is the OS's error text.
    Unavailable { detail: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedInUser {
    pub person_id: String,
    pub display_name: String,
    pub email: String,
    pub org_id: String,
    pub org_name: String,
}

/// What the app knows when it starts: who is signed in, and whether the
/// keyring works. Never contains a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub tenant: Option<TenantKind>,
    pub user: Option<SignedInUser>,
    pub keyring: KeyringStatus,
    /// The API base URL in use, e.g. `https://webexapis.com/v1`.
    pub api_base: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    System,
    Light,
    Dark,
}

/// Settings as shown in the Settings screen. The client secret is never sent
/// back to the UI: only whether one is stored (in the keyring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub client_id: String,
    pub has_client_secret: bool,
    pub redirect_uri: String,
    pub theme: Theme,
    /// A BCP 47 tag such as `en`; the UI falls back to English.
    pub language: String,
    /// The OAuth scopes the sign-in requests: the integration must allow them.
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    pub client_id: String,
    /// `None` keeps the stored secret; `Some("")` deletes it.
    pub client_secret: Option<String>,
    pub redirect_uri: String,
    pub theme: Theme,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgSummary {
    pub id: String,
    pub display_name: String,
    /// The signed-in admin's own organization (a partner's home org).
    pub is_home: bool,
    pub people_count: u32,
    /// Epoch milliseconds of the last successful sync of this org's people.
    pub last_synced_ms: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncResource {
    Organizations,
    People,
    Licenses,
    Groups,
    Locations,
    Numbers,
    SessionTypes,
    /// Webex for BroadWorks subscribers, partner-wide (kept under the home org).
    Subscribers,
}

impl SyncResource {
    pub const ALL: [SyncResource; 8] = [
        Self::Organizations,
        Self::People,
        Self::Licenses,
        Self::Groups,
        Self::Locations,
        Self::Numbers,
        Self::SessionTypes,
        Self::Subscribers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SyncResource::Organizations => "organizations",
            SyncResource::People => "people",
            SyncResource::Licenses => "licenses",
            SyncResource::Groups => "groups",
            SyncResource::Locations => "locations",
            SyncResource::Numbers => "numbers",
            SyncResource::SessionTypes => "session_types",
            SyncResource::Subscribers => "subscribers",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusRow {
    pub org_id: String,
    pub resource: SyncResource,
    pub last_attempt_ms: Option<i64>,
    pub last_success_ms: Option<i64>,
    pub last_error: Option<String>,
    pub item_count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Running,
    Done,
    Failed,
    Cancelled,
}

/// Emitted as the `sync-progress` event while a sync runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub org_id: String,
    pub resource: SyncResource,
    pub phase: SyncPhase,
    pub pages: u32,
    pub items: u32,
    /// Set when `phase` is `failed`.
    pub error: Option<super::ApiError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleQuery {
    pub org_id: String,
    /// Matches name, email, phone number or extension; empty for everyone.
    pub text: String,
    pub offset: u32,
    pub limit: u32,
}

/// One row of the users table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub status: String,
    /// License display names, sorted.
    pub licenses: Vec<String>,
    pub phone_number: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeoplePage {
    /// How many people match the query in all.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<PersonRow>,
}

/// A person found by the search across every cached org.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub org_id: String,
    pub org_name: String,
    pub person: PersonRow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// How many people match in all orgs (more than `hits` may hold).
    pub total: u32,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub kind: String,
    pub value: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonLicense {
    pub id: String,
    pub name: String,
    pub site_url: Option<String>,
    pub subscription_id: Option<String>,
}

/// Everything the detail pane shows about one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonDetail {
    pub id: String,
    pub org_id: String,
    pub display_name: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub emails: Vec<String>,
    pub status: String,
    pub phone_numbers: Vec<PhoneNumber>,
    pub extension: Option<String>,
    pub location_id: Option<String>,
    pub department: Option<String>,
    pub title: Option<String>,
    pub created: Option<String>,
    pub last_activity: Option<String>,
    pub invite_pending: Option<bool>,
    pub login_enabled: Option<bool>,
    pub licenses: Vec<PersonLicense>,
    pub site_urls: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    PersonAdded,
    PersonRemoved,
    LicenseGained,
    LicenseLost,
    NumberChanged,
    ExtensionChanged,
    /// A BroadWorks subscriber's status moved (detail: "old → new").
    SubscriberStatus,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::PersonAdded => "person_added",
            ChangeKind::PersonRemoved => "person_removed",
            ChangeKind::LicenseGained => "license_gained",
            ChangeKind::LicenseLost => "license_lost",
            ChangeKind::NumberChanged => "number_changed",
            ChangeKind::ExtensionChanged => "extension_changed",
            ChangeKind::SubscriberStatus => "subscriber_status",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        use ChangeKind::*;
        [PersonAdded, PersonRemoved, LicenseGained, LicenseLost, NumberChanged, ExtensionChanged, SubscriberStatus]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One difference a sync found against the previous sync of the same org.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRow {
    /// When the sync that saw it finished (epoch ms).
    pub at_ms: i64,
    pub kind: ChangeKind,
    pub person_id: String,
    pub display_name: String,
    /// The license's name, or "old → new" for numbers and extensions.
    pub detail: Option<String>,
}
