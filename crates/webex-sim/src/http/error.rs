//! Errors in the Webex shape (webex-api.md §2.5):
//! `{message, errors: [{errorCode?, description}], trackingId}`. OAuth errors also
//! carry the RFC 6749 keys `error` and `error_description`, because clients
//! read either (§2.5 [?]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::tracking;

/// Messages that repeat a client's input (a serde error quoting a 1 MB
/// string) are cut here, so an answer is never larger than its request.
const MESSAGE_MAX_CHARS: usize = 500;

#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    /// RFC 6749 error code, for the OAuth endpoints.
    oauth_error: Option<&'static str>,
    /// Ask for HTTP Basic (a failed Basic client authentication, RFC 6749 §5.2).
    basic_challenge: bool,
    /// `errors[]` when it says more than the message (license error codes).
    details: Vec<ErrorDetail>,
}

/// One entry of `errors[]`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<u32>,
    pub description: String,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_description: Option<&'a str>,
    message: &'a str,
    errors: Vec<ErrorDetail>,
    #[serde(rename = "trackingId")]
    tracking_id: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        let mut message = message.into();
        if let Some((cut, _)) = message.char_indices().nth(MESSAGE_MAX_CHARS) {
            message.truncate(cut);
            message.push('…');
        }
        ApiError { status, message, oauth_error: None, basic_challenge: false, details: Vec::new() }
    }

    /// An error whose `errors[]` lists `details` (with their codes).
    pub fn detailed(status: StatusCode, message: impl Into<String>, details: Vec<ErrorDetail>) -> ApiError {
        ApiError { details, ..ApiError::new(status, message) }
    }

    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// Missing, unknown or expired access token: Webex's own wording.
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "The request requires a valid access token set in the Authorization request header.",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// An OAuth error (`invalid_request`, `invalid_grant`...) with status 400.
    pub fn oauth(error: &'static str, description: impl Into<String>) -> ApiError {
        ApiError { oauth_error: Some(error), ..ApiError::bad_request(description) }
    }

    /// `invalid_client` after a failed HTTP Basic authentication: 401 with a challenge.
    pub fn oauth_basic_rejected(description: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            basic_challenge: true,
            ..ApiError::oauth("invalid_client", description)
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let errors = match self.details.is_empty() {
            true => vec![ErrorDetail { error_code: None, description: self.message.clone() }],
            false => self.details.clone(),
        };
        let body = Body {
            error: self.oauth_error,
            error_description: self.oauth_error.map(|_| self.message.as_str()),
            message: &self.message,
            errors,
            tracking_id: tracking::current(),
        };
        let mut response = (self.status, Json(body)).into_response();
        if self.basic_challenge {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"webex\""));
        }
        response
    }
}
