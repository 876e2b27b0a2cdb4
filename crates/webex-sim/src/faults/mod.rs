//! Faults and limits on demand: latency, a per-token rate
//! limit answered with 429 and `Retry-After`, 5xx and 504 rates, dropped
//! connections, cut-short JSON, and next links that lose their filters or
//! carry `max=null`. Set by `hubdesk sim` flags and by `POST /_sim/faults`.
//!
//! Only API requests are touched (`/v1/...` except the OAuth endpoints),
//! never the `/_sim/` helpers. Which request meets which fault is decided
//! by deterministic dice over the seed and the request's number, counted
//! from the last time the knobs were set.

mod body;
mod dice;
mod knobs;
mod layer;
mod links;
mod on_time;
mod rate;
mod retry_after;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};

pub use knobs::{Faults, RetryAfterStyle};
pub use layer::middleware;

/// The knobs in force, the request counter the dice use, and the rate windows.
#[derive(Debug, Default)]
pub struct FaultState {
    knobs: RwLock<Faults>,
    seq: AtomicU64,
    rate: rate::RateLimiter,
}

impl FaultState {
    pub fn new(knobs: Faults) -> FaultState {
        FaultState { knobs: RwLock::new(knobs), ..FaultState::default() }
    }

    pub fn knobs(&self) -> Faults {
        self.knobs.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Sets the knobs and restarts the request count (and the rate
    /// windows), so what follows is reproducible.
    pub fn set(&self, knobs: Faults) {
        *self.knobs.write().unwrap_or_else(PoisonError::into_inner) = knobs;
        self.seq.store(0, Ordering::SeqCst);
        self.rate.reset();
    }

    fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::SeqCst)
    }
}
