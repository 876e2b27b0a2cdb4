//! Licenses of an org: what `GET /v1/licenses` lists. Names are the ones
//! Webex uses (webex-api.md §4.4); a license id decodes to
//! `<orgUuid>:<CODE>_<uuid>` like the real ones.

use uuid::Uuid;

use super::OrgIdx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenseKind {
    Messaging,
    ScreenShare,
    Meeting,
    CallingProfessional,
    CallingBasic,
    CallingWorkspaces,
    CxEssentials,
    ContactCenterPremiumAgent,
    ContactCenterStandardAgent,
}

impl LicenseKind {
    pub fn name(self) -> &'static str {
        match self {
            LicenseKind::Messaging => "Messaging",
            LicenseKind::ScreenShare => "Screen Share",
            LicenseKind::Meeting => "Meeting - Webex Meeting Center",
            LicenseKind::CallingProfessional => "Webex Calling - Professional",
            LicenseKind::CallingBasic => "Webex Calling - Basic",
            LicenseKind::CallingWorkspaces => "Webex Calling - Workspaces",
            LicenseKind::CxEssentials => "Customer Experience - Essential",
            LicenseKind::ContactCenterPremiumAgent => "Contact Center Premium Agent",
            LicenseKind::ContactCenterStandardAgent => "Contact Center Standard Agent",
        }
    }

    /// The type code inside the decoded id.
    pub fn code(self) -> &'static str {
        match self {
            LicenseKind::Messaging => "MS",
            LicenseKind::ScreenShare => "SD",
            LicenseKind::Meeting => "MC",
            LicenseKind::CallingProfessional => "BCPRO",
            LicenseKind::CallingBasic => "BCSTD",
            LicenseKind::CallingWorkspaces => "BCWS",
            LicenseKind::CxEssentials => "CXESS",
            LicenseKind::ContactCenterPremiumAgent => "CJPPRM",
            LicenseKind::ContactCenterStandardAgent => "CJPSTD",
        }
    }

    /// Whether `consumedByWorkspaces` applies (Calling licenses can go to workspaces).
    pub fn counts_workspaces(self) -> bool {
        matches!(self, LicenseKind::CallingProfessional | LicenseKind::CallingBasic | LicenseKind::CallingWorkspaces)
    }
}

/// `siteType` of meeting licenses.
pub const CONTROL_HUB_MANAGED_SITE: &str = "Control Hub managed site";

#[derive(Debug, Clone)]
pub struct License {
    pub uuid: Uuid,
    /// The Webex id, kept because it embeds the org uuid.
    pub id: String,
    pub org: OrgIdx,
    pub kind: LicenseKind,
    pub subscription_id: Option<String>,
    /// Slot of the meeting site in `Org::sites`, for meeting licenses.
    pub site: Option<usize>,
    pub total_units: u32,
    pub consumed_by_users: u32,
    pub consumed_by_workspaces: u32,
}

impl License {
    pub fn new(org: OrgIdx, org_uuid: &Uuid, kind: LicenseKind, uuid: Uuid) -> License {
        let id =
            crate::sim::ids::encode(crate::sim::ids::IdType::License, &format!("{org_uuid}:{}_{uuid}", kind.code()));
        License {
            uuid,
            id,
            org,
            kind,
            subscription_id: None,
            site: None,
            total_units: 0,
            consumed_by_users: 0,
            consumed_by_workspaces: 0,
        }
    }

    pub fn consumed_units(&self) -> u32 {
        self.consumed_by_users + self.consumed_by_workspaces
    }
}
