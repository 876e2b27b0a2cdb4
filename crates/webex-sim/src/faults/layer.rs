//! The fault middleware, in the order a real failure would happen: the
//! wait, the rate limit, a server or gateway error before the request is
//! handled; then, once it was handled, a dropped connection, a cut-short
//! body or a spoiled next link.

use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, LINK, RETRY_AFTER};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::dice::{hits, roll, Die};
use super::{body, links, on_time, retry_after, Faults};
use crate::clock::wall_ms;
use crate::http::{ApiError, QueryParams};
use crate::state::Shared;

pub async fn middleware(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let knobs = state.faults.knobs();
    if !knobs.any() || !is_api(request.uri().path()) {
        return next.run(request).await;
    }
    // The latency is the server's answer time: the answer leaves that long
    // after the request arrived, with the simulator's own work inside it,
    // as a real server's work is inside its answer time.
    // The knobs were validated; the bound again keeps the sum from overflowing.
    let answer_at = Instant::now() + Duration::from_millis(knobs.latency_ms.min(Faults::MAX_LATENCY_MS));
    let response = answer(&state, &knobs, request, next).await;
    on_time::sleep_until(answer_at).await;
    response
}

async fn answer(state: &Shared, knobs: &Faults, request: Request, next: Next) -> Response {
    let seq = state.faults.next_seq();
    let seed = state.seed;
    let write = request.method() != Method::GET && request.method() != Method::HEAD;
    if let Some(refusal) = rate_limited(state, knobs, &request, seq) {
        return refusal;
    }
    if hits(seed, seq, Die::Error, knobs.error_rate) {
        return server_error(seed, seq);
    }
    if is_large_calling_page(&request, knobs) && hits(seed, seq, Die::GatewayTimeout, knobs.gateway_timeout_rate) {
        return ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "The server did not receive a timely response from an upstream server. Reduce the max parameter and retry.",
        )
        .into_response();
    }
    let mut response = next.run(request).await;
    if let Some(link) = response.headers().get(LINK) {
        let drop_filters = hits(seed, seq, Die::DropFilters, knobs.next_link_drops_filters_rate);
        let max_null = hits(seed, seq, Die::MaxNull, knobs.next_link_max_null_rate);
        if let Some(spoiled) =
            (drop_filters || max_null).then(|| links::rewrite(link, drop_filters, max_null)).flatten()
        {
            response.headers_mut().insert(LINK, spoiled);
        }
    }
    if hits(seed, seq, Die::Drop, knobs.drop_rate) || (write && hits(seed, seq, Die::WriteDrop, knobs.write_drop_rate))
    {
        return body::dropped(response);
    }
    if hits(seed, seq, Die::Malformed, knobs.malformed_json_rate) {
        return body::malformed(response).await;
    }
    response
}

/// Webex API calls; the OAuth endpoints and the `/_sim/` helpers are left alone.
fn is_api(path: &str) -> bool {
    path.starts_with("/v1/") && path != "/v1/authorize" && path != "/v1/access_token"
}

fn rate_limited(state: &Shared, knobs: &Faults, request: &Request, seq: u64) -> Option<Response> {
    if knobs.rate_limit == 0 {
        return None;
    }
    let token = request.headers().get(AUTHORIZATION)?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    token.as_bytes().hash(&mut hasher);
    let wait_ms = state.faults.rate.check(hasher.finish(), knobs.rate_limit, wall_ms())?;
    let mut response =
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "Too many requests have been sent in a given amount of time.")
            .into_response();
    if let Some(value) = retry_after::value(knobs.retry_after, wait_ms, state.seed, seq) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    Some(response)
}

/// 500, 502 or 503, in the Webex error shape.
fn server_error(seed: u64, seq: u64) -> Response {
    let (status, message) = match (roll(seed, seq, Die::ErrorKind) * 3.0) as u8 {
        0 => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on the server."),
        1 => (StatusCode::BAD_GATEWAY, "The server received an invalid response from an upstream server."),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "The server is overloaded with requests. Try again later."),
    };
    ApiError::new(status, message).into_response()
}

/// `GET /v1/people?callingData=true` asking for more than the knob's `max`
/// (100 when `max` is absent, the Webex default).
fn is_large_calling_page(request: &Request, knobs: &Faults) -> bool {
    if request.uri().path() != "/v1/people" {
        return false;
    }
    let params = QueryParams::parse(request.uri().query().unwrap_or(""));
    let calling = params.get("callingData").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let max = params.get("max").and_then(|m| m.parse::<u32>().ok()).unwrap_or(100);
    calling && max > knobs.timeout_above_max()
}
