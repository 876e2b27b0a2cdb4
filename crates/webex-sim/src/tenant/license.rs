//! Licenses of an org: what `GET /v1/licenses` lists. Names are the ones
//! Webex uses (webex-api.md §4.4); a license id decodes to
//! `<orgUuid>:<CODE>_<uuid>` like the real ones.

use uuid::Uuid;

use super::OrgIdx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LicenseKind {
    Messaging,
    ScreenShare,
    /// Paid messaging: needs free Messaging (error 700003).
    AdvancedMessaging,
    /// Not user-manageable (error 400118).
    Messenger,
    /// Free meetings: a paid Meeting license needs it (error 700004).
    BasicMeetings,
    Meeting,
    CallingProfessional,
    CallingBasic,
    CallingWorkspaces,
    CxEssentials,
    ContactCenterPremiumAgent,
    ContactCenterStandardAgent,
    AttendantConsole,
}

impl LicenseKind {
    pub fn name(self) -> &'static str {
        match self {
            LicenseKind::Messaging => "Messaging",
            LicenseKind::ScreenShare => "Screen Share",
            LicenseKind::AdvancedMessaging => "Advanced Messaging",
            LicenseKind::Messenger => "Messenger",
            LicenseKind::BasicMeetings => "Basic Meetings",
            LicenseKind::Meeting => "Meeting - Webex Meeting Center",
            LicenseKind::CallingProfessional => "Webex Calling - Professional",
            LicenseKind::CallingBasic => "Webex Calling - Basic",
            LicenseKind::CallingWorkspaces => "Webex Calling - Workspaces",
            LicenseKind::CxEssentials => "Customer Experience - Essential",
            LicenseKind::ContactCenterPremiumAgent => "Contact Center Premium Agent",
            LicenseKind::ContactCenterStandardAgent => "Contact Center Standard Agent",
            LicenseKind::AttendantConsole => "Webex Attendant Console",
        }
    }

    /// The type code inside the decoded id.
    pub fn code(self) -> &'static str {
        match self {
            LicenseKind::Messaging => "MS",
            LicenseKind::ScreenShare => "SD",
            LicenseKind::AdvancedMessaging => "MSA",
            LicenseKind::Messenger => "MSGR",
            LicenseKind::BasicMeetings => "BMT",
            LicenseKind::Meeting => "MC",
            LicenseKind::CallingProfessional => "BCPRO",
            LicenseKind::CallingBasic => "BCSTD",
            LicenseKind::CallingWorkspaces => "BCWS",
            LicenseKind::CxEssentials => "CXESS",
            LicenseKind::ContactCenterPremiumAgent => "CJPPRM",
            LicenseKind::ContactCenterStandardAgent => "CJPSTD",
            LicenseKind::AttendantConsole => "AC",
        }
    }

    /// Licenses that give a Webex Calling line (rule C1: location plus number or extension).
    pub fn is_calling(self) -> bool {
        matches!(self, LicenseKind::CallingProfessional | LicenseKind::CallingBasic | LicenseKind::CxEssentials)
    }

    /// Whether `consumedByWorkspaces` applies (Calling licenses can go to workspaces).
    pub fn counts_workspaces(self) -> bool {
        matches!(self, LicenseKind::CallingProfessional | LicenseKind::CallingBasic | LicenseKind::CallingWorkspaces)
    }
}

/// `siteType` of meeting licenses.
pub const CONTROL_HUB_MANAGED_SITE: &str = "Control Hub managed site";

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct License {
    pub uuid: Uuid,
    /// The Webex id, kept because it embeds the org uuid.
    pub id: String,
    pub org: OrgIdx,
    pub kind: LicenseKind,
    pub subscription_id: Option<String>,
    /// When the subscription started: rule T12 draws units from the oldest first.
    pub subscription_start_ms: Option<i64>,
    /// Slot of the meeting site in `Org::sites`, for meeting licenses.
    pub site: Option<usize>,
    pub total_units: u32,
    pub consumed_by_users: u32,
    pub consumed_by_workspaces: u32,
}

impl License {
    pub fn new(org: OrgIdx, org_uuid: &Uuid, kind: LicenseKind, uuid: Uuid) -> License {
        let id = crate::ids::encode(crate::ids::IdType::License, &format!("{org_uuid}:{}_{uuid}", kind.code()));
        License {
            uuid,
            id,
            org,
            kind,
            subscription_id: None,
            subscription_start_ms: None,
            site: None,
            total_units: 0,
            consumed_by_users: 0,
            consumed_by_workspaces: 0,
        }
    }

    pub fn consumed_units(&self) -> u32 {
        self.consumed_by_users + self.consumed_by_workspaces
    }

    pub fn free_units(&self) -> u32 {
        self.total_units.saturating_sub(self.consumed_units())
    }

    /// Licenses of the same pool are the same service from different
    /// subscriptions: a person holds at most one of them (rule T8).
    pub fn same_pool(&self, other: &License) -> bool {
        self.org == other.org && self.kind == other.kind && self.site == other.site
    }
}
