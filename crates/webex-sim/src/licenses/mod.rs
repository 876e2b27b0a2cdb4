//! The Licenses API (webex-api.md §4.1–4.3): the org's licenses with
//! counts that stay true, who holds one, and `PATCH /v1/licenses/users`.

mod assign;
mod get;
mod view;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use axum::{Json, Router};
use serde::Serialize;

use crate::http::{ApiError, Caller, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;
use view::LicenseView;

pub use assign::{find_license, find_location};

const READ_SCOPES: &[Scope] = &[Scope::AdminLicensesRead];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/licenses", get(list))
        .route("/v1/licenses/users", patch(assign::assign))
        .route("/v1/licenses/{licenseId}", get(get::get))
}

#[derive(Serialize)]
struct ListBody<'a> {
    items: Vec<LicenseView<'a>>,
}

/// `GET /v1/licenses?orgId=`: the org's licenses (default: the caller's), not paginated.
async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let org = caller.org_param(&tenant, params.get("orgId"))?;
    let items = tenant.org(org).licenses.iter().map(|&l| LicenseView::new(&tenant, tenant.license(l))).collect();
    Ok(Json(ListBody { items }).into_response())
}
