//! Locations of an org, the cities they are in, and what Webex Calling
//! keeps per location: whether it is enabled for Calling, its number
//! inventory and its services (auto attendant, hunt group...).
//! A city carries a numbering plan so seeded numbers are real E.164
//! numbers of that country.

use uuid::Uuid;

use super::inventory::Inventory;
use super::OrgIdx;
use crate::ids::IdType;

/// A city a location can be in, with its address and the part of its
/// country's numbering plan that seeded numbers are drawn from.
#[derive(Debug)]
pub struct City {
    pub name: &'static str,
    pub timezone: &'static str,
    /// Country calling code without `+`.
    pub country_code: &'static str,
    /// Leading digits of the national number for this city.
    pub area: &'static str,
    /// Length of the national significant number.
    pub national_len: usize,
    /// Dialled before the national number inside the country ("0" in FR, GB, SE).
    pub trunk_prefix: &'static str,
    /// ISO 3166 alpha-2 country code.
    pub country: &'static str,
    /// Region (the `state` field of a location address).
    pub region: &'static str,
    pub postal_code: &'static str,
    pub street: &'static str,
    /// Webex language code for emails and announcements (`da_dk`, `fr_fr`...).
    pub language: &'static str,
}

impl City {
    /// National digits left after the area and a block digit.
    pub fn free_digits(&self) -> usize {
        self.national_len - self.area.len() - 1
    }
}

/// What owns a service number: the Calling features hubdesk does not manage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ServiceKind {
    AutoAttendant,
    HuntGroup,
    CallQueue,
    /// A workspace (meeting room phone).
    Place,
}

impl ServiceKind {
    /// `owner.type` in the number inventory.
    pub fn owner_type(self) -> &'static str {
        match self {
            ServiceKind::AutoAttendant => "AUTO_ATTENDANT",
            ServiceKind::HuntGroup => "HUNT_GROUP",
            ServiceKind::CallQueue => "CALL_QUEUE",
            ServiceKind::Place => "PLACE",
        }
    }

    pub fn id_type(self) -> IdType {
        match self {
            ServiceKind::AutoAttendant => IdType::AutoAttendant,
            ServiceKind::HuntGroup => IdType::HuntGroup,
            ServiceKind::CallQueue => IdType::CallQueue,
            ServiceKind::Place => IdType::Place,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Service {
    pub uuid: Uuid,
    pub kind: ServiceKind,
    pub name: String,
    pub extension: Option<u64>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub uuid: Uuid,
    pub id: String,
    pub org: OrgIdx,
    pub name: String,
    #[serde(with = "city_by_name")]
    pub city: &'static City,
    pub street_number: u16,
    /// Whether Webex Calling is enabled here (`/v1/telephony/config/locations`).
    pub calling_enabled: bool,
    /// Dialled before an extension from other locations; `work_extension` = prefix + extension.
    pub routing_prefix: String,
    pub numbers: Inventory,
    pub services: Vec<Service>,
}

impl Location {
    pub fn address1(&self) -> String {
        format!("{} {}", self.city.street, self.street_number)
    }
}

/// A location's city is one of the catalogue's: kept by name.
mod city_by_name {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::City;
    use crate::tenant::generate::ALL_CITIES;

    pub fn serialize<S: Serializer>(city: &&'static City, to: S) -> Result<S::Ok, S::Error> {
        city.name.serialize(to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<&'static City, D::Error> {
        let name = String::deserialize(from)?;
        ALL_CITIES
            .iter()
            .copied()
            .find(|c| c.name == name)
            .ok_or_else(|| serde::de::Error::custom(format!("no city {name} in the catalogue")))
    }
}
