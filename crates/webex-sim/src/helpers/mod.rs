//! `/_sim/...`: helpers for tests and tools. Not part of Webex; served to
//! loopback callers only, and never touched by the fault knobs.
//!
//! - `POST /_sim/tokens`: an access token for a seeded admin;
//! - `GET|POST|DELETE /_sim/faults`: the fault knobs;
//! - `GET /_sim/changes?since=N`: the change log;
//! - `GET|POST /_sim/clock`: simulated time, and moving it forward;
//! - `GET /_sim/subscriptions?orgId=`: subscriptions with their start dates
//!   (no Webex API shows them; rule T12 depends on them).

mod changes;
mod clock;
mod faults;
mod subscriptions;
mod tokens;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::http::ApiError;
use crate::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/_sim/tokens", post(tokens::issue))
        .route("/_sim/faults", get(faults::show).post(faults::set).delete(faults::reset))
        .route("/_sim/changes", get(changes::list))
        .route("/_sim/clock", get(clock::show).post(clock::advance))
        .route("/_sim/subscriptions", get(subscriptions::list))
        .route_layer(axum::middleware::from_fn(loopback_only))
}

async fn loopback_only(ConnectInfo(peer): ConnectInfo<SocketAddr>, request: Request, next: Next) -> Response {
    match peer.ip().is_loopback() {
        true => next.run(request).await,
        false => ApiError::forbidden("/_sim/ helpers answer loopback callers only.").into_response(),
    }
}
