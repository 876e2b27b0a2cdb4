//! Webex for BroadWorks subscribers (rules B1–B5).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hubdesk_rules::broadworks::actions::{ActionKind, Package, SubscriberErrorText};

// ---------------------------------------------------------------------------
// Write side: actions on subscribers (B4) through the apply journal, and
// their live status afterwards.
// ---------------------------------------------------------------------------

/// One action asked for one subscriber.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberAsk {
    pub subscriber_id: String,
    pub action: SubscriberAction,
}

/// What to do (B4). Copying the error text sends nothing, so it is not here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum SubscriberAction {
    /// Onboard again with this email: the subscriber is deleted and
    /// provisioned again with its fields and the email.
    Retry { email: String },
    /// Remove the subscriber; the Webex user stays and it can onboard again.
    Delete,
    /// Change the package (softphone, basic, standard, premium).
    Package { to: String },
}

/// What the actions would do, each subscriber read live; sends nothing
/// but the retries' prechecks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberActionsPreview {
    /// Who, what, from which status: what the journal would send.
    pub rows: Vec<SubscriberActionRow>,
    /// What will not be sent, and why.
    pub refused: Vec<SubscriberRefusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberActionRow {
    pub subscriber_id: String,
    /// The BroadWorks user id.
    pub user_id: String,
    pub display_name: String,
    pub email: Option<String>,
    /// The status it is in now (read live).
    pub status: String,
    pub package: Option<String>,
    pub action: SubscriberAction,
    /// The change in a few words (for the preview and the confirmation).
    pub what: String,
}

/// An ask that will not be sent: the sentence says why; a refused
/// precheck carries Webex's codes and texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberRefusal {
    pub subscriber_id: String,
    pub display_name: Option<String>,
    pub status: Option<String>,
    pub action: SubscriberAction,
    pub reason: String,
    pub errors: Vec<SubscriberErrorText>,
    pub tracking_id: Option<String>,
}

/// Actions journaled: the run (null when nothing was sendable) and what was
/// refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberActionsApplied {
    pub run: Option<crate::RunSummary>,
    pub refused: Vec<SubscriberRefusal>,
}

/// One request of a BroadWorks run, as its journal entry keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberStep {
    pub subscriber_id: String,
    pub user_id: String,
    pub display_name: String,
    pub request: SubscriberRequest,
    /// The subscriber Webex answered with (a provision's new id, status);
    /// set once answered.
    #[serde(default)]
    pub answer: Option<SubscriberLive>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum SubscriberRequest {
    /// `DELETE /broadworks/subscribers/{id}`; `for_retry`: a provision follows.
    Delete { for_retry: bool },
    /// `POST /broadworks/subscribers` with these fields (a retry's second step).
    Provision { fields: ProvisionFields },
    /// `PUT /broadworks/subscribers/{id}` with `{package}`.
    Package { from: Option<String>, to: String },
}

/// The provision body (webex-api.md §7.1), from the subscriber as read
/// before the retry plus the new email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionFields {
    pub provisioning_id: String,
    pub user_id: String,
    pub sp_enterprise_id: String,
    pub first_name: String,
    pub last_name: String,
    pub package: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub primary_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mobile_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub extension: Option<String>,
}

/// A subscriber's status as last read; sent as `subscriber-status` events
/// while it is followed after an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberLive {
    pub subscriber_id: String,
    pub user_id: Option<String>,
    /// Webex's status; `deleted` once the subscriber is gone.
    pub status: String,
    pub package: Option<String>,
    pub errors: Vec<SubscriberErrorText>,
    /// No longer moving on its own (not `provisioning` or `updating`).
    pub settled: bool,
    /// Still moving when the time limit passed: the status is the last read.
    pub timed_out: bool,
}
