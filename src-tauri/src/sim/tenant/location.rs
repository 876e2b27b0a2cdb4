//! Locations (Webex Calling sites of an org) and the cities they are in.
//! A city carries a numbering plan so seeded work numbers are real E.164
//! numbers of that country.

use uuid::Uuid;

use super::OrgIdx;

/// A city a location can be in, with the part of its country's numbering
/// plan that seeded numbers are drawn from.
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
}

impl City {
    /// National digits left after the area and the location's block digit.
    pub fn free_digits(&self) -> usize {
        self.national_len - self.area.len() - 1
    }
}

#[derive(Debug, Clone)]
pub struct Location {
    pub uuid: Uuid,
    pub id: String,
    pub org: OrgIdx,
    pub city: &'static City,
    /// Dialled before an extension from other locations; `work_extension` = prefix + extension.
    pub routing_prefix: String,
}
