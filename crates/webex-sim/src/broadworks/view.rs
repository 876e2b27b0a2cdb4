//! A subscriber as the BroadWorks API shows it (broadworks spec
//! `Subscriber`), and `GET /v1/broadworks/subscribers/{id}`. `personId`
//! only once provisioned; `errors` lists the background errors of the last
//! attempt.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::{find, settled, READ_SCOPES};
use crate::clock::iso_ms;
use crate::http::{ApiError, Caller, PathId};
use crate::ids::{self, IdType};
use crate::state::Shared;
use crate::tenant::{Subscriber, SubscriberStatus, Tenant};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberView<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<String>,
    user_id: &'a str,
    sp_enterprise_id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<&'a str>,
    package: &'static str,
    status: &'static str,
    errors: Vec<ErrorView<'a>>,
    created: String,
    last_status_change: String,
    provisioning_id: &'a str,
    self_activated: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorView<'a> {
    error_code: u32,
    description: &'a str,
}

impl<'a> SubscriberView<'a> {
    pub fn new(tenant: &'a Tenant, subscriber: &'a Subscriber) -> SubscriberView<'a> {
        let enterprise = tenant.org(subscriber.org).broadworks.as_ref().expect("subscribers are in BroadWorks orgs");
        let provisioned = subscriber.status == SubscriberStatus::Provisioned;
        let profile = &subscriber.profile;
        SubscriberView {
            id: ids::encode_uuid(IdType::Subscriber, &subscriber.uuid),
            person_id: subscriber
                .person
                .filter(|_| provisioned)
                .map(|p| ids::encode_uuid(IdType::People, &tenant.person(p).uuid)),
            user_id: &profile.user_id,
            sp_enterprise_id: &enterprise.sp_enterprise_id,
            first_name: &profile.first_name,
            last_name: &profile.last_name,
            email: subscriber.email.as_deref(),
            primary_phone_number: profile.primary_phone_number.as_deref(),
            mobile_phone_number: profile.mobile_phone_number.as_deref(),
            extension: profile.extension.as_deref(),
            package: subscriber.package.as_str(),
            status: subscriber.status.as_str(),
            errors: subscriber
                .errors
                .iter()
                .map(|e| ErrorView { error_code: e.code, description: &e.description })
                .collect(),
            created: iso_ms(subscriber.created_ms),
            last_status_change: iso_ms(subscriber.last_status_change_ms),
            provisioning_id: &enterprise.provisioning_id,
            self_activated: subscriber.self_activated,
        }
    }
}

pub async fn get(State(state): State<Shared>, caller: Caller, PathId(id): PathId) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = settled(&state);
    let at = find(&tenant, &caller, &id)?;
    Ok(Json(SubscriberView::new(&tenant, &tenant.subscribers()[at])).into_response())
}
