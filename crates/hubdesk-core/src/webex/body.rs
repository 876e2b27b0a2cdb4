//! Reading answers: bodies with a size limit, and Webex's error bodies.

use reqwest::{Response, StatusCode};
use serde::Deserialize;

use super::WebexError;

/// Error bodies are a few hundred bytes; a bigger one is not read further.
const MAX_ERROR_BODY: u64 = 64 * 1024;

/// The body, read as it streams in, or `TooLarge` as soon as it passes
/// `limit` bytes: an oversized answer never sits whole in memory.
pub(super) async fn read_body(mut response: Response, limit: u64, url: &str) -> Result<bytes::Bytes, WebexError> {
    let too_large = || {
        tracing::warn!(%url, limit, "response body over the limit; not read further");
        WebexError::TooLarge { limit }
    };
    if response.content_length().is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) =
        response.chunk().await.map_err(|e| WebexError::Body(format!("{url}: cut off: {}", error_chain(&e))))?
    {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The standard error body: `{message, errors: [{description, errorCode}], trackingId}`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorDetail>,
    #[serde(default)]
    tracking_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDetail {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    error_code: Option<i64>,
}

pub(super) async fn api_error(response: Response) -> WebexError {
    let status = response.status().as_u16();
    let header_tracking = response.headers().get("trackingid").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let url = response.url().to_string();
    let body = read_body(response, MAX_ERROR_BODY, &url).await.unwrap_or_default();
    let reason = StatusCode::from_u16(status).map(|s| s.to_string()).unwrap_or_default();
    let (parsed, message) = match serde_json::from_slice::<ErrorBody>(&body) {
        Ok(parsed) => {
            let message = parsed.errors.iter().find_map(|e| e.description.clone()).or(parsed.message.clone());
            (parsed, message.unwrap_or(reason))
        }
        // Not Webex's error shape (a web server or a proxy answered): the
        // start of what it said tells the reader of the log which.
        Err(_) if !body.is_empty() => (ErrorBody::default(), format!("{reason}: {}", snippet(&body))),
        Err(_) => (ErrorBody::default(), reason),
    };
    let tracking_id = parsed.tracking_id.or(header_tracking);
    tracing::info!(status, tracking_id = tracking_id.as_deref().unwrap_or("-"), "Webex error: {message}");
    WebexError::Api {
        status,
        message,
        tracking_id,
        error_codes: parsed.errors.iter().filter_map(|e| e.error_code).collect(),
    }
}

/// The start of a body as one line of text.
pub(super) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(400)]);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    line.chars().take(120).collect()
}

pub(super) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
