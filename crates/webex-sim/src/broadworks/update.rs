//! `PUT /v1/broadworks/subscribers/{id}` (200; the changes are not in the
//! answer: they show once `updating` has become `provisioned`), `DELETE`
//! (204: the mapping goes, the Webex user stays) and the consent email of
//! `POST /v1/subscribers/{id}/emails/consentMove` (204, only for
//! `pending_user_migration`).
//!
//! An update of a subscriber in `error` retries provisioning with the new
//! details (rule B4: change the package, retry); one still pending an
//! email or consent takes the details at once; one with work in progress
//! is a 409. Empty strings remove a value, but a subscriber keeps a
//! primary number or an extension.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::view::SubscriberView;
use super::{find, settle, WRITE_SCOPES};
use crate::http::{ApiError, Caller, JsonBody, Mutation, PathId};
use crate::state::Shared;
use crate::tenant::{Package, Profile, SubscriberStatus, Work};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateBody {
    user_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    primary_phone_number: Option<String>,
    mobile_phone_number: Option<String>,
    extension: Option<String>,
    timezone: Option<String>,
    package: Option<String>,
}

/// `Some("")` removes, `Some(v)` sets, `None` keeps.
fn change(current: &Option<String>, sent: Option<String>) -> Option<String> {
    match sent {
        None => current.clone(),
        Some(v) if v.is_empty() => None,
        Some(v) => Some(v),
    }
}

fn updated(current: &Profile, body: UpdateBody) -> Result<Profile, ApiError> {
    let keep = |now: &String, sent: Option<String>| sent.filter(|v| !v.is_empty()).unwrap_or_else(|| now.clone());
    let profile = Profile {
        user_id: keep(&current.user_id, body.user_id),
        first_name: keep(&current.first_name, body.first_name),
        last_name: keep(&current.last_name, body.last_name),
        primary_phone_number: change(&current.primary_phone_number, body.primary_phone_number),
        mobile_phone_number: change(&current.mobile_phone_number, body.mobile_phone_number),
        extension: change(&current.extension, body.extension),
        timezone: change(&current.timezone, body.timezone),
    };
    match profile.primary_phone_number.is_some() || profile.extension.is_some() {
        true => Ok(profile),
        false => Err(ApiError::bad_request("A subscriber must keep a primaryPhoneNumber or an extension.")),
    }
}

pub async fn update(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
    JsonBody(mut body): JsonBody<UpdateBody>,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let package = body
        .package
        .take()
        .map(|p| Package::parse(&p).ok_or_else(|| ApiError::bad_request(format!("Invalid package '{p}'."))));
    let package = package.transpose()?;
    let mut tenant = state.tenant_mut();
    settle(&state, &mut tenant);
    let at = find(&tenant, &caller, &id)?;
    let now = state.now_ms();
    let due = now.saturating_add(state.provisioning_delay_ms);
    let current = tenant.subscribers()[at].clone();
    if current.status.in_progress() {
        return Err(ApiError::conflict("The subscriber has provisioning or an update in progress."));
    }
    let profile = updated(&current.profile, body)?;
    let package = package.unwrap_or(current.package);
    let subscriber = tenant.subscriber_mut(at);
    match current.status {
        SubscriberStatus::Provisioned => {
            subscriber.status = SubscriberStatus::Updating;
            subscriber.work = Some((Work::Update { profile, package }, due));
        }
        SubscriberStatus::Error => {
            (subscriber.profile, subscriber.package) = (profile, package);
            subscriber.status = SubscriberStatus::Provisioning;
            subscriber.errors.clear();
            subscriber.work = Some((Work::Provision, due));
        }
        _ => (subscriber.profile, subscriber.package) = (profile, package),
    }
    subscriber.last_status_change_ms = now;
    let org_id = tenant.org(current.org).id.clone();
    let summary = format!("update {} (was {})", current.profile.user_id, current.status.as_str());
    mutation.record(&state, &org_id, &id, summary);
    Ok(Json(SubscriberView::new(&tenant, &tenant.subscribers()[at])).into_response())
}

pub async fn delete(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let mut tenant = state.tenant_mut();
    settle(&state, &mut tenant);
    let at = find(&tenant, &caller, &id)?;
    let subscriber = &tenant.subscribers()[at];
    let (org_id, user_id) = (tenant.org(subscriber.org).id.clone(), subscriber.profile.user_id.clone());
    tenant.remove_subscriber(at);
    mutation.record(&state, &org_id, &id, format!("delete {user_id}"));
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn consent_move(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let mut tenant = state.tenant_mut();
    settle(&state, &mut tenant);
    let at = find(&tenant, &caller, &id)?;
    let subscriber = &tenant.subscribers()[at];
    if subscriber.status != SubscriberStatus::PendingUserMigration {
        return Err(ApiError::bad_request("A consent email is sent only to a subscriber in pending_user_migration."));
    }
    let org_id = tenant.org(subscriber.org).id.clone();
    mutation.record(&state, &org_id, &id, format!("consent email to {}", subscriber.email.as_deref().unwrap_or("?")));
    Ok(StatusCode::NO_CONTENT.into_response())
}
