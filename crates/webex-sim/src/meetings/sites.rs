//! `GET /v1/meetingPreferences/sites` → `{sites: [{siteUrl, default}]}`,
//! and `PUT /v1/meetingPreferences/sites?defaultSite=true` with `{siteUrl}`
//! → `{siteUrl, default: true}`. `userEmail` names another user, which
//! needs the admin-level scope.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::{preferred_site, site_slot, target_user, user_sites};
use crate::http::{ApiError, Caller, JsonBody, Mutation, QueryParams};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;

#[derive(Serialize)]
struct Sites {
    sites: Vec<SiteView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SiteView {
    site_url: String,
    default: bool,
}

fn scopes(admin: bool, write: bool) -> &'static [Scope] {
    match (admin, write) {
        (true, false) => &[Scope::MeetingAdminPreferencesRead],
        (true, true) => &[Scope::MeetingAdminPreferencesWrite],
        (false, false) => &[Scope::MeetingPreferencesRead, Scope::MeetingAdminPreferencesRead],
        (false, true) => &[Scope::MeetingPreferencesWrite, Scope::MeetingAdminPreferencesWrite],
    }
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    let email = params.get("userEmail");
    caller.require_scope(scopes(email.is_some(), false))?;
    let tenant = state.tenant();
    let person = target_user(&tenant, &caller, email)?;
    let org = tenant.person(person).org;
    let preferred = preferred_site(&tenant, person);
    let sites = user_sites(&tenant, person)
        .into_iter()
        .map(|slot| SiteView { site_url: tenant.org(org).sites[slot].url.clone(), default: Some(slot) == preferred })
        .collect();
    Ok(Json(Sites { sites }).into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultSite {
    site_url: Option<String>,
}

pub async fn set_default(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    params: QueryParams,
    JsonBody(body): JsonBody<DefaultSite>,
) -> Result<Response, ApiError> {
    let email = params.get("userEmail");
    caller.require_write(scopes(email.is_some(), true))?;
    if !params.flag("defaultSite")? {
        return Err(ApiError::bad_request("defaultSite=true is required."));
    }
    let url = body.site_url.ok_or_else(|| ApiError::bad_request("siteUrl is required."))?;
    let mut tenant = state.tenant_mut();
    let person = target_user(&tenant, &caller, email)?;
    let org = tenant.person(person).org;
    let slot = site_slot(&tenant, org, &url)
        .filter(|s| user_sites(&tenant, person).contains(s))
        .ok_or_else(|| ApiError::bad_request(format!("The user is not set up on {url}.")))?;
    tenant.person_mut(person).default_site = Some(slot as u8);
    let id = ids::encode_uuid(IdType::People, &tenant.person(person).uuid);
    mutation.record(&state, &tenant.org(org).id, &id, format!("default site {url}"));
    let site_url = tenant.org(org).sites[slot].url.clone();
    Ok(Json(SiteView { site_url, default: true }).into_response())
}
