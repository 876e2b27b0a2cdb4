//! One rate gate per token: when Webex answers 429, every task using that
//! token waits until `resume_at`, instead of each rediscovering the limit.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug, Default)]
pub struct RateGate {
    resume_at: Mutex<Option<Instant>>,
}

impl RateGate {
    /// Waits while the gate is closed.
    pub async fn wait(&self) {
        loop {
            let until = *self.resume_at.lock().unwrap_or_else(|p| p.into_inner());
            match until {
                Some(at) if at > Instant::now() => tokio::time::sleep_until(at).await,
                _ => return,
            }
        }
    }

    /// Closes the gate for `retry_after` plus up to 10 % jitter, so waiting
    /// tasks do not all return in the same millisecond. Never shortens a
    /// pause another task already set.
    pub fn pause(&self, retry_after: Duration) {
        let jitter = retry_after.mul_f64(rand::random::<f64>() * 0.1);
        let at = Instant::now() + retry_after + jitter;
        let mut resume_at = self.resume_at.lock().unwrap_or_else(|p| p.into_inner());
        if resume_at.is_none_or(|current| current < at) {
            *resume_at = Some(at);
        }
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
}
