//! `GET /v1/authorize` (webex-api.md §1.2): the browser step of the code flow.
//!
//! Errors that make the redirect untrustworthy (client, redirect_uri) or
//! unmatchable (no state) are answered here with a 400 and never
//! redirected; the others go back to the client as `?error=...&state=...`
//! (RFC 6749 §4.1.2.1). With `login_hint` naming a seeded admin the request
//! is approved at once; otherwise the sign-in page lists the admins.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use url::Url;

use super::super::http::{ApiError, QueryParams};
use super::codes::Grant;
use super::{picker, pkce, redirect, ScopeSet};
use crate::state::Shared;
use crate::tenant::{PersonIdx, Tenant};
use crate::DEMO_CLIENT_ID;

struct AuthorizeRequest {
    redirect: Url,
    redirect_uri: String,
    state: String,
    scopes: ScopeSet,
    code_challenge: Option<String>,
}

pub async fn authorize(State(state): State<Shared>, params: QueryParams) -> Result<Response, ApiError> {
    let request = match parse(&params)? {
        Ok(request) => request,
        Err(redirect_with_error) => return Ok(redirect_with_error),
    };
    let tenant = state.tenant();
    let hint = params.get("login_hint");
    match hint.and_then(|email| seeded_admin(&tenant, email)) {
        Some(admin) => Ok(approve(&state, &tenant, admin, request)),
        None => Ok(picker::page(&tenant, &params, hint)),
    }
}

/// Err for errors shown to the user; Ok(Err) for errors sent back to the client.
fn parse(params: &QueryParams) -> Result<Result<AuthorizeRequest, Response>, ApiError> {
    if let Some(name) = params.repeated() {
        return Err(ApiError::oauth("invalid_request", format!("Parameter {name} is repeated.")));
    }
    match params.get("client_id") {
        None => return Err(ApiError::oauth("invalid_request", "client_id is required.")),
        Some(DEMO_CLIENT_ID) => {}
        Some(other) => return Err(ApiError::oauth("invalid_client", format!("Unknown client_id '{other}'."))),
    }
    let redirect_uri =
        params.get("redirect_uri").ok_or_else(|| ApiError::oauth("invalid_request", "redirect_uri is required."))?;
    let redirect =
        redirect::loopback(redirect_uri).map_err(|why| ApiError::oauth("invalid_request", format!("{why}.")))?;
    let state = params.get("state").ok_or_else(|| ApiError::oauth("invalid_request", "state is required."))?;
    let back = |error: &str, description: &str| {
        let params = [("error", error), ("error_description", description), ("state", state)];
        found(redirect::with_params(redirect.clone(), &params))
    };
    if params.get("response_type") != Some("code") {
        return Ok(Err(back("unsupported_response_type", "response_type must be code.")));
    }
    let scopes = match params.get("scope").map(ScopeSet::parse) {
        None => return Ok(Err(back("invalid_scope", "scope is required."))),
        Some(Err(unknown)) => return Ok(Err(back("invalid_scope", &format!("Unknown scope {unknown}.")))),
        Some(Ok(scopes)) if scopes.is_empty() => return Ok(Err(back("invalid_scope", "scope is required."))),
        Some(Ok(scopes)) => scopes,
    };
    let code_challenge = match (params.get("code_challenge"), params.get("code_challenge_method")) {
        (None, None) => None,
        (Some(challenge), Some("S256")) if pkce::is_valid_challenge(challenge) => Some(challenge.to_string()),
        (Some(_), Some("S256")) => {
            return Ok(Err(back("invalid_request", "code_challenge is not a base64url SHA-256.")))
        }
        (Some(_), _) => return Ok(Err(back("invalid_request", "code_challenge_method must be S256."))),
        (None, Some(_)) => return Ok(Err(back("invalid_request", "code_challenge is missing."))),
    };
    Ok(Ok(AuthorizeRequest {
        redirect: redirect.clone(),
        redirect_uri: redirect_uri.to_string(),
        state: state.to_string(),
        scopes,
        code_challenge,
    }))
}

fn seeded_admin(tenant: &Tenant, email: &str) -> Option<PersonIdx> {
    tenant.find_person_by_email(email).filter(|&p| tenant.person(p).admin.is_some())
}

fn approve(state: &Shared, tenant: &Tenant, admin: PersonIdx, request: AuthorizeRequest) -> Response {
    let person = tenant.person(admin);
    let code = state.codes.issue(Grant {
        person: person.uuid,
        org: tenant.org(person.org).uuid,
        role: person.admin.expect("only seeded admins are approved"),
        scopes: request.scopes,
        redirect_uri: request.redirect_uri,
        code_challenge: request.code_challenge,
    });
    found(redirect::with_params(request.redirect, &[("code", &code), ("state", &request.state)]))
}

fn found(location: String) -> Response {
    (StatusCode::FOUND, [(LOCATION, location), (CACHE_CONTROL, "no-store".to_string())]).into_response()
}
