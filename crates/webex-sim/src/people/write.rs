//! What `POST` and `PUT /v1/people` share: turning the body's `licenses`,
//! `locationId`, work number and `extension` into a license request (rule
//! C1: a Calling license needs `locationId` plus a number or an extension,
//! all in the same request; `locationId` is set only with a Calling license
//! and never changed afterwards), and the attendee roles of `siteUrls`.
//!
//! License conflicts are best effort as the spec says (valid licenses are
//! assigned, the rest skipped); a request that breaks rule C1 or carries a
//! Calling line the inventory refuses is a 400 and changes nothing.

use super::body::PersonBody;
use crate::http::ApiError;
use crate::licenses::{find_license, find_location};
use crate::licensing::{Add, Request};
use crate::tenant::{LicenseIdx, LineRequest, OrgIdx, PersonIdx, Tenant};

/// The license request taking `person` (None: someone new) from what they
/// hold to the body's `licenses`. Unknown license ids are skipped.
pub fn license_request(
    tenant: &Tenant,
    org: OrgIdx,
    person: Option<PersonIdx>,
    body: &PersonBody,
) -> Result<Request, ApiError> {
    let wanted: Vec<LicenseIdx> =
        body.licenses.iter().flatten().filter_map(|id| find_license(tenant, org, id)).collect();
    let held: Vec<LicenseIdx> = person.map(|p| held_licenses(tenant, p)).unwrap_or_default();
    let holds_pool = |l: LicenseIdx| person.is_some_and(|p| tenant.held_in_pool(p, l).is_some());
    let removes = held
        .iter()
        .copied()
        .filter(|&h| !wanted.iter().any(|&w| tenant.license(w).same_pool(tenant.license(h))))
        .collect();
    let line = line_request(tenant, org, person, body)?;
    let has_line = person.is_some_and(|p| tenant.person(p).calling.is_some());
    let adds: Vec<Add> = wanted
        .into_iter()
        .filter(|&w| !holds_pool(w))
        .map(|license| Add { license, line: line.clone().filter(|_| tenant.license(license).kind.is_calling()) })
        .collect();
    let calling_add = adds.iter().any(|a| tenant.license(a.license).kind.is_calling());
    if body.location_id.is_some() && !has_line && !calling_add {
        return Err(ApiError::bad_request("locationId can only be set while a Webex Calling license is assigned."));
    }
    if calling_add && !has_line {
        let complete = body.location_id.is_some() && (body.work_number().is_some() || body.extension.is_some());
        if !complete {
            return Err(ApiError::bad_request(
                "A Webex Calling license needs locationId and a work phone number or an extension in the same request.",
            ));
        }
        let request = line.as_ref().expect("a line comes with locationId");
        tenant.check_line(org, request, person).map_err(|e| ApiError::bad_request(e.describe()))?;
    }
    Ok(Request { adds, removes })
}

fn held_licenses(tenant: &Tenant, person: PersonIdx) -> Vec<LicenseIdx> {
    let org = tenant.org(tenant.person(person).org);
    tenant.person(person).licenses.iter().map(|slot| org.licenses[slot]).collect()
}

/// The Calling properties of the body; `locationId` of a Calling user must
/// stay what it is.
fn line_request(
    tenant: &Tenant,
    org: OrgIdx,
    person: Option<PersonIdx>,
    body: &PersonBody,
) -> Result<Option<LineRequest>, ApiError> {
    let Some(id) = body.location_id.as_deref() else { return Ok(None) };
    let location = find_location(tenant, org, id).ok_or_else(|| ApiError::bad_request("Unable to find location."))?;
    let current = person.filter(|&p| tenant.person(p).calling.is_some()).map(|p| tenant.person(p).location);
    if current.is_some_and(|l| l != location) {
        return Err(ApiError::bad_request("locationId cannot be changed for a Webex Calling user."));
    }
    Ok(Some(LineRequest {
        location: Some(location),
        phone_number: body.work_number().map(str::to_string),
        extension: body.extension.clone(),
    }))
}

/// The attendee roles named in `siteUrls` (unknown sites are a 400).
pub fn attendee_slots(tenant: &Tenant, org: OrgIdx, body: &PersonBody) -> Result<Vec<usize>, ApiError> {
    let sites = &tenant.org(org).sites;
    body.attendee_sites()
        .map(|url| {
            sites
                .iter()
                .position(|s| s.url.eq_ignore_ascii_case(url))
                .ok_or_else(|| ApiError::bad_request(format!("Unknown meeting site '{url}' in siteUrls.")))
        })
        .collect()
}
