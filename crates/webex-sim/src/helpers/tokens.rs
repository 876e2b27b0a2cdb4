//! `POST /_sim/tokens`: an access token for a seeded admin, without the
//! browser step. Body `{"role": "partner_full_admin" | "customer_full_admin"
//! | "read_only_admin", "orgId"?: "...", "scope"?: "a b c"}`; customer roles
//! default to the first customer org. The token carries every known scope,
//! or only those of `scope` (to try an endpoint's scope checks).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::http::ApiError;
use crate::ids::{self, IdType};
use crate::oauth::{Claims, ScopeSet, TokenKind};
use crate::state::Shared;
use crate::tenant::{AdminRole, OrgIdx, Tenant};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequest {
    role: String,
    org_id: Option<String>,
    scope: Option<String>,
}

/// OAuth-style token fields, Webex-style ids.
#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
    #[serde(rename = "personId")]
    person_id: String,
    #[serde(rename = "orgId")]
    org_id: String,
}

pub async fn issue(State(state): State<Shared>, body: Bytes) -> Result<Response, ApiError> {
    let request: TokenRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("Expected {{\"role\", \"orgId\"?}}: {e}.")))?;
    let role = AdminRole::parse(&request.role).ok_or_else(|| {
        ApiError::bad_request("role must be partner_full_admin, customer_full_admin or read_only_admin.")
    })?;
    let scopes = match request.scope.as_deref() {
        None => ScopeSet::all(),
        Some(text) => ScopeSet::parse(text).map_err(|s| ApiError::bad_request(format!("Unknown scope {s}.")))?,
    };
    let tenant = state.tenant();
    let org = target_org(&tenant, role, request.org_id.as_deref())?;
    let admin = tenant
        .seeded_admin(role, org)
        .ok_or_else(|| ApiError::not_found(format!("No seeded {} in that organization.", role.as_str())))?;
    let person = tenant.person(admin);
    let claims = Claims {
        kind: TokenKind::Access,
        person: person.uuid,
        org: tenant.org(org).uuid,
        role,
        scopes,
        expires_ms: state.clock.now_ms().saturating_add(state.access_token_ttl_ms),
    };
    Ok(Json(TokenResponse {
        access_token: state.signer.sign(&claims),
        expires_in: state.access_token_ttl_ms / 1000,
        person_id: ids::encode_uuid(IdType::People, &person.uuid),
        org_id: tenant.org(org).id.clone(),
    })
    .into_response())
}

fn target_org(tenant: &Tenant, role: AdminRole, org_id: Option<&str>) -> Result<OrgIdx, ApiError> {
    match org_id {
        Some(id) => ids::decode_uuid(IdType::Organization, id)
            .and_then(|uuid| tenant.find_org(&uuid))
            .ok_or_else(|| ApiError::not_found("Organization not found.")),
        None if role == AdminRole::PartnerFull => Ok(tenant.partner()),
        None => tenant
            .org_indices()
            .find(|&o| o != tenant.partner())
            .ok_or_else(|| ApiError::not_found("The tenant has no customer organization.")),
    }
}
