//! One rate gate per token: when Webex answers 429, every task using that
//! token waits until `now + Retry-After + jitter`, instead of each
//! rediscovering the limit.
//!
//! After a 429 the gate also paces: it counts the requests that went
//! through in the second before the 429 and from then on spaces requests
//! at a little under that rate. Webex counts in windows and rounds
//! `Retry-After` up to whole seconds, so a client that only waits loses
//! part of every window; one that paces stays just under the limit and
//! gets no more 429s. The pace relaxes by a tenth every minute without a
//! 429, so a limit that was lifted is not kept forever.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

/// Paced at this share of the rate that was just refused.
const PACE_MARGIN: f64 = 0.96;
/// The window the rate is measured over.
const WINDOW: Duration = Duration::from_secs(1);
/// A minute without a 429 speeds the pace up by a tenth.
const RELAX_AFTER: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct RateGate {
    state: Mutex<GateState>,
}

#[derive(Debug, Default)]
struct GateState {
    /// Closed until then (a Retry-After).
    resume_at: Option<Instant>,
    /// When requests were let through, the last second of them.
    admitted: VecDeque<Instant>,
    /// When requests were refused with 429, the last second of them.
    refused: VecDeque<Instant>,
    /// The learned spacing between requests, once a 429 was seen.
    spacing: Option<Duration>,
    /// The next free slot when pacing.
    next_slot: Option<Instant>,
    /// The last 429, or the last time the pace relaxed.
    calm_since: Option<Instant>,
}

impl RateGate {
    /// Waits while the gate is closed, then for this request's slot when
    /// pacing.
    pub async fn wait(&self) {
        loop {
            let (closed_until, slot) = {
                let mut state = self.lock();
                let now = Instant::now();
                match state.resume_at {
                    Some(at) if at > now => (Some(at), None),
                    _ => (None, state.take_slot(now)),
                }
            };
            match (closed_until, slot) {
                (Some(at), _) => tokio::time::sleep_until(at).await,
                (None, None) => return,
                (None, Some(slot)) => {
                    tokio::time::sleep_until(slot).await;
                    // A pause that began meanwhile still holds.
                    self.wait_closed().await;
                    return;
                }
            }
        }
    }

    /// Closes the gate for `retry_after` plus up to 10 % jitter, so waiting
    /// tasks do not all return in the same millisecond, and learns the pace.
    /// Never shortens a pause another task already set.
    pub fn pause(&self, retry_after: Duration) {
        let jitter = retry_after.mul_f64(rand::random::<f64>() * 0.1);
        let now = Instant::now();
        let at = now + retry_after + jitter;
        let mut state = self.lock();
        state.refused.push_back(now);
        state.learn_pace(now);
        if state.resume_at.is_none_or(|current| current < at) {
            state.resume_at = Some(at);
        }
    }

    async fn wait_closed(&self) {
        loop {
            let until = self.lock().resume_at;
            match until {
                Some(at) if at > Instant::now() => tokio::time::sleep_until(at).await,
                _ => return,
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl GateState {
    /// Admits a request now (`None`) or reserves its paced slot.
    fn take_slot(&mut self, now: Instant) -> Option<Instant> {
        self.relax(now);
        let slot = match (self.spacing, self.next_slot) {
            (Some(spacing), Some(next)) if next > now => {
                self.next_slot = Some(next + spacing);
                Some(next)
            }
            (Some(spacing), _) => {
                self.next_slot = Some(now + spacing);
                None
            }
            (None, _) => None,
        };
        self.admitted.push_back(slot.unwrap_or(now));
        forget_before(&mut self.admitted, now.checked_sub(WINDOW));
        slot
    }

    /// The pace: a little under what got through in the last second.
    fn learn_pace(&mut self, now: Instant) {
        let since = now.checked_sub(WINDOW);
        forget_before(&mut self.admitted, since);
        forget_before(&mut self.refused, since);
        let passed = self.admitted.len().saturating_sub(self.refused.len());
        if passed >= 2 {
            let spacing = WINDOW.div_f64(passed as f64 * PACE_MARGIN);
            self.spacing = Some(self.spacing.map_or(spacing, |s| s.max(spacing)));
        }
        self.calm_since = Some(now);
    }

    fn relax(&mut self, now: Instant) {
        let (Some(spacing), Some(calm)) = (self.spacing, self.calm_since) else { return };
        if now.duration_since(calm) >= RELAX_AFTER {
            let faster = spacing.mul_f64(0.9);
            self.spacing = (faster >= Duration::from_millis(1)).then_some(faster);
            self.calm_since = Some(now);
        }
    }
}

fn forget_before(times: &mut VecDeque<Instant>, since: Option<Instant>) {
    let Some(since) = since else { return };
    while times.front().is_some_and(|t| *t < since) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_pause_holds_every_waiter() {
        let gate = Arc::new(RateGate::default());
        gate.pause(Duration::from_secs(2));
        let start = Instant::now();
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let gate = gate.clone();
                tokio::spawn(async move {
                    gate.wait().await;
                    Instant::now()
                })
            })
            .collect();
        for w in waiters {
            let resumed = w.await.unwrap() - start;
            assert!(resumed >= Duration::from_secs(2) && resumed <= Duration::from_millis(2200), "{resumed:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_shorter_pause_does_not_cut_a_longer_one() {
        let gate = RateGate::default();
        gate.pause(Duration::from_secs(5));
        gate.pause(Duration::from_secs(1));
        let start = Instant::now();
        gate.wait().await;
        assert!(Instant::now() - start >= Duration::from_secs(5));
    }

    #[tokio::test]
    async fn an_open_gate_does_not_wait() {
        let gate = RateGate::default();
        let start = std::time::Instant::now();
        gate.wait().await;
        assert!(start.elapsed() < Duration::from_millis(50));
    }

    /// 50 requests go through in a burst, the 51st is refused: from then on
    /// requests are spaced at a little under 50 per second.
    #[tokio::test(start_paused = true)]
    async fn after_a_429_requests_are_paced_under_the_refused_rate() {
        let gate = RateGate::default();
        for _ in 0..51 {
            gate.wait().await;
        }
        gate.pause(Duration::from_secs(1));
        let resumed = Instant::now() + Duration::from_secs(1);
        let mut times = Vec::new();
        for _ in 0..96 {
            gate.wait().await;
            times.push(Instant::now());
        }
        let took = *times.last().unwrap() - *times.first().unwrap();
        // 95 gaps at 1 / (50 × 0.96) s each: about 1.98 s.
        assert!(took >= Duration::from_millis(1900) && took <= Duration::from_millis(2100), "{took:?}");
        assert!(times[0] >= resumed, "the pause holds first");
        let busiest = times.windows(49).map(|w| w[48] - w[0]).min().unwrap();
        assert!(busiest >= Duration::from_millis(950), "never 49 requests within a second: {busiest:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_pace_relaxes_after_a_calm_minute() {
        let gate = RateGate::default();
        for _ in 0..11 {
            gate.wait().await;
        }
        gate.pause(Duration::from_secs(1));
        let paced = gate.lock().spacing.unwrap();
        tokio::time::sleep(RELAX_AFTER + Duration::from_secs(2)).await;
        gate.wait().await;
        let relaxed = gate.lock().spacing.unwrap();
        assert!(relaxed < paced, "{relaxed:?} < {paced:?}");
    }
}
