//! `PUT /v1/people/{personId}` (webex-api.md §3): the body replaces the
//! person. `displayName` is required; names, department, title, the work
//! number of someone without Calling and `licenses` are what the body says
//! (absent means none). Roles cannot change. For a Calling user, a sent
//! `extension` or work number changes the line (checked against the
//! inventory), an absent one keeps it, and `locationId` cannot change.
//! Attendee roles in `siteUrls` are added; ones left out are removed only
//! with `showAllTypes=true`. `minResponse=true` answers 204.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::body::{valid_email, PersonBody};
use super::view::{PersonView, ViewOptions};
use super::write::{attendee_slots, license_request};
use crate::http::{ApiError, Caller, JsonBody, Mutation, PathId, QueryParams};
use crate::ids::{self, IdType};
use crate::licensing;
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{LineRequest, PersonIdx, ResolvedLine, Tenant};

pub async fn update(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
    params: QueryParams,
    JsonBody(body): JsonBody<PersonBody>,
) -> Result<Response, ApiError> {
    caller.require_scope(&[Scope::AdminPeopleRead])?;
    caller.require_write(&[Scope::AdminPeopleWrite])?;
    let (calling_data, min_response, all_types) =
        (params.flag("callingData")?, params.flag("minResponse")?, params.flag("showAllTypes")?);
    let mut tenant = state.tenant_mut();
    let person = ids::decode_uuid(IdType::People, &id)
        .and_then(|uuid| tenant.find_person(&uuid))
        .ok_or_else(|| ApiError::not_found("Person not found."))?;
    let org = tenant.person(person).org;
    caller.check_org(&tenant, org)?;
    let display_name = body
        .display_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("displayName is required."))?;
    check_email(&tenant, person, &body)?;
    check_roles(&tenant, person, &body)?;
    let request = license_request(&tenant, org, Some(person), &body)?;
    let new_line = line_change(&tenant, person, &body)?;
    let attendee = attendee_slots(&tenant, org, &body)?;
    let login_enabled = body.login_enabled()?;
    if let Some(email) = body.email().filter(|e| !e.eq_ignore_ascii_case(&tenant.person(person).email)) {
        tenant.change_email(person, email);
    }
    let outcome = licensing::apply(&mut tenant, person, &request);
    if let Some(line) = new_line.filter(|_| tenant.person(person).calling.is_some()) {
        tenant.provision_line(person, line);
    }
    let now = state.now_ms();
    let holder = tenant.person_mut(person);
    holder.display_name = display_name.trim().into();
    holder.first_name = body.first_name.clone().unwrap_or_default().into();
    holder.last_name = body.last_name.clone().unwrap_or_default().into();
    holder.department = body.department.clone().map(Into::into);
    holder.title = body.title.clone().map(Into::into);
    if holder.calling.is_none() {
        holder.work_number = body.work_number().map(Into::into);
    }
    if let Some(enabled) = login_enabled {
        holder.login_enabled = enabled;
    }
    if all_types {
        holder.attendee_sites = Default::default();
    }
    for slot in attendee {
        holder.attendee_sites.insert(slot);
    }
    holder.modified_ms = now;
    let summary = format!("updated {} {}", holder.email, outcome.summary.join(" "));
    mutation.record(&state, &tenant.org(org).id, &id, summary.trim_end());
    match min_response {
        true => Ok(StatusCode::NO_CONTENT.into_response()),
        false => Ok(Json(PersonView::new(&tenant, person, ViewOptions::full(calling_data))).into_response()),
    }
}

fn check_email(tenant: &Tenant, person: PersonIdx, body: &PersonBody) -> Result<(), ApiError> {
    let Some(email) = body.email() else { return Ok(()) };
    if !valid_email(email) {
        return Err(ApiError::bad_request(format!("'{email}' is not a valid email address.")));
    }
    match tenant.find_person_by_email(email) {
        Some(other) if other != person => Err(ApiError::conflict("Another user has this email address.")),
        _ => Ok(()),
    }
}

/// Roles may be sent back as they are, not changed.
fn check_roles(tenant: &Tenant, person: PersonIdx, body: &PersonBody) -> Result<(), ApiError> {
    let Some(sent) = &body.roles else { return Ok(()) };
    let current: Vec<String> =
        tenant.person(person).admin.iter().map(|r| ids::encode(IdType::Role, r.webex_role())).collect();
    let same = sent.len() == current.len() && sent.iter().all(|r| current.contains(r));
    match same {
        true => Ok(()),
        false => Err(ApiError::bad_request("The simulator cannot change administrator roles.")),
    }
}

/// A Calling user's new number or extension, checked (None: unchanged).
/// A value equal to what the person has (as a GET shows it) is no change.
fn line_change(tenant: &Tenant, person: PersonIdx, body: &PersonBody) -> Result<Option<ResolvedLine>, ApiError> {
    let holder = tenant.person(person);
    let Some(line) = holder.calling else { return Ok(None) };
    let current_extension = line.extension.map(|x| x.to_string());
    let new_number = body.work_number().filter(|&n| Some(n) != holder.work_number.as_deref());
    let new_extension = body.extension.clone().filter(|x| Some(x) != current_extension.as_ref());
    if new_number.is_none() && new_extension.is_none() {
        return Ok(None);
    }
    let request = LineRequest {
        location: Some(holder.location),
        phone_number: new_number.map(str::to_string).or(line.number.map(crate::tenant::format_e164)),
        extension: new_extension.or(current_extension),
    };
    tenant.check_line(holder.org, &request, Some(person)).map(Some).map_err(|e| ApiError::bad_request(e.describe()))
}
