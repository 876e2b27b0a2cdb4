//! Users: searching the cache and one person's detail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
