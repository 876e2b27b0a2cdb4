//! `GET /_sim/faults` shows the knobs; `POST /_sim/faults` with a JSON
//! object changes the knobs it names (`{"latencyMs": 20, "rateLimit": 50,
//! "errorRate": 0.05}`; 0 turns one off) and restarts the fault dice;
//! `DELETE /_sim/faults` turns every fault off.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::faults::Faults;
use crate::http::ApiError;
use crate::state::Shared;

pub async fn show(State(state): State<Shared>) -> Response {
    Json(state.faults.knobs()).into_response()
}

pub async fn set(State(state): State<Shared>, body: Bytes) -> Result<Response, ApiError> {
    let patch: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("Invalid JSON: {e}.")))?;
    let knobs = state.faults.knobs().merged(&patch).map_err(ApiError::bad_request)?;
    state.faults.set(knobs.clone());
    Ok(Json(knobs).into_response())
}

pub async fn reset(State(state): State<Shared>) -> Response {
    state.faults.set(Faults::default());
    Json(Faults::default()).into_response()
}
