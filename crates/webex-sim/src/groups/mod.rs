//! The Groups API (webex-api.md §5.2): list, get, members, create, change,
//! delete. Reads need `identity:groups_read` (or `identity:groups_rw`),
//! writes `identity:groups_rw` and a full admin.

mod get;
mod list;
mod view;
mod write;

use axum::routing::get;
use axum::Router;

use crate::http::{ApiError, Caller};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{group_uuid, GroupIdx, OrgIdx, Tenant};
use view::Member;

const READ_SCOPES: &[Scope] = &[Scope::IdentityGroupsRead, Scope::IdentityGroupsRw];
const WRITE_SCOPES: &[Scope] = &[Scope::IdentityGroupsRw];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/groups", get(list::list).post(write::create))
        .route("/v1/groups/{groupId}", get(get::get).patch(write::update).delete(write::delete))
        .route("/v1/groups/{groupId}/members", get(get::members))
        // wxc_sdk spells it with a capital M.
        .route("/v1/groups/{groupId}/Members", get(get::members))
}

/// A group the caller administers: 404 unknown, 403 in another org.
fn find(tenant: &Tenant, caller: &Caller, id: &str) -> Result<GroupIdx, ApiError> {
    let group = group_uuid(id)
        .and_then(|uuid| tenant.find_group(&uuid))
        .ok_or_else(|| ApiError::not_found("Group not found."))?;
    caller.check_org(tenant, tenant.group(group).org)?;
    Ok(group)
}

/// A person or a group of `org`, by id: 400 otherwise.
fn find_member(tenant: &Tenant, org: OrgIdx, id: &str) -> Result<Member, ApiError> {
    let person = ids::decode_uuid(IdType::People, id).and_then(|uuid| tenant.find_person(&uuid));
    if let Some(p) = person.filter(|&p| tenant.person(p).org == org) {
        return Ok(Member::Person(p));
    }
    let group = group_uuid(id).and_then(|uuid| tenant.find_group(&uuid));
    match group.filter(|&g| tenant.group(g).org == org) {
        Some(g) => Ok(Member::Group(g)),
        None => Err(ApiError::bad_request(format!("Member '{id}' is not a person or a group of this organization."))),
    }
}
