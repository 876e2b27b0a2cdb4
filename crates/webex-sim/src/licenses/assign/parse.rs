//! The body of `PATCH /v1/licenses/users` (admin spec `PatchUserLicenses`),
//! checked as a whole before anything is applied: problems with the
//! request itself are 400 with the spec's code where it has one (400000
//! unknown license, 400 unknown location, 400411 Calling license without
//! properties, 400216 bad attendee site).

use serde::Deserialize;

use crate::http::ApiError;
use crate::ids::{self, IdType};
use crate::licensing::{Add, Refusal, Request};
use crate::tenant::{LicenseIdx, LineRequest, LocationIdx, OrgIdx, PersonIdx, Tenant};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignBody {
    pub email: Option<String>,
    pub person_id: Option<String>,
    pub org_id: Option<String>,
    #[serde(default)]
    pub licenses: Vec<LicenseOp>,
    #[serde(default)]
    pub site_urls: Vec<SiteOp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenseOp {
    pub id: String,
    pub operation: Option<String>,
    pub properties: Option<Properties>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    pub location_id: Option<String>,
    pub phone_number: Option<String>,
    pub extension: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteOp {
    pub site_url: String,
    pub account_type: Option<String>,
    pub operation: Option<String>,
}

/// An attendee role to give (true) or take (false) on a site slot.
pub type SiteChange = (usize, bool);

/// `add` (the default) or `remove`.
fn is_add(operation: Option<&str>) -> Result<bool, ApiError> {
    match operation.map(str::to_ascii_lowercase).as_deref() {
        None | Some("add") => Ok(true),
        Some("remove") => Ok(false),
        Some(other) => Err(ApiError::bad_request(format!("Invalid operation '{other}': expected add or remove."))),
    }
}

/// A license of `org` by id (ids decode to `<orgUuid>:<CODE>_<uuid>`).
pub fn find_license(tenant: &Tenant, org: OrgIdx, id: &str) -> Option<LicenseIdx> {
    let tail = ids::decode(IdType::License, id)?;
    let (_, uuid) = tail.rsplit_once('_')?;
    let license = tenant.find_license(&uuid::Uuid::parse_str(uuid).ok()?)?;
    (tenant.license(license).org == org).then_some(license)
}

/// A location of `org` by id.
pub fn find_location(tenant: &Tenant, org: OrgIdx, id: &str) -> Option<LocationIdx> {
    let location = tenant.find_location(&ids::decode_uuid(IdType::Location, id)?)?;
    (tenant.location(location).org == org).then_some(location)
}

fn request_error(refusal: Refusal) -> ApiError {
    ApiError::detailed(axum::http::StatusCode::BAD_REQUEST, refusal.message, vec![refusal.detail()])
}

/// The license operations, checked.
pub fn license_request(
    tenant: &Tenant,
    org: OrgIdx,
    person: PersonIdx,
    ops: &[LicenseOp],
) -> Result<Request, ApiError> {
    let mut request = Request::default();
    let mut missing_properties = Vec::new();
    let has_line = tenant.person(person).calling.is_some();
    for op in ops {
        let license = find_license(tenant, org, &op.id).ok_or_else(|| request_error(Refusal::coded(400000, &op.id)))?;
        if !is_add(op.operation.as_deref())? {
            request.removes.push(license);
            continue;
        }
        let calling = tenant.license(license).kind.is_calling();
        let line = match &op.properties {
            None if calling && !has_line => {
                missing_properties.push(op.id.clone());
                None
            }
            None => None,
            Some(p) => Some(line_request(tenant, org, p)?),
        };
        request.adds.push(Add { license, line });
    }
    if !missing_properties.is_empty() {
        return Err(request_error(Refusal::coded(400411, &missing_properties.join(", "))));
    }
    Ok(request)
}

fn line_request(tenant: &Tenant, org: OrgIdx, properties: &Properties) -> Result<LineRequest, ApiError> {
    let location = match properties.location_id.as_deref() {
        None => None,
        Some(id) => Some(find_location(tenant, org, id).ok_or_else(|| {
            request_error(Refusal {
                code: Some(400),
                message: "Unable to find location",
                description: "Unable to find location.".into(),
            })
        })?),
    };
    Ok(LineRequest { location, phone_number: properties.phone_number.clone(), extension: properties.extension.clone() })
}

/// The attendee site operations, checked (`accountType` must be attendee).
pub fn site_changes(tenant: &Tenant, org: OrgIdx, ops: &[SiteOp]) -> Result<Vec<SiteChange>, ApiError> {
    let sites = &tenant.org(org).sites;
    let bad: Vec<&str> = ops
        .iter()
        .filter(|op| {
            let known = sites.iter().any(|s| s.url.eq_ignore_ascii_case(&op.site_url));
            let attendee = op.account_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("attendee"));
            !known || !attendee
        })
        .map(|op| op.site_url.as_str())
        .collect();
    if !bad.is_empty() {
        return Err(request_error(Refusal::coded(400216, &bad.join(", "))));
    }
    ops.iter()
        .map(|op| {
            let slot = sites.iter().position(|s| s.url.eq_ignore_ascii_case(&op.site_url)).expect("checked above");
            Ok((slot, is_add(op.operation.as_deref())?))
        })
        .collect()
}
