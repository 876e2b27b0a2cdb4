//! Locations as the common Locations API shows them (the shape of the
//! device spec's examples and wxc_sdk; the spec's own `Location` schema is
//! the workspace-location one, a known defect, webex-api.md §5.3), and as
//! Webex Calling shows them (wxc_sdk `TelephonyLocation`).

use serde::Serialize;

use crate::tenant::{format_e164, Location, Tenant};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationView<'a> {
    id: &'a str,
    name: &'a str,
    org_id: &'a str,
    time_zone: &'static str,
    preferred_language: &'static str,
    announcement_language: &'static str,
    address: Address,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    address1: String,
    city: &'static str,
    state: &'static str,
    postal_code: &'static str,
    country: &'static str,
}

impl<'a> LocationView<'a> {
    pub fn new(tenant: &'a Tenant, location: &'a Location) -> LocationView<'a> {
        let city = location.city;
        LocationView {
            id: &location.id,
            name: &location.name,
            org_id: &tenant.org(location.org).id,
            time_zone: city.timezone,
            preferred_language: city.language,
            announcement_language: city.language,
            address: Address {
                address1: location.address1(),
                city: city.name,
                state: city.region,
                postal_code: city.postal_code,
                country: city.country,
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallingLocationView<'a> {
    id: &'a str,
    name: &'a str,
    announcement_language: &'static str,
    calling_line_id: CallingLineId<'a>,
    routing_prefix: &'a str,
    default_domain: String,
    e911_setup_required: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CallingLineId<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
}

impl<'a> CallingLocationView<'a> {
    pub fn new(tenant: &'a Tenant, location: &'a Location) -> CallingLocationView<'a> {
        let org = tenant.org(location.org);
        CallingLocationView {
            id: &location.id,
            name: &location.name,
            announcement_language: location.city.language,
            calling_line_id: CallingLineId {
                name: &org.display_name,
                phone_number: location.numbers.main_number.map(format_e164),
            },
            routing_prefix: &location.routing_prefix,
            default_domain: format!("{}.calls.webex.example", org.domain.trim_end_matches(".example")),
            e911_setup_required: false,
        }
    }
}
