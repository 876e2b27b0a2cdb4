//! A person of the demo tenant, kept compact: a million of them must fit in
//! well under a gigabyte, so seeded names point at static pools (`Cow`),
//! licenses and attendee sites are bit sets over the org's slots, and times
//! are plain Unix milliseconds.

use std::borrow::Cow;
use std::sync::Arc;

use uuid::Uuid;

use super::{LocationIdx, OrgIdx, SlotSet};

/// Admin roles the simulator seeds and signs tokens for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AdminRole {
    /// Full admin of the partner org; manages every customer org.
    PartnerFull,
    /// Full admin of one customer org.
    CustomerFull,
    /// Read-only admin of one customer org.
    ReadOnly,
}

impl AdminRole {
    pub const ALL: [AdminRole; 3] = [AdminRole::PartnerFull, AdminRole::CustomerFull, AdminRole::ReadOnly];

    /// The name used by `/_sim/tokens` and the sign-in page.
    pub fn as_str(self) -> &'static str {
        match self {
            AdminRole::PartnerFull => "partner_full_admin",
            AdminRole::CustomerFull => "customer_full_admin",
            AdminRole::ReadOnly => "read_only_admin",
        }
    }

    pub fn parse(text: &str) -> Option<AdminRole> {
        AdminRole::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The Webex role name inside the person's `roles` ids (`ROLE/id_full_admin`).
    pub fn webex_role(self) -> &'static str {
        match self {
            AdminRole::PartnerFull | AdminRole::CustomerFull => "id_full_admin",
            AdminRole::ReadOnly => "id_readonly_admin",
        }
    }

    /// Human label for the sign-in page.
    pub fn label(self) -> &'static str {
        match self {
            AdminRole::PartnerFull => "Partner full admin",
            AdminRole::CustomerFull => "Full admin",
            AdminRole::ReadOnly => "Read-only admin",
        }
    }
}

/// Presence `status` values of the People API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Presence {
    Active,
    Call,
    DoNotDisturb,
    Inactive,
    Meeting,
    OutOfOffice,
    Pending,
    Presenting,
    Unknown,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Active => "active",
            Presence::Call => "call",
            Presence::DoNotDisturb => "DoNotDisturb",
            Presence::Inactive => "inactive",
            Presence::Meeting => "meeting",
            Presence::OutOfOffice => "OutOfOffice",
            Presence::Pending => "pending",
            Presence::Presenting => "presenting",
            Presence::Unknown => "unknown",
        }
    }
}

/// Webex Calling provisioning of a person; its location is the person's
/// `location`, and its number (if any) is the one the location's inventory
/// says this person owns, also shown as the person's work number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CallingLine {
    /// Extension without the location's routing prefix.
    pub extension: Option<u64>,
    /// The E.164 number owned in the location's inventory.
    pub number: Option<u64>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub uuid: Uuid,
    pub org: OrgIdx,
    /// Office location: the Calling location of Calling users, and where
    /// everybody's work number comes from.
    pub location: LocationIdx,
    pub first_name: Cow<'static, str>,
    pub last_name: Cow<'static, str>,
    pub display_name: Box<str>,
    /// Lower case; unique in the tenant.
    pub email: Arc<str>,
    pub department: Option<Cow<'static, str>>,
    pub title: Option<Cow<'static, str>>,
    /// The directory's work number, as typed: E.164 for most, missing or
    /// malformed for some (Calling rules C2–C5). For Calling users with a
    /// number it is their Calling number.
    pub work_number: Option<Box<str>>,
    pub calling: Option<CallingLine>,
    /// Slots of `Org::licenses` this person holds.
    pub licenses: SlotSet,
    /// Slots of `Org::sites` where this person has the attendee role.
    pub attendee_sites: SlotSet,
    /// Slot of the preferred meeting site (`meetingPreferences/sites`), if chosen.
    pub default_site: Option<u8>,
    pub admin: Option<AdminRole>,
    pub status: Presence,
    pub invite_pending: bool,
    pub login_enabled: bool,
    pub created_ms: i64,
    pub modified_ms: i64,
    pub last_activity_ms: Option<i64>,
}
