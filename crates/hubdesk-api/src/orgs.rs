//! Orgs: the organizations a token manages, and syncing them into the cache.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    pub error: Option<crate::ApiError>,
}
