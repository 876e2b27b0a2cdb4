//! Templates: the license-templates screen's data, the editor's
//! input, previews, runs and the audit log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use hubdesk_rules::meetings::UserTypesChange;
pub use hubdesk_rules::templates::{
    AssignmentMode, CallingLine, LicenseAdd, LicenseCategory, LicenseRemove, LicenseUse, MeetingAccount, MeetingEntry,
    NotForUsers, NumberProblem, Plan, PlanTotals, SiteRole, SiteRoleChange, Template, TemplateError, UserChange,
    UserIssue,
};

/// One org's templates screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplatesView {
    pub org_id: String,
    pub mode: AssignmentMode,
    /// T7: keep licenses when a user moves between groups.
    pub group_transition_preserve: bool,
    pub templates: Vec<TemplateSummary>,
    /// The org's groups, for the group picker (distribution groups are
    /// listed but not eligible, T17).
    pub groups: Vec<GroupOption>,
    pub licenses: Vec<LicenseOption>,
    /// Meetings sites, from the licenses.
    pub sites: Vec<SiteOption>,
    /// Templates are enforced by hubdesk when it syncs: the last sync.
    pub last_synced_ms: Option<i64>,
    /// A run that was cancelled or interrupted and can be resumed.
    pub unfinished_run: Option<RunSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSummary {
    pub template: Template,
    pub group_name: Option<String>,
    /// Direct members (T3) of the group, or every user for the org template.
    pub member_count: u32,
    pub updated_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupOption {
    pub id: String,
    pub name: String,
    /// T17: false for distribution groups.
    pub eligible: bool,
    pub member_count: u32,
    pub has_template: bool,
}

/// A license as the editor offers it: one per service pool (T12), with the
/// units left across its subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LicenseOption {
    /// The pool's oldest license: the id a template stores.
    pub id: String,
    pub name: String,
    pub category: LicenseCategory,
    pub site_url: Option<String>,
    pub total_units: i64,
    pub consumed_units: i64,
    pub subscriptions: u32,
    /// Set for licenses Webex does not let an admin give to people: the
    /// editor shows them, unticked and disabled, with the reason.
    pub not_for_users: Option<NotForUsers>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SiteOption {
    pub site_url: String,
    /// The site's host licenses (Meetings category).
    pub host_license_ids: Vec<String>,
    /// T14: the attendee-account feature.
    pub attendee_enabled: bool,
}

/// What the editor sends: a new template (`id` empty) or an edited one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateDraft {
    pub id: Option<String>,
    pub name: String,
    pub group_id: Option<String>,
    pub licenses: Vec<String>,
    pub meetings: Vec<MeetingEntry>,
}

/// T4, T5, T6: the scope chosen on save or delete. Never remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveScope {
    pub existing_users: bool,
    pub preserve: bool,
}

/// A preview, kept by the backend under `previewId` until applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub preview_id: String,
    pub org_id: String,
    pub plan: Plan,
    /// C8: the text the admin must type to confirm Calling removals; `None`
    /// when nothing removes Calling.
    pub calling_confirmation: Option<String>,
}

/// Saving or deleting with the preview the admin saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplyRequest {
    pub preview_id: String,
    /// Must equal the preview's `callingConfirmation` when it has one.
    pub typed_confirmation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    /// Being sent now.
    Running,
    /// Cancelled, or the app stopped: resumable.
    Interrupted,
    Finished,
}

/// What a run carries out, as data (the UI words it in the user's language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum RunAction {
    /// A template saved (new or edited); `existing_users`: applied to them (T4).
    Saved { template_name: String, edited: bool, existing_users: bool },
    /// A template deleted with preserve off (T6).
    Deleted { template_name: String },
    /// Templates for the new and moved people a sync found (T2, T3, T7).
    Enforced,
    /// S5: one user's paid Meetings license on a site removed, then assigned
    /// again; its two entries are sent one after the other, in order.
    MeetingsLicenseReassigned { site_url: String, license_name: String, email: String },
    /// Session types set for many users on one Meetings site (S2): each
    /// entry PUTs one user's whole set.
    MeetingsTypesSet { site_url: String, users: u32 },
    /// Actions on Webex for BroadWorks subscribers (B4): each entry is one
    /// request (a delete, a provision, a package change); a retry is a
    /// delete then a provision, so the run goes in order.
    BroadworksSubscribers { retry: u32, delete: u32, package: u32 },
    /// Calling fixes (C1, C4, C7): work numbers set, Calling assigned,
    /// Calling reprovisioned (removed then given again, in order);
    /// `imported`: the changes came from a CSV the admin edited.
    CallingFixes { work_numbers: u32, assigned: u32, reprovisioned: u32, imported: bool },
    /// C6: saved templates applied again, unchanged, to the users they cover
    /// who have no Calling yet (a template does not run again by itself).
    CallingTemplateReapplied { template_name: String },
}

impl RunAction {
    /// Whether the run's entries must be sent one at a time, in order (each
    /// waits for the one before it), rather than several at once.
    pub fn in_order(&self) -> bool {
        matches!(self, RunAction::MeetingsLicenseReassigned { .. } | RunAction::BroadworksSubscribers { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub run_id: String,
    pub org_id: String,
    /// What started the run; the UI words it.
    pub action: RunAction,
    pub actor: String,
    pub created_ms: i64,
    pub state: RunState,
    pub total: u32,
    pub succeeded: u32,
    pub partial: u32,
    pub failed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    Pending,
    /// Sent, answer not recorded (a crash in between): resume checks it.
    InFlight,
    Done,
    /// 206: some of it was refused.
    Partial,
    Failed,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunEntry {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub change: UserChange,
    pub state: EntryState,
    pub error: Option<String>,
    pub tracking_id: Option<String>,
    pub finished_ms: Option<i64>,
    /// Set for an entry of a Meetings session-types run: the user's set
    /// before and the whole set sent (`change` then only names the user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_types: Option<UserTypesChange>,
    /// Set for an entry of a BroadWorks run: the request and, once
    /// answered, the subscriber Webex answered with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub subscriber: Option<crate::SubscriberStep>,
    /// Set for an entry of a Calling fix run: the request it sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub calling: Option<crate::CallingRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunDetail {
    pub summary: RunSummary,
    pub entries: Vec<RunEntry>,
}

/// Sent as the `run-progress` event while a run is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunProgress {
    pub run_id: String,
    pub done: u32,
    pub total: u32,
    pub failed: u32,
    pub state: RunState,
}

/// A change hubdesk made to its own templates or their settings (the audit
/// log's other rows are changes to users' licenses in Webex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum AuditEvent {
    TemplateSaved {
        template_name: String,
        edited: bool,
    },
    TemplateDeleted {
        template_name: String,
    },
    /// T1: the mode changed; the templates of the mode left were deleted.
    ModeSwitched {
        mode: AssignmentMode,
        deleted_templates: Vec<String>,
    },
    /// T7: whether users moving between groups keep their licenses.
    TransitionPreserveSet {
        preserve: bool,
    },
}

/// Every change hubdesk made, as Webex answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at_ms: i64,
    /// The signed-in admin's email.
    pub actor: String,
    pub org_id: String,
    pub person_id: String,
    pub email: String,
    /// e.g. "+Webex Calling - Professional −Messaging attendee@site".
    pub summary: String,
    pub outcome: EntryState,
    pub tracking_id: Option<String>,
    pub run_id: String,
    /// Set for a change to templates or their settings; then `person_id`
    /// and `email` are empty.
    pub event: Option<AuditEvent>,
}
