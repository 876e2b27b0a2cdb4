//! Session: who is signed in, to which tenant, and whether the keyring works.

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
    Unavailable {
        detail: String,
    },
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
