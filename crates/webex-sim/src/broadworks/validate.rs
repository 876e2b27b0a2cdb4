//! `POST /v1/broadworks/subscribers/validate`: the provisioning precheck.
//! `email` is required. Success answers `{message: "success", info:
//! [{infoCode: 100, description}]}` (an array, as the spec's example and
//! webex-api.md have it; the spec's schema says object, a defect). A
//! precheck that fails is a 400 in the Webex error shape with the code of
//! what would fail in the background: 10015 no customer template has the
//! provisioning id, 10022 the user id is associated with a Webex user
//! already (not merely held by a subscriber still pending or failed: that
//! one is what a retry deletes and provisions again), 10010 the email is a
//! Webex user's in another org.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::{org_of_template, settled, WRITE_SCOPES};
use crate::http::{ApiError, Caller, ErrorDetail, JsonBody};
use crate::state::Shared;
use crate::tenant::Package;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrecheckBody {
    provisioning_id: Option<String>,
    user_id: Option<String>,
    package: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct Precheck {
    message: &'static str,
    info: [Info; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    info_code: u32,
    description: &'static str,
}

fn failed(code: u32, description: String) -> ApiError {
    ApiError::detailed(
        StatusCode::BAD_REQUEST,
        "Provisioning precheck failed.",
        vec![ErrorDetail { error_code: Some(code), description }],
    )
}

pub async fn validate(
    State(state): State<Shared>,
    caller: Caller,
    JsonBody(body): JsonBody<PrecheckBody>,
) -> Result<Response, ApiError> {
    caller.require_scope(WRITE_SCOPES)?;
    let email = body.email.filter(|e| !e.is_empty()).ok_or_else(|| ApiError::bad_request("email is required."))?;
    if let Some(package) = body.package.as_deref().filter(|p| Package::parse(p).is_none()) {
        return Err(ApiError::bad_request(format!("Invalid package '{package}'.")));
    }
    let tenant = settled(&state);
    let org = match body.provisioning_id.as_deref() {
        Some(id) => Some(
            org_of_template(&tenant, &caller, id)
                .ok_or_else(|| failed(10015, format!("No customer template has the provisioning ID {id}.")))?,
        ),
        None => None,
    };
    if let Some(user_id) = body.user_id.as_deref().filter(|u| tenant.user_id_taken(u, None)) {
        return Err(failed(
            10022,
            format!("The BroadWorks UserID {user_id} is already associated with an existing user."),
        ));
    }
    let elsewhere = tenant.find_person_by_email(&email).is_some_and(|p| Some(tenant.person(p).org) != org);
    if elsewhere {
        return Err(failed(
            10010,
            format!("{email} belongs to a Webex user in another organization: consent to move is needed."),
        ));
    }
    let info = Info { info_code: 100, description: "Provisioning preCheck validation successful." };
    Ok(Json(Precheck { message: "success", info: [info] }).into_response())
}
