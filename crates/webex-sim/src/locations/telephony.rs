//! Webex Calling's view of locations (wxc_sdk `TelephonyLocationApi`):
//! `GET /v1/telephony/config/locations` lists the Calling-enabled ones
//! (key `locations`, `name`, `order`, `max`, `start`), `GET
//! .../locations/{id}` answers 404 for a location not enabled for Calling,
//! and `POST /v1/telephony/config/locations` enables one (201 `{id}`).

use axum::extract::State;
use axum::http::header::LINK;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::find;
use super::view::CallingLocationView;
use crate::http::{next_link, page_size, ApiError, Caller, JsonBody, Mutation, PathId, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;

const READ_SCOPES: &[Scope] = &[Scope::AdminTelephonyConfigRead];
const WRITE_SCOPES: &[Scope] = &[Scope::AdminTelephonyConfigWrite];
const DEFAULT_MAX: usize = 2000;
/// Calling-enabled location names are limited to 80 characters.
const CALLING_NAME_MAX: usize = 80;

#[derive(Serialize)]
struct ListBody<'a> {
    locations: Vec<CallingLocationView<'a>>,
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let org = caller.org_param(&tenant, params.get("orgId"))?;
    let name = params.get("name").map(str::to_lowercase);
    let mut enabled: Vec<_> = tenant
        .org(org)
        .locations
        .iter()
        .map(|&l| tenant.location(l))
        .filter(|l| l.calling_enabled && name.as_deref().is_none_or(|n| l.name.to_lowercase().contains(n)))
        .collect();
    match params.get("order") {
        None => {}
        Some("asc") => enabled.sort_by_key(|l| l.name.to_lowercase()),
        Some("desc") => enabled.sort_by_key(|l| std::cmp::Reverse(l.name.to_lowercase())),
        Some(other) => return Err(ApiError::bad_request(format!("Invalid order '{other}': asc or desc."))),
    }
    let start = params.position("start", 0)?;
    let size = page_size(params.positive("max")?, DEFAULT_MAX, DEFAULT_MAX);
    let locations = enabled.iter().skip(start).take(size).map(|l| CallingLocationView::new(&tenant, l)).collect();
    let mut response = Json(ListBody { locations }).into_response();
    let next = start.saturating_add(size);
    if next < enabled.len() {
        let path = "/v1/telephony/config/locations";
        response.headers_mut().insert(LINK, next_link(&state.origin, path, &params, "start", &next.to_string()));
    }
    Ok(response)
}

pub async fn get(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let location = tenant.location(find(&tenant, &caller, &id, params.get("orgId"))?);
    if !location.calling_enabled {
        return Err(ApiError::not_found("The location is not enabled for Webex Calling."));
    }
    Ok(Json(CallingLocationView::new(&tenant, location)).into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableBody {
    id: Option<String>,
    name: Option<String>,
}

#[derive(Serialize)]
struct Created {
    id: String,
}

/// Enables an existing location (created with `POST /v1/locations`) for Calling.
pub async fn enable(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    params: QueryParams,
    JsonBody(body): JsonBody<EnableBody>,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let id = body.id.ok_or_else(|| ApiError::bad_request("id is required: the location to enable."))?;
    let mut tenant = state.tenant_mut();
    let location = find(&tenant, &caller, &id, params.get("orgId"))?;
    let name = body.name.unwrap_or_else(|| tenant.location(location).name.clone());
    if name.chars().count() > CALLING_NAME_MAX {
        return Err(ApiError::bad_request("A Webex Calling location name has at most 80 characters."));
    }
    if tenant.location(location).calling_enabled {
        return Err(ApiError::conflict("The location is already enabled for Webex Calling."));
    }
    let enabled = tenant.location_mut(location);
    enabled.calling_enabled = true;
    enabled.name = name.clone();
    let org_id = tenant.org(tenant.location(location).org).id.clone();
    mutation.record(&state, &org_id, &id, format!("enabled {name} for Webex Calling"));
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}
