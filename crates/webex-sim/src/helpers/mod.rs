//! `/_sim/...`: helpers for tests and tools. Not part of Webex; never
//! touched by the fault knobs.
//!
//! - `POST /_sim/tokens`: an access token for a seeded admin;
//! - `GET|POST|DELETE /_sim/faults`: the fault knobs;
//! - `GET /_sim/changes?since=N`: the change log;
//! - `GET|POST /_sim/clock`: simulated time, and moving it forward;
//! - `GET /_sim/subscriptions?orgId=`: subscriptions with their start dates
//!   (no Webex API shows them; rule T12 depends on them).
//!
//! They mint tokens and break the API on demand, so `guard` lets through
//! only what a local test or tool sends: a loopback caller naming the
//! simulator by a loopback `Host` (a web page reached through DNS
//! rebinding names its own host), with JSON bodies (a web page can post
//! `text/plain` anywhere without asking; `application/json` needs a CORS
//! preflight, which the simulator never grants).

mod changes;
mod clock;
mod faults;
mod subscriptions;
mod tokens;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_LENGTH, HOST, TRANSFER_ENCODING};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::http::{is_json, ApiError};
use crate::state::Shared;

pub fn routes(state: Shared) -> Router<Shared> {
    Router::new()
        .route("/_sim/tokens", post(tokens::issue))
        .route("/_sim/faults", get(faults::show).post(faults::set).delete(faults::reset))
        .route("/_sim/changes", get(changes::list))
        .route("/_sim/clock", get(clock::show).post(clock::advance))
        .route("/_sim/subscriptions", get(subscriptions::list))
        .route_layer(axum::middleware::from_fn_with_state(state, guard))
}

async fn guard(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    if !peer.ip().is_loopback() {
        return ApiError::forbidden("/_sim/ helpers answer loopback callers only.").into_response();
    }
    if !names_loopback(&request, state.port) {
        return ApiError::forbidden(format!(
            "/_sim/ helpers answer only requests for 127.0.0.1:{port}, localhost:{port} or [::1]:{port}.",
            port = state.port
        ))
        .into_response();
    }
    if sends_body(&request) && !is_json(request.headers()) {
        return ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "The body must be application/json.").into_response();
    }
    next.run(request).await
}

/// `Host` (or an absolute request URI) is a loopback name with this port.
fn names_loopback(request: &Request, port: u16) -> bool {
    let host = match request.headers().get(HOST) {
        Some(value) => value.to_str().ok().map(str::to_ascii_lowercase),
        None => request.uri().authority().map(|a| a.as_str().to_ascii_lowercase()),
    };
    let Some(host) = host else { return false };
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|name| {
        host.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')).is_some_and(|p| p == port.to_string())
    })
}

/// Every POST, and a DELETE that carries a body.
fn sends_body(request: &Request) -> bool {
    let headers = request.headers();
    let has_body = headers.contains_key(TRANSFER_ENCODING)
        || headers.get(CONTENT_LENGTH).is_some_and(|length| length.as_bytes() != b"0");
    match *request.method() {
        Method::POST => true,
        Method::DELETE => has_body,
        _ => false,
    }
}
