//! `GET /v1/locations` (`name` contains, any case; `id`; `orgId`; `max`,
//! default 500, next page in `Link`) → `{items}`, and `GET
//! /v1/locations/{locationId}`. Read scope: `spark-admin:locations_read`,
//! or `spark-admin:people_read` or `spark-admin:device_read` (device spec).

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::find;
use super::view::LocationView;
use crate::http::{decode_cursor, encode_cursor, next_link, page_size, ApiError, Caller, PathId, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;

const READ_SCOPES: &[Scope] = &[Scope::AdminLocationsRead, Scope::AdminPeopleRead, Scope::AdminDeviceRead];
pub const DEFAULT_MAX: usize = 500;
const MAX_CAP: usize = 1000;

#[derive(Serialize)]
struct ListBody<'a> {
    items: Vec<LocationView<'a>>,
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let org = caller.org_param(&tenant, params.get("orgId"))?;
    let name = params.get("name").map(str::to_lowercase);
    let id = params.get("id");
    let size = page_size(params.positive("max")?, DEFAULT_MAX, MAX_CAP);
    let start = params.get("cursor").map(decode_cursor).transpose()?.unwrap_or(0);
    let matching: Vec<_> = tenant
        .org(org)
        .locations
        .iter()
        .map(|&l| tenant.location(l))
        .filter(|l| name.as_deref().is_none_or(|n| l.name.to_lowercase().contains(n)))
        .filter(|l| id.is_none_or(|id| l.id == id))
        .collect();
    let items = matching.iter().skip(start).take(size).map(|l| LocationView::new(&tenant, l)).collect();
    let mut response = Json(ListBody { items }).into_response();
    let next = start.saturating_add(size);
    if next < matching.len() {
        let link = next_link(&state.origin, "/v1/locations", &params, "cursor", &encode_cursor(next));
        response.headers_mut().insert(LINK, link);
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
    let location = find(&tenant, &caller, &id, params.get("orgId"))?;
    Ok(Json(LocationView::new(&tenant, tenant.location(location))).into_response())
}
