//! `GET /v1/meetings/sessionTypes?hostEmail&siteUrl` → `{items: [{id, name,
//! type, attendeesCapacity}]}`: what a host can schedule with on a site
//! (default: their preferred site), and `GET .../sessionTypes/{id}`. Only
//! meeting, webinar and private meeting types are listed (the enum of the
//! meeting spec's `MeetingSessionTypeObject`). `hostEmail` needs an admin
//! scope; without it the caller is the host.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::{preferred_site, site_slot, target_user};
use crate::http::{ApiError, Caller, PathId, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{session_members, SessionType, Tenant};

const LISTED_KINDS: [&str; 3] = ["meeting", "webinar", "privateMeeting"];

#[derive(Serialize)]
struct Items {
    items: Vec<HostTypeView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HostTypeView {
    id: &'static str,
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    attendees_capacity: u32,
}

fn view(t: &SessionType) -> HostTypeView {
    HostTypeView { id: t.id, name: t.name, kind: t.kind, attendees_capacity: t.attendees_capacity }
}

fn host_types(tenant: &Tenant, caller: &Caller, params: &QueryParams) -> Result<Vec<&'static SessionType>, ApiError> {
    let email = params.get("hostEmail");
    let accepted: &[Scope] = match email {
        Some(_) => &[Scope::MeetingAdminScheduleRead],
        None => &[Scope::MeetingSchedulesRead, Scope::MeetingAdminScheduleRead],
    };
    caller.require_scope(accepted)?;
    let person = target_user(tenant, caller, email)?;
    let org = tenant.person(person).org;
    let slot = match params.get("siteUrl") {
        Some(url) => {
            site_slot(tenant, org, url).ok_or_else(|| ApiError::not_found(format!("Site {url} not found.")))?
        }
        None => preferred_site(tenant, person).ok_or_else(|| ApiError::not_found("The user has no meeting site."))?,
    };
    let types = tenant.org(org).sites[slot].session_types();
    let set = tenant.session_set(person, slot);
    Ok(session_members(types, set).filter(|t| LISTED_KINDS.contains(&t.kind)).collect())
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    let tenant = state.tenant();
    let items = host_types(&tenant, &caller, &params)?.into_iter().map(view).collect();
    Ok(Json(Items { items }).into_response())
}

pub async fn get(
    State(state): State<Shared>,
    caller: Caller,
    PathId(id): PathId,
    params: QueryParams,
) -> Result<Response, ApiError> {
    let tenant = state.tenant();
    let found = host_types(&tenant, &caller, &params)?.into_iter().find(|t| t.id == id);
    let found = found.ok_or_else(|| ApiError::not_found(format!("Session type {id} not found for this host.")))?;
    Ok(Json(view(found)).into_response())
}
