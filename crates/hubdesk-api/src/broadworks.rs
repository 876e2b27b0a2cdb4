//! Webex for BroadWorks (rules B1–B5): the partner's subscribers across
//! every customer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

// ---------------------------------------------------------------------------
// Shared: a subscriber's status and package, as Webex names them.
// ---------------------------------------------------------------------------

/// A subscriber's status (webex-api.md §7.1), in the order the status view
/// shows its counts: the ones that need the admin first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubscriberStatus {
    Error,
    PendingEmailInput,
    PendingEmailValidation,
    PendingUserMigration,
    Provisioning,
    Updating,
    Provisioned,
}

impl SubscriberStatus {
    pub const ALL: [SubscriberStatus; 7] = [
        Self::Error,
        Self::PendingEmailInput,
        Self::PendingEmailValidation,
        Self::PendingUserMigration,
        Self::Provisioning,
        Self::Updating,
        Self::Provisioned,
    ];

    /// The name Webex uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::PendingEmailInput => "pending_email_input",
            Self::PendingEmailValidation => "pending_email_validation",
            Self::PendingUserMigration => "pending_user_migration",
            Self::Provisioning => "provisioning",
            Self::Updating => "updating",
            Self::Provisioned => "provisioned",
        }
    }

    pub fn parse(name: &str) -> Option<SubscriberStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Its place in [`Self::ALL`].
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).expect("every status is in ALL")
    }
}

/// A subscriber's package (the API's field `package`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubscriberPackage {
    Softphone,
    Basic,
    Standard,
    Premium,
}

impl SubscriberPackage {
    pub const ALL: [SubscriberPackage; 4] = [Self::Softphone, Self::Basic, Self::Standard, Self::Premium];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Softphone => "softphone",
            Self::Basic => "basic",
            Self::Standard => "standard",
            Self::Premium => "premium",
        }
    }

    pub fn parse(name: &str) -> Option<SubscriberPackage> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).expect("every package is in ALL")
    }
}

// ---------------------------------------------------------------------------
// The read side: the status view (B3, B5), its refresh, the onboarding
// check (B1, B2).
// ---------------------------------------------------------------------------

/// What the status view shows: every filter set must hold, with the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberQuery {
    /// Prefixes of the user id's, name's and email's words, or the start of
    /// a number (primary, mobile) or extension; empty for everyone.
    #[serde(default)]
    pub text: String,
    /// A customer org id: its subscribers. Every customer when left out.
    #[serde(default)]
    pub customer_org_id: Option<String>,
    #[serde(default)]
    pub package: Option<SubscriberPackage>,
    /// Any of these statuses; every status when empty.
    #[serde(default)]
    pub statuses: Vec<SubscriberStatus>,
    /// B5: only those with a pending requirement or an error (on by default).
    #[serde(default = "yes")]
    pub exclude_provisioned: bool,
    #[serde(default)]
    pub offset: u32,
    /// At most 500 rows a window.
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn yes() -> bool {
    true
}

fn default_limit() -> u32 {
    100
}

impl Default for SubscriberQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            customer_org_id: None,
            package: None,
            statuses: Vec::new(),
            exclude_provisioned: true,
            offset: 0,
            limit: default_limit(),
        }
    }
}

/// One row of the status view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberRow {
    pub id: String,
    /// The BroadWorks user id.
    pub user_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: String,
    pub email: Option<String>,
    pub primary_phone_number: Option<String>,
    pub mobile_phone_number: Option<String>,
    pub extension: Option<String>,
    /// The customer org the subscriber's enterprise belongs to; `None` when
    /// no enterprise matches its `spEnterpriseId` or `provisioningId`.
    pub customer_org_id: Option<String>,
    /// The customer org's name; `None` when unmapped or not cached.
    pub customer_name: Option<String>,
    pub sp_enterprise_id: Option<String>,
    pub provisioning_id: Option<String>,
    /// As Webex names it (one of [`SubscriberPackage`], or a newer one).
    pub package: Option<String>,
    /// As Webex names it (one of [`SubscriberStatus`], or a newer one).
    pub status: String,
    /// ISO 8601, as Webex gives it.
    pub last_status_change: Option<String>,
    pub errors: Vec<SubscriberErrorText>,
    /// The errors as a ticket wants them (B4: code and description, a line each).
    pub error_text: String,
    /// The actions that apply in its status (B4), for the window's buttons.
    pub actions: Vec<ActionKind>,
}

/// How many subscribers are in a status, for the current filters except
/// the status ones (the chips that filter by status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: SubscriberStatus,
    pub count: u32,
}

/// One window of the status view: newest status change first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberPage {
    pub rows: Vec<SubscriberRow>,
    /// Rows matching the whole query (for the table's height).
    pub total: u32,
    pub offset: u32,
    /// Every status, in [`SubscriberStatus::ALL`]'s order, counted over the
    /// text, customer and package filters, but not the status ones nor
    /// "exclude provisioned": what clicking each chip would show.
    pub counts: Vec<StatusCount>,
}

/// A customer the status view can be filtered by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerOption {
    pub org_id: String,
    /// The org's name, or its id when the org is not cached.
    pub name: String,
    pub subscribers: u32,
}

/// The status view's filter choices, and how fresh its data is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadworksOptions {
    /// By name.
    pub customers: Vec<CustomerOption>,
    /// Subscribers whose enterprise maps to no customer.
    pub unmapped: u32,
    pub packages: Vec<SubscriberPackage>,
    /// When the subscribers were last fetched; `None` before the first sync.
    pub refreshed_ms: Option<i64>,
}

/// What a refresh brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadworksRefresh {
    /// Subscribers Webex sent: those whose status changed since the last
    /// refresh, or all of them when there was none recently.
    pub brought: u32,
    /// Whether every subscriber was fetched (no recent refresh to start from).
    pub whole: bool,
    /// Enterprises fetched again (they were stale or a subscriber was
    /// unmapped); `None` when the cached ones were kept.
    pub enterprises: Option<u32>,
    pub refreshed_ms: i64,
}

/// What to verify in Partner Hub for a customer template (B1, B2): no
/// public API reads templates, so the admin ticks each once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OnboardingItem {
    /// B1: the template allows untrusted emails (flow-through provisioning).
    UntrustedEmails,
    /// B2: the template's share link points at the activation portal.
    ShareLink,
}

impl OnboardingItem {
    pub const ALL: [OnboardingItem; 2] = [Self::UntrustedEmails, Self::ShareLink];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UntrustedEmails => "untrustedEmails",
            Self::ShareLink => "shareLink",
        }
    }

    pub fn parse(name: &str) -> Option<OnboardingItem> {
        Self::ALL.into_iter().find(|i| i.as_str() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnboardingTick {
    pub item: OnboardingItem,
    pub checked: bool,
    /// When and by whom it was last ticked or unticked.
    pub at_ms: Option<i64>,
    pub by: Option<String>,
}

/// Many of a template's subscribers wait in `pending_email_input`: the
/// sign that its share link is missing or wrong (B2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingWarning {
    pub pending_email_input: u32,
    pub subscribers: u32,
}

/// The onboarding check of one customer template (by provisioning id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnboardingCheck {
    pub provisioning_id: String,
    pub sp_enterprise_ids: Vec<String>,
    pub customer_org_id: Option<String>,
    pub customer_name: Option<String>,
    /// Every item of [`OnboardingItem::ALL`], in that order.
    pub ticks: Vec<OnboardingTick>,
    pub subscribers: u32,
    pub pending_email_input: u32,
    pub warning: Option<PendingWarning>,
}

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
