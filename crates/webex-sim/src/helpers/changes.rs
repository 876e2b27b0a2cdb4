//! `GET /_sim/changes?since=N` → `{items: [...], lastSeq}`: the mutations
//! applied after sequence number N (default 0: all), in order.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::changelog::Change;
use crate::http::{ApiError, QueryParams};
use crate::state::Shared;

/// More changes than a simulator run ever makes.
const MAX_SINCE: u64 = u32::MAX as u64;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangesBody {
    items: Vec<Change>,
    last_seq: u64,
}

pub async fn list(State(state): State<Shared>, params: QueryParams) -> Result<Response, ApiError> {
    let since = params.whole("since", 0..=MAX_SINCE)?.unwrap_or(0);
    let items = state.changes.since(since);
    Ok(Json(ChangesBody { items, last_seq: state.changes.last_seq() }).into_response())
}
