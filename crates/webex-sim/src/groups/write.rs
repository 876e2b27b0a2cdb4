//! `POST /v1/groups` (201), `PATCH /v1/groups/{groupId}`, `DELETE
//! /v1/groups/{groupId}` (204), in the simple JSON the spec's examples, the
//! 2023 docs and wxc_sdk use (the spec's own SCIM-style request schemas
//! are a known defect, webex-api.md §5.2).
//!
//! Members are people of the group's org or other groups of it (nesting;
//! a cycle is a 400). A display name already used in the org is a 409. A
//! PATCH adds members (`operation` add, the default) or deletes them, and
//! `purgeAllValues: {"attributes": ["members"]}` empties the group (wxc_sdk
//! even sends that as bare text, which is accepted too).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::view::GroupView;
use super::{find, find_member, WRITE_SCOPES};
use crate::http::{ApiError, Caller, JsonBody, Mutation, PathId};
use crate::state::Shared;
use crate::tenant::{Group, GroupIdx, GroupUsage, OrgIdx, Tenant};

/// Most members a create may carry.
const CREATE_MEMBERS_CAP: usize = 500;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateBody {
    display_name: Option<String>,
    org_id: Option<String>,
    description: Option<String>,
    #[serde(default)]
    members: Vec<MemberRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberRef {
    id: String,
    operation: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PatchBody {
    display_name: Option<String>,
    description: Option<String>,
    #[serde(default)]
    members: Vec<MemberRef>,
    purge_all_values: Option<serde_json::Value>,
}

pub async fn create(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    JsonBody(body): JsonBody<CreateBody>,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let mut tenant = state.tenant_mut();
    let org = caller.org_param(&tenant, body.org_id.as_deref())?;
    let name = body.display_name.filter(|n| !n.trim().is_empty());
    let name = name.ok_or_else(|| ApiError::bad_request("displayName is required."))?;
    check_name_free(&tenant, org, &name, None)?;
    if body.members.len() > CREATE_MEMBERS_CAP {
        return Err(ApiError::bad_request(format!("A group is created with at most {CREATE_MEMBERS_CAP} members.")));
    }
    let members = body.members.iter().map(|m| find_member(&tenant, org, &m.id)).collect::<Result<Vec<_>, _>>()?;
    let uuid = tenant.next_uuid(6);
    let org_uuid = tenant.org(org).uuid;
    let mut group = Group::new(uuid, org, &org_uuid, name.trim().to_string(), GroupUsage::Policy, state.now_ms());
    group.description = body.description;
    let idx = tenant.add_group(group);
    for member in members {
        add_member(&mut tenant, idx, member)?;
    }
    let id = tenant.group(idx).id.clone();
    mutation.record(&state, &tenant.org(org).id, &id, format!("created group {name}"));
    Ok((StatusCode::CREATED, Json(GroupView::new(&tenant, idx, true))).into_response())
}

pub async fn update(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let body = parse_patch(&body)?;
    let mut tenant = state.tenant_mut();
    let group = find(&tenant, &caller, &id)?;
    let org = tenant.group(group).org;
    let mut summary = Vec::new();
    if let Some(name) = body.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        check_name_free(&tenant, org, name, Some(group))?;
        tenant.group_mut(group).display_name = name.trim().to_string();
        summary.push(format!("renamed {name}"));
    }
    if let Some(description) = body.description {
        tenant.group_mut(group).description = Some(description);
    }
    if body.purge_all_values.is_some() {
        let emptied = tenant.group_mut(group);
        emptied.people.clear();
        emptied.groups.clear();
        summary.push("removed all members".into());
    }
    for member in &body.members {
        let found = find_member(&tenant, org, &member.id)?;
        match member.operation.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("add") => add_member(&mut tenant, group, found)?,
            Some("delete") | Some("remove") => remove_member(&mut tenant, group, found),
            Some(other) => return Err(ApiError::bad_request(format!("Invalid operation '{other}': add or delete."))),
        }
        summary.push(format!("{} {}", member.operation.as_deref().unwrap_or("add"), member.id));
    }
    tenant.group_mut(group).modified_ms = state.now_ms();
    mutation.record(&state, &tenant.org(org).id, &id, summary.join("; "));
    Ok(Json(GroupView::new(&tenant, group, true)).into_response())
}

pub async fn delete(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let mut tenant = state.tenant_mut();
    let group = find(&tenant, &caller, &id)?;
    let (org, name) = (tenant.group(group).org, tenant.group(group).display_name.clone());
    tenant.delete_group(group);
    mutation.record(&state, &tenant.org(org).id, &id, format!("deleted group {name}"));
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// JSON, or wxc_sdk's bare `purgeAllValues:{...}`.
fn parse_patch(bytes: &[u8]) -> Result<PatchBody, ApiError> {
    let text = String::from_utf8_lossy(bytes);
    if let Some(rest) = text.trim().strip_prefix("purgeAllValues:") {
        let value = serde_json::from_str(rest).map_err(|e| ApiError::bad_request(format!("Invalid body: {e}.")))?;
        return Ok(PatchBody { purge_all_values: Some(value), ..PatchBody::default() });
    }
    serde_json::from_str(&text).map_err(|e| ApiError::bad_request(format!("Invalid request body: {e}.")))
}

fn check_name_free(tenant: &Tenant, org: OrgIdx, name: &str, except: Option<GroupIdx>) -> Result<(), ApiError> {
    let taken = tenant
        .org(org)
        .groups
        .iter()
        .any(|&g| Some(g) != except && tenant.group(g).display_name.eq_ignore_ascii_case(name.trim()));
    match taken {
        true => Err(ApiError::conflict(format!("A group named '{}' already exists.", name.trim()))),
        false => Ok(()),
    }
}

fn add_member(tenant: &mut Tenant, group: GroupIdx, member: super::view::Member) -> Result<(), ApiError> {
    use super::view::Member;
    match member {
        Member::Person(p) if !tenant.group(group).people.contains(&p) => tenant.group_mut(group).people.push(p),
        Member::Group(g) if tenant.group_contains(g, group) => {
            return Err(ApiError::bad_request("A group cannot be nested inside itself."))
        }
        Member::Group(g) if !tenant.group(group).groups.contains(&g) => tenant.group_mut(group).groups.push(g),
        _ => {}
    }
    Ok(())
}

fn remove_member(tenant: &mut Tenant, group: GroupIdx, member: super::view::Member) {
    use super::view::Member;
    let target = tenant.group_mut(group);
    match member {
        Member::Person(p) => target.people.retain(|&x| x != p),
        Member::Group(g) => target.groups.retain(|&x| x != g),
    }
}
