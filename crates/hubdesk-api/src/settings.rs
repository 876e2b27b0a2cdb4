//! Settings: the Webex integration hubdesk signs in with, and appearance.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// The Webex integration hubdesk signs in with, as typed in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationInput {
    pub client_id: String,
    /// `None` keeps the stored secret; `Some("")` deletes it.
    pub client_secret: Option<String>,
    pub redirect_uri: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum IntegrationField {
    ClientId,
    ClientSecret,
    RedirectUri,
}

/// What is wrong with one field, said next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: IntegrationField,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppearanceInput {
    pub theme: Theme,
    /// A language of the message catalogue, e.g. `en`.
    pub language: String,
}

/// About this copy of hubdesk: what a helpdesk asks for first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Where the cache, hubdesk's records and the logs are kept.
    pub data_dir: String,
    pub log_dir: String,
}
