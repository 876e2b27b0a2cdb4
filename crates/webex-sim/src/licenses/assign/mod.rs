//! `PATCH /v1/licenses/users` (webex-api.md §4.3): licenses and attendee
//! sites for one user, by `personId` or `email`, in `orgId` (default: the
//! caller's org).
//!
//! Answers 200 when everything asked was done, 206 Partial Content when
//! some of it was refused (the body then lists what the user holds, as the
//! spec says: compare with what was asked), 400 when nothing could be done
//! (with every refusal in `errors[]`). A user of another org only gets
//! Meeting licenses and attendee roles, as pending (`pendingLicenses`,
//! `pendingSiteUrls`) until they accept; the simulator does not keep them.

mod parse;
mod response;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::http::{ApiError, Caller, JsonBody, Mutation};
use crate::ids::{self, IdType};
use crate::licensing::{self, Outcome};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{OrgIdx, PersonIdx, Tenant};
use parse::AssignBody;
use response::UserLicenses;

pub use parse::{find_license, find_location};

pub async fn assign(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    JsonBody(body): JsonBody<AssignBody>,
) -> Result<Response, ApiError> {
    caller.require_write(&[Scope::AdminPeopleWrite])?;
    let mut tenant = state.tenant_mut();
    let org = caller.org_param(&tenant, body.org_id.as_deref())?;
    let person = find_person(&tenant, &body)?;
    if tenant.person(person).org != org {
        return Ok(pending::answer(&tenant, org, person, &body)?.into_response());
    }
    let request = parse::license_request(&tenant, org, person, &body.licenses)?;
    let sites = parse::site_changes(&tenant, org, &body.site_urls)?;
    let mut outcome = licensing::apply(&mut tenant, person, &request);
    for &(slot, add) in &sites {
        apply_attendee(&mut tenant, person, slot, add, &mut outcome);
    }
    if !outcome.summary.is_empty() {
        let person_id = ids::encode_uuid(IdType::People, &tenant.person(person).uuid);
        mutation.record(&state, &tenant.org(org).id, &person_id, outcome.summary.join(" "));
    }
    let status = match (outcome.refused.is_empty(), outcome.succeeded) {
        (true, _) => StatusCode::OK,
        (false, 0) => {
            let details = outcome.refused.iter().map(|r| r.detail()).collect();
            return Err(ApiError::detailed(StatusCode::BAD_REQUEST, outcome.refused[0].message, details));
        }
        (false, _) => StatusCode::PARTIAL_CONTENT,
    };
    Ok((status, Json(UserLicenses::new(&tenant, org, person))).into_response())
}

/// By `personId`, else by `email`: 400 with neither, 404 when nobody has it.
fn find_person(tenant: &Tenant, body: &AssignBody) -> Result<PersonIdx, ApiError> {
    let found = match (&body.person_id, &body.email) {
        (Some(id), _) => ids::decode_uuid(IdType::People, id).and_then(|uuid| tenant.find_person(&uuid)),
        (None, Some(email)) => tenant.find_person_by_email(email),
        (None, None) => return Err(ApiError::bad_request("email or personId is required.")),
    };
    found.ok_or_else(|| ApiError::not_found("Person not found."))
}

/// Gives or takes the attendee role; a host of the site keeps the host
/// license only (rule T9: host beats attendee).
fn apply_attendee(tenant: &mut Tenant, person: PersonIdx, slot: usize, add: bool, outcome: &mut Outcome) {
    outcome.succeeded += 1;
    let url = tenant.org(tenant.person(person).org).sites[slot].url.clone();
    let hosts = tenant.hosts_on(person, slot);
    let holder = tenant.person_mut(person);
    match (add, holder.attendee_sites.contains(slot)) {
        (true, false) if !hosts => {
            holder.attendee_sites.insert(slot);
            outcome.summary.push(format!("+{url}#attendee"));
        }
        (false, true) => {
            holder.attendee_sites.remove(slot);
            outcome.summary.push(format!("-{url}#attendee"));
        }
        _ => {}
    }
}

mod pending {
    //! Users outside the org: Meeting licenses and attendee roles wait for
    //! the user's acceptance; anything else is refused.

    use super::*;
    use crate::tenant::LicenseKind;

    pub fn answer(tenant: &Tenant, org: OrgIdx, person: PersonIdx, body: &AssignBody) -> Result<Response, ApiError> {
        let sites = parse::site_changes(tenant, org, &body.site_urls)?;
        let mut licenses = Vec::new();
        for op in &body.licenses {
            let license = find_license(tenant, org, &op.id).ok_or_else(|| {
                ApiError::detailed(
                    StatusCode::BAD_REQUEST,
                    "License not recognized",
                    vec![licensing::Refusal::coded(400000, &op.id).detail()],
                )
            })?;
            if !matches!(tenant.license(license).kind, LicenseKind::Meeting | LicenseKind::BasicMeetings) {
                return Err(ApiError::bad_request(format!(
                    "Only Meetings licenses can be assigned to a user outside the organization: {}",
                    op.id
                )));
            }
            licenses.push(op.id.clone());
        }
        let pending_sites = sites.iter().map(|&(slot, _)| tenant.org(org).sites[slot].url.clone()).collect();
        let view = UserLicenses::pending(tenant, org, person, licenses, pending_sites);
        Ok(Json(view).into_response())
    }
}
