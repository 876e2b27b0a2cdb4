//! The People API (webex-api.md §3): read endpoints.

mod get;
mod list;
mod search;
mod view;

use axum::routing::get;
use axum::Router;

use crate::sim::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/people", get(list::list))
        .route("/v1/people/me", get(get::me))
        .route("/v1/people/{personId}", get(get::get))
}
