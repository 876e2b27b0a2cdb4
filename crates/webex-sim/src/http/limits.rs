//! Request bodies are read whole before any handler sees them: at most
//! `BODY_LIMIT` bytes (413 beyond, in the Webex error shape, where axum's
//! own limit answers plain text), and within the read timeout (408 for a
//! client that stalls mid-body). A body somewhat over the limit is read to
//! its end and dropped, so the client reads the 413 instead of meeting a
//! reset connection; a much larger one is refused at once.

use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use super::ApiError;

/// 1 MiB: the largest legitimate body (a license change for one person, a
/// group with 500 members) is a few tens of kilobytes.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// Bodies up to this size are read to their end before the 413.
const DRAIN_LIMIT: usize = 16 * BODY_LIMIT;

pub async fn middleware(State(read_timeout): State<Duration>, request: Request, next: Next) -> Response {
    if request.body().is_end_stream() {
        return next.run(request).await;
    }
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT as u64) {
        return too_large().into_response();
    }
    let (parts, body) = request.into_parts();
    match read(body, read_timeout).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(refusal) => refusal.into_response(),
    }
}

async fn read(body: Body, read_timeout: Duration) -> Result<Bytes, ApiError> {
    let deadline = tokio::time::Instant::now() + read_timeout;
    let mut chunks = body.into_data_stream();
    let (mut kept, mut seen) = (Vec::new(), 0usize);
    loop {
        let chunk = match tokio::time::timeout_at(deadline, chunks.next()).await {
            Err(_) => return Err(timed_out(read_timeout)),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(ApiError::bad_request("The request body could not be read.")),
            Ok(Some(Ok(chunk))) => chunk,
        };
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_LIMIT {
            return Err(too_large());
        }
        if seen <= BODY_LIMIT {
            kept.extend_from_slice(&chunk);
        }
    }
    match seen > BODY_LIMIT {
        true => Err(too_large()),
        false => Ok(Bytes::from(kept)),
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request body is larger than the simulator accepts ({BODY_LIMIT} bytes)."),
    )
}

fn timed_out(read_timeout: Duration) -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        format!("The request body did not arrive within {} seconds.", read_timeout.as_secs_f64()),
    )
}
