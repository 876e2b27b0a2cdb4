//! Client authentication at the token endpoint (RFC 6749 §2.3.1): the form
//! fields `client_id` + `client_secret`, or HTTP Basic, not both.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use percent_encoding::percent_decode_str;

use super::super::http::{ApiError, QueryParams};
use crate::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

/// Ok when the demo integration authenticated itself.
pub fn authenticate(headers: &HeaderMap, form: &QueryParams) -> Result<(), ApiError> {
    match basic_credentials(headers) {
        Some(_) if form.get("client_secret").is_some() => {
            Err(ApiError::oauth("invalid_request", "Use HTTP Basic or client_secret in the body, not both."))
        }
        Some(Some((id, secret))) if id == DEMO_CLIENT_ID && secret == DEMO_CLIENT_SECRET => {
            match form.get("client_id") {
                Some(other) if other != id => {
                    Err(ApiError::oauth("invalid_request", "client_id does not match the credentials."))
                }
                _ => Ok(()),
            }
        }
        Some(_) => Err(ApiError::oauth_basic_rejected("Client authentication failed.")),
        None => match (form.get("client_id"), form.get("client_secret")) {
            (Some(DEMO_CLIENT_ID), Some(DEMO_CLIENT_SECRET)) => Ok(()),
            (None, _) => Err(ApiError::oauth("invalid_request", "client_id is required.")),
            _ => Err(ApiError::oauth("invalid_client", "Client authentication failed.")),
        },
    }
}

/// None without a Basic header; Some(None) when it is there but unreadable.
fn basic_credentials(headers: &HeaderMap) -> Option<Option<(String, String)>> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok().and_then(|b| String::from_utf8(b).ok());
    Some(decoded.and_then(|text| {
        let (id, secret) = text.split_once(':')?;
        let unescape = |s: &str| percent_decode_str(&s.replace('+', " ")).decode_utf8().ok().map(|c| c.into_owned());
        Some((unescape(id)?, unescape(secret)?))
    }))
}
