//! The People API (webex-api.md §3): list, get, create, replace, delete.

mod body;
mod create;
mod delete;
mod get;
mod list;
mod search;
mod update;
mod view;
mod write;

use axum::routing::get;
use axum::Router;

use crate::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/people", get(list::list).post(create::create))
        .route("/v1/people/me", get(get::me))
        .route("/v1/people/{personId}", get(get::get).put(update::update).delete(delete::delete))
}
