//! Organizations: the partner and the customer orgs it manages.

use uuid::Uuid;

use super::meetings::SessionType;
use super::names::Language;
use super::{GroupIdx, LicenseIdx, LocationIdx, OrgIdx, PersonIdx};

/// A Webex Meetings site of an org and the session types it offers.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Site {
    /// e.g. `fjordby-logistik.webex.com`
    pub url: String,
    /// An events site (`<org>-events.webex.com`) also offers Event Center and webinars.
    pub events: bool,
}

impl Site {
    pub fn session_types(&self) -> &'static [SessionType] {
        super::meetings::site_session_types(self.events)
    }
}

/// The Webex for BroadWorks enterprise behind a customer org: the partner's
/// `spEnterpriseId` for it and the customer template's provisioning id.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Enterprise {
    pub uuid: Uuid,
    pub sp_enterprise_id: String,
    pub provisioning_id: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Org {
    pub uuid: Uuid,
    pub id: String,
    pub display_name: String,
    /// Mail domain of its people, e.g. `fjordby-logistik.example`.
    pub domain: String,
    /// The partner org that manages this one; None for the partner itself.
    pub managed_by: Option<OrgIdx>,
    pub created_ms: i64,
    /// Most of its people's names are in this language.
    pub language: Language,
    pub locations: Vec<LocationIdx>,
    /// License slots: a person's `licenses` bit n means `licenses[n]`.
    pub licenses: Vec<LicenseIdx>,
    /// Site slots: a person's `attendee_sites` bit n means `sites[n]`.
    pub sites: Vec<Site>,
    /// Its people in creation order (ascending indices), the order lists page in.
    pub members: Vec<PersonIdx>,
    /// Its groups in creation order.
    pub groups: Vec<GroupIdx>,
    /// Customer orgs provisioned through Webex for BroadWorks.
    pub broadworks: Option<Enterprise>,
}
