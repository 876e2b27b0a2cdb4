//! `GET /v1/licenses/{licenseId}`, and with `includeAssignedTo=user` the
//! people holding it: `users`, at most `limit` (default and cap 300) per
//! page, the rest behind `Link rel="next"` with an opaque `next` cursor.

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::view::LicenseView;
use super::READ_SCOPES;
use crate::http::{decode_cursor, encode_cursor, next_link, page_size, ApiError, Caller, PathId, QueryParams};
use crate::ids::{self, IdType};
use crate::state::Shared;
use crate::tenant::{LicenseIdx, PersonIdx, Tenant};

pub const USERS_LIMIT: usize = 300;

#[derive(Serialize)]
struct WithUsers<'a> {
    #[serde(flatten)]
    license: LicenseView<'a>,
    users: Vec<UserView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserView<'a> {
    id: String,
    /// Seeded licenses are only held inside their own org.
    #[serde(rename = "type")]
    kind: &'static str,
    display_name: &'a str,
    email: &'a str,
}

pub async fn get(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let idx = find(&tenant, &id).ok_or_else(|| ApiError::not_found("License not found."))?;
    let license = tenant.license(idx);
    caller.check_org(&tenant, license.org)?;
    let view = LicenseView::new(&tenant, license);
    match params.get("includeAssignedTo") {
        None => Ok(Json(view).into_response()),
        Some("user") => {
            let limit = page_size(params.positive("limit")?, USERS_LIMIT, USERS_LIMIT);
            let start = params.get("next").map(decode_cursor).transpose()?.unwrap_or(0);
            let (holders, next) = holders(&tenant, idx, start, limit);
            let users = holders.into_iter().map(|p| user_view(&tenant, p)).collect();
            let mut response = Json(WithUsers { license: view, users }).into_response();
            if let Some(next) = next {
                let link =
                    next_link(&state.origin, &format!("/v1/licenses/{id}"), &params, "next", &encode_cursor(next));
                response.headers_mut().insert(LINK, link);
            }
            Ok(response)
        }
        Some(other) => Err(ApiError::bad_request(format!("Invalid includeAssignedTo '{other}': expected user."))),
    }
}

/// The license id decodes to `<orgUuid>:<CODE>_<licenseUuid>`.
fn find(tenant: &Tenant, id: &str) -> Option<LicenseIdx> {
    let tail = ids::decode(IdType::License, id)?;
    let (_, uuid) = tail.rsplit_once('_')?;
    tenant.find_license(&uuid::Uuid::parse_str(uuid).ok()?)
}

/// Up to `limit` holders from person index `start`, and where the next page starts.
fn holders(tenant: &Tenant, license: LicenseIdx, start: usize, limit: usize) -> (Vec<PersonIdx>, Option<usize>) {
    let org = tenant.org(tenant.license(license).org);
    let slot = org.licenses.iter().position(|&l| l == license).expect("a license is in its org's slots");
    let from = org.members.partition_point(|p| p.get() < start);
    let mut hits = org.members[from..].iter().copied().filter(|&p| tenant.person(p).licenses.contains(slot));
    let page = hits.by_ref().take(limit).collect();
    (page, hits.next().map(PersonIdx::get))
}

fn user_view(tenant: &Tenant, idx: PersonIdx) -> UserView<'_> {
    let person = tenant.person(idx);
    UserView {
        id: ids::encode_uuid(IdType::People, &person.uuid),
        kind: "INTERNAL",
        display_name: &person.display_name,
        email: &person.email,
    }
}
