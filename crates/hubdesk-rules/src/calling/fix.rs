//! What a Calling fix sends for one user (C1, C4, C7), as data: the rules
//! suggest one per reason, the admin may choose another, the core journals
//! and sends it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One user's change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CallingFix {
    /// C4: the directory work number becomes `number` (E.164). The whole
    /// person is read, changed and written back: `PUT /v1/people` replaces.
    SetWorkNumber { number: String },
    /// C1: the Calling license given with a location and a number and/or an
    /// extension of that location (`PATCH /v1/licenses/users`).
    AssignCalling { license_id: String, location_id: String, phone_number: Option<String>, extension: Option<String> },
    /// C7: a provisioned user keeps the Calling number they were given;
    /// to take the directory's number, Calling is removed and given again
    /// with it, in that order. Removing Calling loses the voicemail, the
    /// number and the call settings (C8: typed confirmation).
    Reprovision { license_id: String, location_id: String, phone_number: String },
}

impl CallingFix {
    /// C8: whether sending it removes Calling from the user, even briefly.
    pub fn removes_calling(&self) -> bool {
        matches!(self, CallingFix::Reprovision { .. })
    }
}

/// Who or what holds a number of the inventory (Webex's `owner.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NumberHolder {
    User,
    Workspace,
    /// An auto attendant, hunt group, call queue or other service.
    Service,
    /// A type this version does not know.
    Other,
}

impl NumberHolder {
    /// From Webex's `owner.type` (webex-api.md §5.4).
    pub fn of_owner_type(kind: &str) -> NumberHolder {
        match kind.trim().to_ascii_uppercase().as_str() {
            "PEOPLE" => NumberHolder::User,
            "PLACE" => NumberHolder::Workspace,
            "VIRTUAL_LINE"
            | "AUTO_ATTENDANT"
            | "CALL_QUEUE"
            | "PAGING_GROUP"
            | "HUNT_GROUP"
            | "VOICE_MESSAGING"
            | "VOICEMAIL_GROUP"
            | "OFFICE_ANYWHERE"
            | "BROADWORKS_ANYWHERE"
            | "CONTACT_CENTER_LINK"
            | "CONTACT_CENTER_ADAPTER"
            | "ROUTE_LIST"
            | "COLLABORATE_BRIDGE"
            | "AI_RECEPTIONIST" => NumberHolder::Service,
            _ => NumberHolder::Other,
        }
    }
}

/// C2 (a): E.164 as Webex Calling takes it; a fix's number must be.
pub fn is_e164(text: &str) -> bool {
    crate::templates::calling::is_e164(text)
}
