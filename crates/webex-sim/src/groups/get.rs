//! `GET /v1/groups/{groupId}` (`includeMembers`: up to 500) and
//! `GET /v1/groups/{groupId}/members` (`startIndex`, `count` ≤ 500, default
//! 500), which answers the group with one page of `members`, the SCIM
//! paging fields and a `Link rel="next"`.

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::view::{member_page, GroupView, MEMBERS_CAP};
use super::{find, READ_SCOPES};
use crate::http::{next_link, page_size, ApiError, Caller, PathId, QueryParams};
use crate::state::Shared;

pub async fn get(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let group = find(&tenant, &caller, &id)?;
    Ok(Json(GroupView::new(&tenant, group, params.flag("includeMembers")?)).into_response())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MembersBody<'a> {
    #[serde(flatten)]
    group: GroupView<'a>,
    total_results: usize,
    start_index: usize,
    items_per_page: usize,
}

pub async fn members(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let group = find(&tenant, &caller, &id)?;
    let start_index = params.position("startIndex", 1)?;
    let count = page_size(params.positive("count")?, MEMBERS_CAP, MEMBERS_CAP);
    let page = member_page(&tenant, group, start_index - 1, count);
    let total = tenant.group(group).member_size();
    let items_per_page = page.len();
    let body = MembersBody {
        group: GroupView::with(&tenant, group, Some(page)),
        total_results: total,
        start_index,
        items_per_page,
    };
    let mut response = Json(body).into_response();
    if (start_index - 1).saturating_add(count) < total {
        let path = format!("/v1/groups/{id}/members");
        let link =
            next_link(&state.origin, &path, &params, "startIndex", &start_index.saturating_add(count).to_string());
        response.headers_mut().insert(LINK, link);
    }
    Ok(response)
}
