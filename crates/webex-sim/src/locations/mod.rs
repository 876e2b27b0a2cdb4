//! Locations (webex-api.md §5.3): the common Locations API, and Webex
//! Calling's list of Calling-enabled locations, where a location is enabled.

mod common;
mod telephony;
mod view;

use axum::routing::get;
use axum::Router;

use crate::http::{ApiError, Caller};
use crate::ids::{self, IdType};
use crate::state::Shared;
use crate::tenant::{LocationIdx, Tenant};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/locations", get(common::list))
        .route("/v1/locations/{locationId}", get(common::get))
        .route("/v1/telephony/config/locations", get(telephony::list).post(telephony::enable))
        .route("/v1/telephony/config/locations/{locationId}", get(telephony::get))
}

/// A location the caller administers (and of `orgId`, when given).
fn find(tenant: &Tenant, caller: &Caller, id: &str, org_id: Option<&str>) -> Result<LocationIdx, ApiError> {
    let org = org_id.map(|o| caller.org_param(tenant, Some(o))).transpose()?;
    let location = ids::decode_uuid(IdType::Location, id)
        .and_then(|uuid| tenant.find_location(&uuid))
        .ok_or_else(|| ApiError::not_found("Location not found."))?;
    let location_org = tenant.location(location).org;
    caller.check_org(tenant, location_org)?;
    match org.is_some_and(|o| o != location_org) {
        true => Err(ApiError::not_found("Location not found in this organization.")),
        false => Ok(location),
    }
}
