//! Spoiled response bodies: cut-short JSON, and connections that drop in
//! the middle of a body.

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::Response;

/// Bodies are read whole to be cut; the simulator's are far smaller.
const BODY_LIMIT: usize = 256 * 1024 * 1024;

/// The same response with its JSON cut in half (never valid JSON).
pub async fn malformed(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.unwrap_or_default();
    let cut = match bytes.len() {
        0 | 1 => Bytes::from_static(b"{\"items\": ["),
        n => bytes.slice(..n / 2),
    };
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if parts.status == axum::http::StatusCode::NO_CONTENT {
        parts.status = axum::http::StatusCode::OK;
    }
    Response::from_parts(parts, Body::from(cut))
}

/// The same status and headers, then a few bytes, then the connection
/// breaks (the server aborts it when the body stream fails).
pub fn dropped(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    if parts.status == axum::http::StatusCode::NO_CONTENT {
        // A 204 has no body to break.
        parts.status = axum::http::StatusCode::OK;
    }
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"items\": [")),
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection dropped by the simulator")),
    ];
    Response::from_parts(parts, Body::from_stream(futures::stream::iter(chunks)))
}
