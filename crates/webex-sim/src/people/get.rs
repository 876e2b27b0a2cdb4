//! `GET /v1/people/{personId}` and `GET /v1/people/me`, with `callingData`.
//! The person is found by Webex id or, as Webex also accepts, by the bare
//! uuid inside it (webex-api.md §2.1).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use uuid::Uuid;

use super::view::{PersonView, ViewOptions};
use crate::http::{ApiError, Caller, PathId, QueryParams};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{PersonIdx, Tenant};

const READ_SCOPES: &[Scope] = &[Scope::AdminPeopleRead, Scope::PeopleRead, Scope::SparkAll];

pub async fn get(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let person = ids::decode_uuid(IdType::People, &id)
        .or_else(|| Uuid::parse_str(&id).ok())
        .and_then(|uuid| tenant.find_person(&uuid))
        .ok_or_else(|| ApiError::not_found("Person not found."))?;
    caller.check_org(&tenant, tenant.person(person).org)?;
    respond(&tenant, person, &params)
}

pub async fn me(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    respond(&state.tenant(), caller.person, &params)
}

fn respond(tenant: &Tenant, person: PersonIdx, params: &QueryParams) -> Result<Response, ApiError> {
    let options = ViewOptions::full(params.flag("callingData")?);
    Ok(Json(PersonView::new(tenant, person, options)).into_response())
}
