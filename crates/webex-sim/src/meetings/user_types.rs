//! A user's session types (rules S1, S2): `GET
//! /v1/admin/meeting/userconfig/sessionTypes?siteUrl&personId` (or `email`,
//! as a query parameter or as the header the spec lists, a likely defect)
//! → `{items: [{personId, email, siteUrl, sessionTypes}]}`, one item per
//! site (all the user's sites without `siteUrl`); and the PUT that replaces
//! the user's set on a site, for a host of that site.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::site_types::{managed_site, READ_SCOPES};
use super::user_sites;
use crate::http::{ApiError, Caller, JsonBody, Mutation, QueryParams};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{session_members, PersonIdx, SessionSet, Tenant};

const WRITE_SCOPES: &[Scope] = &[Scope::MeetingAdminScheduleWrite, Scope::MeetingAdminConfigWrite];

#[derive(Serialize)]
struct Items {
    items: Vec<UserTypes>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserTypes {
    person_id: String,
    email: String,
    site_url: String,
    session_types: Vec<TypeView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TypeView {
    id: &'static str,
    short_name: &'static str,
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn user_types(tenant: &Tenant, person: PersonIdx, slot: usize) -> UserTypes {
    let holder = tenant.person(person);
    let site = &tenant.org(holder.org).sites[slot];
    let set = tenant.session_set(person, slot);
    UserTypes {
        person_id: ids::encode_uuid(IdType::People, &holder.uuid),
        email: holder.email.to_string(),
        site_url: site.url.clone(),
        session_types: session_members(site.session_types(), set)
            .map(|t| TypeView { id: t.id, short_name: t.short_name, name: t.name, kind: t.kind })
            .collect(),
    }
}

/// The user named by `personId` or `email` (query, header or body).
fn named_user(
    tenant: &Tenant,
    caller: &Caller,
    person_id: Option<&str>,
    email: Option<&str>,
) -> Result<PersonIdx, ApiError> {
    let person = match (person_id, email) {
        (Some(id), _) => ids::decode_uuid(IdType::People, id).and_then(|uuid| tenant.find_person(&uuid)),
        (None, Some(email)) => tenant.find_person_by_email(email),
        (None, None) => return Err(ApiError::bad_request("personId or email is required.")),
    };
    let person = person.ok_or_else(|| ApiError::not_found("User not found."))?;
    caller.check_org(tenant, tenant.person(person).org)?;
    Ok(person)
}

pub async fn list(
    State(state): State<Shared>,
    caller: Caller,
    params: QueryParams,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let header_email = headers.get("email").and_then(|v| v.to_str().ok());
    let person = named_user(&tenant, &caller, params.get("personId"), params.get("email").or(header_email))?;
    let slots = match params.get("siteUrl") {
        Some(url) => {
            let (org, slot) = managed_site(&tenant, &caller, url)?;
            if org != tenant.person(person).org {
                return Err(ApiError::not_found(format!("The user is not on {url}.")));
            }
            vec![slot]
        }
        None => user_sites(&tenant, person),
    };
    let items = slots.into_iter().map(|slot| user_types(&tenant, person, slot)).collect();
    Ok(Json(Items { items }).into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceBody {
    site_url: Option<String>,
    person_id: Option<String>,
    email: Option<String>,
    session_type_ids: Option<Vec<String>>,
}

pub async fn replace(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    JsonBody(body): JsonBody<ReplaceBody>,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let url = body.site_url.ok_or_else(|| ApiError::bad_request("siteUrl is required."))?;
    let wanted = body.session_type_ids.ok_or_else(|| ApiError::bad_request("sessionTypeIds is required."))?;
    let mut tenant = state.tenant_mut();
    let person = named_user(&tenant, &caller, body.person_id.as_deref(), body.email.as_deref())?;
    let (org, slot) = managed_site(&tenant, &caller, &url)?;
    if org != tenant.person(person).org || !tenant.hosts_on(person, slot) {
        return Err(ApiError::bad_request(format!("The user has no host license on {url}.")));
    }
    let types = tenant.org(org).sites[slot].session_types();
    let mut set: SessionSet = 0;
    for id in &wanted {
        let at = types.iter().position(|t| t.id == id);
        let at = at.ok_or_else(|| ApiError::bad_request(format!("Session type {id} is not offered on {url}.")))?;
        set |= 1 << at;
    }
    tenant.set_session_set(person, slot, set);
    let person_id = ids::encode_uuid(IdType::People, &tenant.person(person).uuid);
    mutation.record(&state, &tenant.org(org).id, &person_id, format!("session types on {url}: {}", wanted.join(",")));
    Ok(Json(user_types(&tenant, person, slot)).into_response())
}
