//! Users: searching the cache and one person's detail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hubdesk_rules::phone::ReadableNumber;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleQuery {
    pub org_id: String,
    /// Matches name, email, phone number or extension; empty for everyone.
    pub text: String,
    /// By name when left out.
    #[serde(default)]
    pub sort: PeopleSort,
    /// Everyone when left out.
    #[serde(default)]
    pub filter: PeopleFilter,
    pub offset: u32,
    pub limit: u32,
}

/// What the users table is sorted by. People who tie (the same status,
/// location, email or number) stay in name order, whichever the direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleSort {
    pub key: SortKey,
    pub descending: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    Name,
    Email,
    /// The account status, in the order of [`AccountStatus`].
    Status,
    /// The work number, read as international digits (a `00` prefix is a `+`);
    /// people without one last.
    Number,
    /// The location's name; people without a location (or at one the cache
    /// does not know) after those with one.
    Location,
}

/// Narrows the users table; every filter set must hold, together with the
/// search text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleFilter {
    #[serde(default)]
    pub status: Option<AccountStatus>,
    /// A license id: the people holding it.
    #[serde(default)]
    pub license: Option<String>,
    /// A location id: the people there.
    #[serde(default)]
    pub location: Option<String>,
    /// Only people with Webex Calling: those Webex lists with a Calling
    /// location or extension (what the templates count as a Calling line).
    #[serde(default)]
    pub calling: bool,
}

impl PeopleFilter {
    pub fn is_empty(&self) -> bool {
        *self == PeopleFilter::default()
    }
}

/// A person's account as Control Hub shows it, from Webex's `invitePending`
/// and `loginEnabled` (not the presence `status`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AccountStatus {
    #[default]
    Active,
    /// Invited and never signed in.
    InvitePending,
    /// Sign-in disabled.
    Deactivated,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 3] =
        [AccountStatus::Active, AccountStatus::InvitePending, AccountStatus::Deactivated];

    /// An invitation still pending wins over a disabled sign-in, as in
    /// Control Hub's user CSV.
    pub fn of(invite_pending: Option<bool>, login_enabled: Option<bool>) -> AccountStatus {
        match (invite_pending, login_enabled) {
            (Some(true), _) => AccountStatus::InvitePending,
            (_, Some(false)) => AccountStatus::Deactivated,
            _ => AccountStatus::Active,
        }
    }

    /// Its place in [`AccountStatus::ALL`], as stored.
    pub fn index(self) -> i64 {
        self as i64
    }

    pub fn from_index(index: i64) -> AccountStatus {
        Self::ALL.get(index as usize).copied().unwrap_or_default()
    }
}

/// One row of the users table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub id: String,
    pub display_name: String,
    pub email: String,
    /// Webex's presence status (`active`, `meeting`, …).
    pub status: String,
    pub account: AccountStatus,
    /// License display names, sorted.
    pub licenses: Vec<String>,
    /// The work number as Webex has it.
    pub phone_number: Option<String>,
    /// The same number for reading.
    pub phone: Option<ReadableNumber>,
    pub extension: Option<String>,
    /// The cached location's name; `None` without a location or when the
    /// cache does not know it.
    pub location_name: Option<String>,
}

/// What the filters of the users table offer for an org.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleFilterOptions {
    /// The org's licenses, by name.
    pub licenses: Vec<FilterOption>,
    /// The org's locations, by name.
    pub locations: Vec<FilterOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilterOption {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeoplePage {
    /// How many people match the query in all.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<PersonRow>,
}

/// Everyone the users table shows for a search and filters, for an action
/// on all of them (in name order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleSelection {
    pub person_ids: Vec<String>,
    /// How many match in all; more than `person_ids` holds when past the
    /// limit an action takes at once.
    pub total: u32,
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
    /// `value` as the users table shows it (international format when valid).
    pub readable: ReadableNumber,
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
    /// The location's name from the cached locations, when the cache knows it.
    pub location_name: Option<String>,
    pub department: Option<String>,
    pub title: Option<String>,
    pub created: Option<String>,
    pub last_activity: Option<String>,
    pub invite_pending: Option<bool>,
    pub login_enabled: Option<bool>,
    pub licenses: Vec<PersonLicense>,
    pub site_urls: Vec<String>,
}
