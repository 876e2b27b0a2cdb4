//! Organizations: the partner and the customer orgs it manages.

use uuid::Uuid;

use super::names::Language;
use super::{LicenseIdx, LocationIdx, OrgIdx, PersonIdx};

/// A Webex Meetings site of an org (session types hang off it later).
#[derive(Debug, Clone)]
pub struct Site {
    /// e.g. `fjordby-logistik.webex.com`
    pub url: String,
}

#[derive(Debug, Clone)]
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
}
