//! Webex for BroadWorks subscribers (webex-api.md §7.1; rules B1–B5): a
//! BroadWorks user mapped onto a Webex user of a customer org, with a
//! provisioning status that moves on its own, later, as in Webex:
//! `provisioning` → `provisioned` or `error`, `updating` → `provisioned`.
//! What happens is decided by the data (an already used BroadWorks user id
//! fails with error 10022), never by chance.

use uuid::Uuid;

use super::{OrgIdx, PersonIdx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Package {
    Softphone,
    Basic,
    Standard,
    Premium,
}

impl Package {
    pub const ALL: [Package; 4] = [Package::Softphone, Package::Basic, Package::Standard, Package::Premium];

    pub fn as_str(self) -> &'static str {
        match self {
            Package::Softphone => "softphone",
            Package::Basic => "basic",
            Package::Standard => "standard",
            Package::Premium => "premium",
        }
    }

    pub fn parse(text: &str) -> Option<Package> {
        Package::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    PendingEmailInput,
    PendingEmailValidation,
    PendingUserMigration,
    Provisioning,
    Provisioned,
    Updating,
    Error,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::PendingEmailInput,
        Status::PendingEmailValidation,
        Status::PendingUserMigration,
        Status::Provisioning,
        Status::Provisioned,
        Status::Updating,
        Status::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::PendingEmailInput => "pending_email_input",
            Status::PendingEmailValidation => "pending_email_validation",
            Status::PendingUserMigration => "pending_user_migration",
            Status::Provisioning => "provisioning",
            Status::Provisioned => "provisioned",
            Status::Updating => "updating",
            Status::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Work in progress: the subscriber cannot be changed until it ends.
    pub fn in_progress(self) -> bool {
        matches!(self, Status::Provisioning | Status::Updating)
    }
}

/// A background (asynchronous) error, as `errors[]` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BackgroundError {
    pub code: u32,
    pub description: String,
}

/// The fields a subscriber has on BroadWorks; a PUT changes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub user_id: String,
    pub first_name: String,
    pub last_name: String,
    pub primary_phone_number: Option<String>,
    pub mobile_phone_number: Option<String>,
    pub extension: Option<String>,
    pub timezone: Option<String>,
}

/// What is pending: a provisioning run, or an update waiting to be applied.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Work {
    Provision,
    Update { profile: Profile, package: Package },
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Subscriber {
    /// Creation order, the order lists page in; never reused.
    pub seq: u64,
    pub uuid: Uuid,
    pub org: OrgIdx,
    pub profile: Profile,
    pub email: Option<String>,
    pub package: Package,
    pub status: Status,
    pub errors: Vec<BackgroundError>,
    pub created_ms: i64,
    pub last_status_change_ms: i64,
    pub self_activated: bool,
    /// The Webex user, once provisioned.
    pub person: Option<PersonIdx>,
    /// Pending work and when (simulated ms) it completes.
    pub work: Option<(Work, i64)>,
}

/// Error 10022: the text Webex gives when the BroadWorks user id is taken.
pub const USER_ID_TAKEN: (u32, &str) = (10022, "The BroadWorks UserID is already associated with an existing user.");
