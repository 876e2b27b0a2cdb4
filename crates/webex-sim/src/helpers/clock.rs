//! `GET /_sim/clock` → `{now, nowMs, offsetMs}`; `POST /_sim/clock` with
//! `{"advanceSeconds": N}` moves simulated time forward: BroadWorks work
//! due by then finishes, and tokens age. Simulated time runs at most 100
//! years ahead of the wall clock; an advance past that is refused whole.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::clock::{iso_ms, MAX_OFFSET_MS};
use crate::http::{ApiError, JsonBody};
use crate::state::Shared;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClockBody {
    now: String,
    now_ms: u64,
    offset_ms: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Advance {
    advance_seconds: u64,
}

fn body(state: &Shared) -> Json<ClockBody> {
    let now_ms = state.clock.now_ms();
    Json(ClockBody { now: iso_ms(now_ms as i64), now_ms, offset_ms: state.clock.offset_ms() })
}

pub async fn show(State(state): State<Shared>) -> Response {
    body(&state).into_response()
}

pub async fn advance(State(state): State<Shared>, JsonBody(advance): JsonBody<Advance>) -> Result<Response, ApiError> {
    let by_ms = advance.advance_seconds.saturating_mul(1000);
    state.clock.advance(by_ms).map_err(|left_ms| {
        ApiError::bad_request(format!(
            "advanceSeconds must be at most {}: simulated time runs at most {} seconds (100 years) ahead of \
             the wall clock.",
            left_ms / 1000,
            MAX_OFFSET_MS / 1000
        ))
    })?;
    state.tenant_mut().settle_subscribers(state.now_ms());
    if let Some(persistence) = &state.persistence {
        persistence.mark();
    }
    Ok(body(&state).into_response())
}
