//! The Organizations API (webex-api.md §5.1): `{id, displayName, created}`.
//! The list is the caller's org plus, for a partner admin, every customer
//! org it manages; it is not paginated.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::iso_ms;
use crate::http::{ApiError, Caller, PathId};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{Org, OrgIdx, Tenant};

const READ_SCOPES: &[Scope] = &[Scope::AdminOrganizationsRead];

pub fn routes() -> Router<Shared> {
    Router::new().route("/v1/organizations", get(list)).route("/v1/organizations/{orgId}", get(get_one))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrgView<'a> {
    id: &'a str,
    display_name: &'a str,
    created: String,
}

impl<'a> OrgView<'a> {
    fn new(org: &'a Org) -> OrgView<'a> {
        OrgView { id: &org.id, display_name: &org.display_name, created: iso_ms(org.created_ms) }
    }
}

#[derive(Serialize)]
struct ListBody<'a> {
    items: Vec<OrgView<'a>>,
}

async fn list(State(state): State<Shared>, caller: Caller) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let items =
        tenant.org_indices().filter(|&o| tenant.manages(caller.org, o)).map(|o| OrgView::new(tenant.org(o))).collect();
    Ok(Json(ListBody { items }).into_response())
}

async fn get_one(State(state): State<Shared>, caller: Caller, PathId(id): PathId) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let org = find(&tenant, &id).ok_or_else(|| ApiError::not_found("Organization not found."))?;
    caller.check_org(&tenant, org)?;
    Ok(Json(OrgView::new(tenant.org(org))).into_response())
}

/// By Webex id, or by bare uuid as Webex also accepts (webex-api.md §2.1).
fn find(tenant: &Tenant, id: &str) -> Option<OrgIdx> {
    let uuid = ids::decode_uuid(IdType::Organization, id).or_else(|| Uuid::parse_str(id).ok())?;
    tenant.find_org(&uuid)
}
