//! Changes: what each sync found different from the previous one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// Whether `person_id` is a person in the cache now, whose details can
    /// be opened (not someone removed, nor a subscriber that is no Webex
    /// user yet).
    pub cached: bool,
}
