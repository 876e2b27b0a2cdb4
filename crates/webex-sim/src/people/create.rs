//! `POST /v1/people` (webex-api.md §3): `emails` and a name are required,
//! an address already in use is a 409. The new user is invited (never
//! signed in). Licenses are given as `PATCH /licenses/users` would give
//! them, best effort; a Calling license needs its line in the same request
//! (rule C1). The simulator has no organization templates: a user created
//! without licenses gets none (rule T13 is the client's business).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::body::{valid_email, PersonBody};
use super::view::{PersonView, ViewOptions};
use super::write::{attendee_slots, license_request};
use crate::http::{ApiError, Caller, JsonBody, Mutation, QueryParams};
use crate::ids::{self, IdType};
use crate::licensing;
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::NewPerson;

pub async fn create(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    params: QueryParams,
    JsonBody(body): JsonBody<PersonBody>,
) -> Result<Response, ApiError> {
    caller.require_scope(&[Scope::AdminPeopleRead])?;
    caller.require_write(&[Scope::AdminPeopleWrite])?;
    let calling_data = params.flag("callingData")?;
    let mut tenant = state.tenant_mut();
    let org = caller.org_param(&tenant, body.org_id.as_deref())?;
    let email = body.email().ok_or_else(|| ApiError::bad_request("emails is required."))?.trim().to_string();
    if !valid_email(&email) {
        return Err(ApiError::bad_request(format!("'{email}' is not a valid email address.")));
    }
    if tenant.find_person_by_email(&email).is_some() {
        return Err(ApiError::conflict("A user with this email address already exists."));
    }
    if body.roles.as_ref().is_some_and(|r| !r.is_empty()) {
        return Err(ApiError::bad_request("The simulator cannot create administrators: roles must be empty."));
    }
    let display_name = display_name(&body, &email)?;
    let request = license_request(&tenant, org, None, &body)?;
    let attendee = attendee_slots(&tenant, org, &body)?;
    let login_enabled = body.login_enabled()?;
    let person = tenant.create_person(NewPerson {
        org,
        email: email.clone(),
        first_name: body.first_name.clone().unwrap_or_default(),
        last_name: body.last_name.clone().unwrap_or_default(),
        display_name,
        department: body.department.clone(),
        title: body.title.clone(),
        work_number: body.work_number().map(str::to_string),
        now_ms: state.now_ms(),
    });
    let outcome = licensing::apply(&mut tenant, person, &request);
    let holder = tenant.person_mut(person);
    holder.login_enabled = login_enabled.unwrap_or(true);
    for slot in attendee {
        holder.attendee_sites.insert(slot);
    }
    let id = ids::encode_uuid(IdType::People, &tenant.person(person).uuid);
    let summary = format!("created {email} {}", outcome.summary.join(" "));
    mutation.record(&state, &tenant.org(org).id, &id, summary.trim_end());
    Ok(Json(PersonView::new(&tenant, person, ViewOptions::full(calling_data))).into_response())
}

/// `displayName`, else `firstName lastName`; one of them is required.
fn display_name(body: &PersonBody, email: &str) -> Result<String, ApiError> {
    if let Some(name) = body.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        return Ok(name.trim().to_string());
    }
    let parts: Vec<&str> = [&body.first_name, &body.last_name].into_iter().flatten().map(|s| s.trim()).collect();
    match parts.iter().any(|p| !p.is_empty()) {
        true => Ok(parts.join(" ").trim().to_string()),
        false => Err(ApiError::bad_request(format!("displayName, firstName or lastName is required for {email}."))),
    }
}
