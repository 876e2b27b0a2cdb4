//! `DELETE /v1/people/{personId}` → 204. Everything the person held goes
//! back: license units, their Calling number and extension (rule C8),
//! group memberships.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::http::{ApiError, Caller, Mutation, PathId};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;

pub async fn delete(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    caller.require_write(&[Scope::AdminPeopleWrite])?;
    let mut tenant = state.tenant_mut();
    let person = ids::decode_uuid(IdType::People, &id)
        .and_then(|uuid| tenant.find_person(&uuid))
        .ok_or_else(|| ApiError::not_found("Person not found."))?;
    let org = tenant.person(person).org;
    caller.check_org(&tenant, org)?;
    let email = tenant.person(person).email.clone();
    tenant.delete_person(person);
    mutation.record(&state, &tenant.org(org).id, &id, format!("deleted {email}"));
    Ok(StatusCode::NO_CONTENT.into_response())
}
