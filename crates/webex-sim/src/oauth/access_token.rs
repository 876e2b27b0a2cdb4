//! `POST /v1/access_token` (webex-api.md §1.3–1.5): the code exchange and
//! the refresh, form-encoded, answering the exact §1.4 fields.
//!
//! A refresh returns a new access token and the same refresh token with
//! what is left of its lifetime (90 days by default), as Webex does.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, PRAGMA};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::super::http::{ApiError, QueryParams};
use super::token::{Claims, TokenKind};
use super::{client, pkce};
use crate::state::Shared;

#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
    refresh_token: String,
    refresh_token_expires_in: u64,
    token_type: &'static str,
    scope: String,
}

pub async fn access_token(State(state): State<Shared>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let form_encoded = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !form_encoded {
        return Err(ApiError::oauth("invalid_request", "The body must be application/x-www-form-urlencoded."));
    }
    let form = QueryParams::parse(&String::from_utf8_lossy(&body));
    if let Some(name) = form.repeated() {
        return Err(ApiError::oauth("invalid_request", format!("Parameter {name} is repeated.")));
    }
    client::authenticate(&headers, &form)?;
    let now = state.clock.now_ms();
    let response = match form.get("grant_type") {
        Some("authorization_code") => exchange_code(&state, &form, now)?,
        Some("refresh_token") => refresh(&state, &form, now)?,
        Some(other) => {
            return Err(ApiError::oauth("unsupported_grant_type", format!("Unsupported grant_type '{other}'.")))
        }
        None => return Err(ApiError::oauth("invalid_request", "grant_type is required.")),
    };
    Ok(([(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")], Json(response)).into_response())
}

fn exchange_code(state: &Shared, form: &QueryParams, now: u64) -> Result<TokenResponse, ApiError> {
    let code = form.get("code").ok_or_else(|| ApiError::oauth("invalid_request", "code is required."))?;
    let grant = state.codes.redeem(code).ok_or_else(|| {
        ApiError::oauth("invalid_grant", "The authorization code is invalid, expired or already used.")
    })?;
    if form.get("redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return Err(ApiError::oauth("invalid_grant", "redirect_uri does not match the authorization request."));
    }
    match (&grant.code_challenge, form.get("code_verifier")) {
        (None, None) => {}
        (Some(challenge), Some(verifier)) if pkce::verifier_matches(verifier, challenge) => {}
        (Some(_), Some(_)) => {
            return Err(ApiError::oauth("invalid_grant", "code_verifier does not match the code_challenge."))
        }
        (Some(_), None) => return Err(ApiError::oauth("invalid_grant", "code_verifier is required.")),
        (None, Some(_)) => {
            return Err(ApiError::oauth(
                "invalid_grant",
                "code_verifier sent, but the authorization had no code_challenge.",
            ))
        }
    }
    let refresh = Claims {
        kind: TokenKind::Refresh,
        person: grant.person,
        org: grant.org,
        role: grant.role,
        scopes: grant.scopes,
        expires_ms: now.saturating_add(state.refresh_token_ttl_ms),
    };
    Ok(respond(state, state.signer.sign(&refresh), &refresh, now))
}

fn refresh(state: &Shared, form: &QueryParams, now: u64) -> Result<TokenResponse, ApiError> {
    let token =
        form.get("refresh_token").ok_or_else(|| ApiError::oauth("invalid_request", "refresh_token is required."))?;
    let refresh = state
        .signer
        .verify(token, TokenKind::Refresh, now)
        .map_err(|_| ApiError::oauth("invalid_grant", "The refresh token is invalid or expired."))?;
    if state.tenant().find_person(&refresh.person).is_none() {
        return Err(ApiError::oauth("invalid_grant", "The refresh token's user no longer exists."));
    }
    let mut grant = refresh;
    if let Some(asked) = form.get("scope") {
        // RFC 6749 §6: a refresh may narrow the scope, never widen it.
        grant.scopes = super::ScopeSet::parse(asked)
            .ok()
            .filter(|narrower| grant.scopes.covers(*narrower) && !narrower.is_empty())
            .ok_or_else(|| ApiError::oauth("invalid_scope", "A refresh cannot widen the scope."))?;
    }
    Ok(respond(state, token.to_string(), &grant, now))
}

/// A fresh access token carrying the refresh token's grant.
fn respond(state: &Shared, refresh_token: String, refresh: &Claims, now: u64) -> TokenResponse {
    let access = Claims {
        kind: TokenKind::Access,
        expires_ms: now.saturating_add(state.access_token_ttl_ms),
        ..refresh.clone()
    };
    TokenResponse {
        access_token: state.signer.sign(&access),
        expires_in: state.access_token_ttl_ms / 1000,
        refresh_token,
        refresh_token_expires_in: (refresh.expires_ms - now) / 1000,
        token_type: "Bearer",
        scope: refresh.scopes.to_string(),
    }
}
