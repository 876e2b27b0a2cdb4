//! `/_sim/...`: helpers for tests and tools. Not part of Webex; served to
//! loopback callers only.

mod tokens;

use axum::routing::post;
use axum::Router;

use crate::sim::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new().route("/_sim/tokens", post(tokens::issue))
}
