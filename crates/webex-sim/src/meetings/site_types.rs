//! `GET /v1/admin/meeting/config/sessionTypes?siteUrl=` → `{items: [{id,
//! shortName, siteUrl, name, type}]}`: the session types a site offers
//! (default: the admin's org's first site).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::site_slot;
use crate::http::{ApiError, Caller, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{OrgIdx, Tenant};

pub const READ_SCOPES: &[Scope] = &[Scope::MeetingAdminScheduleRead, Scope::MeetingAdminConfigRead];

#[derive(Serialize)]
struct Items<'a> {
    items: Vec<SiteTypeView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SiteTypeView<'a> {
    id: &'static str,
    short_name: &'static str,
    site_url: &'a str,
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let (org, slot) = match params.get("siteUrl") {
        None => (caller.org, 0),
        Some(url) => managed_site(&tenant, &caller, url)?,
    };
    let site = &tenant.org(org).sites[slot];
    let items = site
        .session_types()
        .iter()
        .map(|t| SiteTypeView { id: t.id, short_name: t.short_name, site_url: &site.url, name: t.name, kind: t.kind })
        .collect();
    Ok(Json(Items { items }).into_response())
}

/// A site of an org the caller manages: 404 otherwise.
pub fn managed_site(tenant: &Tenant, caller: &Caller, url: &str) -> Result<(OrgIdx, usize), ApiError> {
    tenant
        .org_indices()
        .filter(|&o| tenant.manages(caller.org, o))
        .find_map(|o| site_slot(tenant, o, url).map(|s| (o, s)))
        .ok_or_else(|| ApiError::not_found(format!("Site {url} not found.")))
}
