//! `POST /v1/broadworks/subscribers`: 200 with the subscriber; provisioning
//! continues in the background (status `provisioning`, finished after the
//! provisioning delay), or waits for an email (`pending_email_input`, the
//! untrusted-email flow of rule B1) when none is given.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::view::SubscriberView;
use super::{org_of_template, settle, WRITE_SCOPES};
use crate::http::{ApiError, Caller, JsonBody, Mutation};
use crate::state::Shared;
use crate::tenant::{Package, Profile, Subscriber, SubscriberStatus, Work};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionBody {
    provisioning_id: Option<String>,
    user_id: Option<String>,
    sp_enterprise_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    package: Option<String>,
    primary_phone_number: Option<String>,
    mobile_phone_number: Option<String>,
    extension: Option<String>,
    email: Option<String>,
    timezone: Option<String>,
}

fn required(value: Option<String>, name: &str) -> Result<String, ApiError> {
    value.filter(|v| !v.trim().is_empty()).ok_or_else(|| ApiError::bad_request(format!("{name} is required.")))
}

pub async fn provision(
    State(state): State<Shared>,
    caller: Caller,
    mutation: Mutation,
    JsonBody(body): JsonBody<ProvisionBody>,
) -> Result<Response, ApiError> {
    caller.require_write(WRITE_SCOPES)?;
    let provisioning_id = required(body.provisioning_id, "provisioningId")?;
    let sp_enterprise_id = required(body.sp_enterprise_id, "spEnterpriseId")?;
    let profile = Profile {
        user_id: required(body.user_id, "userId")?,
        first_name: required(body.first_name, "firstName")?,
        last_name: required(body.last_name, "lastName")?,
        primary_phone_number: body.primary_phone_number.filter(|v| !v.is_empty()),
        mobile_phone_number: body.mobile_phone_number.filter(|v| !v.is_empty()),
        extension: body.extension.filter(|v| !v.is_empty()),
        timezone: body.timezone,
    };
    let package_name = required(body.package, "package")?;
    let package = Package::parse(&package_name)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid package '{package_name}'.")))?;
    if profile.primary_phone_number.is_none() && profile.extension.is_none() {
        return Err(ApiError::bad_request("A subscriber needs a primaryPhoneNumber or an extension."));
    }
    let mut tenant = state.tenant_mut();
    settle(&state, &mut tenant);
    let org = org_of_template(&tenant, &caller, &provisioning_id)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid provisioningId '{provisioning_id}'.")))?;
    let enterprise = tenant.org(org).broadworks.as_ref().expect("templates belong to BroadWorks orgs");
    if enterprise.sp_enterprise_id != sp_enterprise_id {
        return Err(ApiError::bad_request("spEnterpriseId does not match the customer template's enterprise."));
    }
    let now = state.now_ms();
    let email = body.email.filter(|e| !e.trim().is_empty());
    let (status, work) = match email {
        Some(_) => {
            (SubscriberStatus::Provisioning, Some((Work::Provision, now.saturating_add(state.provisioning_delay_ms))))
        }
        None => (SubscriberStatus::PendingEmailInput, None),
    };
    let uuid = tenant.next_uuid(8);
    let at = tenant.add_subscriber(Subscriber {
        seq: 0,
        uuid,
        org,
        profile,
        email,
        package,
        status,
        errors: Vec::new(),
        created_ms: now,
        last_status_change_ms: now,
        self_activated: false,
        person: None,
        work,
    });
    let subscriber = &tenant.subscribers()[at];
    let view = SubscriberView::new(&tenant, subscriber);
    let id = crate::ids::encode_uuid(crate::ids::IdType::Subscriber, &uuid);
    let summary = format!("provision {} ({})", subscriber.profile.user_id, package.as_str());
    mutation.record(&state, &tenant.org(org).id, &id, summary);
    Ok(Json(view).into_response())
}
