//! The data of license templates (rules T1–T18): what an admin saves, the
//! org facts a plan is computed from, and the plan itself.
//!
//! Webex has no public template API (webex-api.md §4.5): hubdesk keeps the
//! templates and enforces them with `PATCH /v1/licenses/users`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// T1: an org assigns licenses org-wide or per group, never both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentMode {
    Org,
    Group,
}

/// A saved template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub id: String,
    pub name: String,
    /// `None`: the org template (mode `Org`). `Some`: the template of this
    /// group (mode `Group`; a security group, T17).
    pub group_id: Option<String>,
    /// Non-Meetings licenses (Calling, Messaging, Contact Center, Basic
    /// ones...), by license id. Any license of a pool names the pool: the
    /// unit comes from the oldest subscription that has one (T12).
    pub licenses: Vec<String>,
    /// Meetings, one entry per site at most (T10).
    pub meetings: Vec<MeetingEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingEntry {
    pub site_url: String,
    pub account: MeetingAccount,
}

/// T14: a host consumes a unit of the site's Meetings license; an attendee
/// consumes none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "type")]
pub enum MeetingAccount {
    Host { license_id: String },
    Attendee,
}

/// A license of the org as cached (one subscription's share of a service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseFact {
    pub id: String,
    pub name: String,
    pub subscription_id: Option<String>,
    pub site_url: Option<String>,
    pub total_units: i64,
    pub consumed_units: i64,
}

/// T17: only security groups may carry a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupUsage {
    Security,
    Distribution,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFact {
    pub id: String,
    pub name: String,
    pub usage: GroupUsage,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonFact {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// T16: an inactive user's licenses take effect at first sign-in.
    pub active: bool,
    /// License ids held now.
    pub licenses: Vec<String>,
    /// Sites where the user has the attendee role (`site#attendee`).
    pub attendee_sites: Vec<String>,
    /// Sites the user administers (T14: never an attendee there).
    pub admin_sites: Vec<String>,
    /// Direct groups only (T3: nested groups do not inherit).
    pub groups: Vec<String>,
    /// The directory work number, as typed (C2 checks it).
    pub work_number: Option<String>,
    /// Already has a Calling line (number or extension at a location).
    pub has_calling_line: bool,
    /// T13: created by API or CSV with an explicit license.
    pub created_with_licenses: bool,
}

/// One number of the Calling inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFact {
    pub phone_number: String,
    pub location_id: String,
    /// Who holds it, if anyone (a user, a workspace, a service).
    pub owner: Option<String>,
    /// What kind of holder that is (Webex's `owner.type`).
    pub holder_kind: Option<crate::calling::NumberHolder>,
    /// The holder's Webex id: a Calling user's own number is the one they hold (C7).
    pub holder_id: Option<String>,
}

/// Everything a plan is computed from: one org's cached state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrgFacts {
    pub licenses: Vec<LicenseFact>,
    /// Subscription ids, oldest first (T12). Subscriptions not listed come
    /// after, in id order.
    pub subscription_order: Vec<String>,
    pub groups: Vec<GroupFact>,
    pub people: Vec<PersonFact>,
    pub numbers: Vec<NumberFact>,
    /// Locations enabled for Calling (C2).
    pub calling_locations: Vec<String>,
    /// Meetings sites with the attendee-account feature (T14).
    pub attendee_sites: Vec<String>,
}

/// A license hubdesk gave a user through a template: what T6 ("users
/// originally licensed by the template") and T7 look back at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub person_id: String,
    pub license_id: String,
    pub template_id: String,
}

/// A user whose direct groups changed since hubdesk last enforced them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMove {
    pub person_id: String,
    /// The direct groups before the move.
    pub from: Vec<String>,
}

/// What the admin is doing; decides who is in scope and what may be removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Saving a new or edited template (`templates` holds it already).
    /// T4: `existing_users` applies it now to the org's or group's users;
    /// T5: `preserve` off then removes what their templates lack. T6: when
    /// `previous` had services the template no longer has and `preserve` is
    /// off, users granted them by this template lose them.
    Save { template_id: String, previous: Option<Template>, existing_users: bool, preserve: bool },
    /// T6: deleting never removes by itself; with `preserve` off, users
    /// granted licenses by this template lose them.
    Delete { template: Template, preserve: bool },
    /// T2, T3, T13: people a sync found for the first time.
    NewUsers { person_ids: Vec<String> },
    /// T7: people whose direct groups changed; the org-level
    /// `group_transition_preserve` decides what they keep.
    GroupMoves { moves: Vec<GroupMove> },
}

/// The whole input of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    pub mode: AssignmentMode,
    /// The org's templates as they will be once the action is done.
    pub templates: Vec<Template>,
    pub action: Action,
    /// T7: the org-level "preserve licenses" setting for group transitions.
    pub group_transition_preserve: bool,
    pub grants: Vec<Grant>,
}

/// Why a license cannot be given to people: the editor does not offer it,
/// and says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotForUsers {
    /// Webex Calling - Workspaces: for shared devices and rooms, not people.
    Workspaces,
    /// Messenger: Webex manages it; an admin cannot assign or remove it.
    Messenger,
}

/// Why a template cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "reason")]
pub enum TemplateError {
    /// T1: a group template in org mode, or an org template in group mode.
    WrongMode,
    /// T1: an org has one org template; a group has one template.
    Duplicate,
    /// T17: distribution groups may not carry a template.
    DistributionGroup,
    UnknownGroup,
    /// A license the org no longer has (its subscription ended, say).
    UnknownLicense {
        license_id: String,
    },
    /// A license Webex does not let an admin give to a person.
    NotForUsers {
        license_id: String,
        why: NotForUsers,
    },
    /// The same license twice.
    LicenseTwice {
        license_id: String,
    },
    /// T10: one entry per site.
    SiteTwice {
        site_url: String,
    },
    /// A host entry whose license is not a Meetings license of that site.
    NotASiteLicense {
        site_url: String,
        license_id: String,
    },
    /// T14: the site has no attendee-account feature.
    NoAttendeeFeature {
        site_url: String,
    },
    Empty,
}

/// The role a user has on a Meetings site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteRole {
    None,
    Attendee,
    Host,
}

/// The line a Calling license is sent with (C1, C2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingLine {
    pub location_id: String,
    pub phone_number: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LicenseAdd {
    /// The license whose unit is taken (T12: the oldest subscription's).
    pub license_id: String,
    pub name: String,
    pub subscription_id: Option<String>,
    pub site_url: Option<String>,
    /// Set for Calling licenses of users without a line.
    pub calling: Option<CallingLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LicenseRemove {
    pub license_id: String,
    pub name: String,
    /// C8: removing Calling deletes voicemail, number and call settings.
    pub calling: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SiteRoleChange {
    pub site_url: String,
    pub from: SiteRole,
    pub to: SiteRole,
}

/// Why a user does not get all a template gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum UserIssue {
    /// C2/C3: no Calling; listed for the admin, never guessed.
    NeedsNumber { reason: NumberProblem },
    /// No unit left in any subscription of the pool (T12).
    NoUnitsLeft { license_name: String },
    /// T9: no host unit left, so attendee instead.
    AttendeeInsteadOfHost { site_url: String },
    /// T14: no host unit left and a site admin cannot be an attendee.
    SiteAdminWithoutHost { site_url: String },
    /// T13: created with explicit licenses; the org template leaves them.
    CreatedWithLicenses,
}

/// C2, C5: why a user's work number cannot carry a Calling line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "problem")]
pub enum NumberProblem {
    NoWorkNumber,
    NotE164 { number: String },
    NotInInventory { number: String },
    LocationNotCalling { number: String, location_id: String },
    TakenBy { number: String, owner: String },
}

/// What one user gains and loses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserChange {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub add: Vec<LicenseAdd>,
    pub remove: Vec<LicenseRemove>,
    pub roles: Vec<SiteRoleChange>,
    pub issues: Vec<UserIssue>,
    /// T16: inactive; takes effect at first sign-in.
    pub pending_first_sign_in: bool,
}

/// One license (one subscription's share of a service), before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LicenseUse {
    pub license_id: String,
    pub name: String,
    pub subscription_id: Option<String>,
    pub site_url: Option<String>,
    pub total_units: i64,
    pub consumed_before: i64,
    pub consumed_after: i64,
    /// Units wanted that no subscription of the pool had (T12).
    pub short_by: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanTotals {
    pub users_in_scope: u32,
    pub users_changed: u32,
    pub licenses_added: u32,
    pub licenses_removed: u32,
    pub roles_changed: u32,
    /// C8: users who would lose Calling.
    pub calling_removals: u32,
    pub needs_number: u32,
    pub pending_first_sign_in: u32,
    pub no_units_left: u32,
}

/// The exact preview: nothing is sent before the admin has seen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Users with a change or an issue, by display name.
    pub users: Vec<UserChange>,
    /// Every license the plan touches, by name then subscription age.
    pub licenses: Vec<LicenseUse>,
    pub totals: PlanTotals,
}

/// The editor's sections. Free licenses (Messaging, Screen Share, Basic
/// Meetings) are `Basic`: ordinary, optional entries (T15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LicenseCategory {
    Calling,
    Meetings,
    Messaging,
    ContactCenter,
    Basic,
    Other,
}
