//! Waits that end on time, for the latency knob. Tokio's timer counts whole
//! milliseconds and rounds every deadline up to the next one, and its
//! driver wakes later still: a 20 ms sleep lasts 21 to 22 ms, which would
//! charge every client a tenth more than the latency asked for. One thread
//! keeps the deadlines and wakes each waiter itself; the OS's own timed
//! waits are accurate to tens of microseconds.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::OnceLock;
use std::time::Instant;

use tokio::sync::oneshot;

/// Returns at `deadline` (at once if it has passed).
pub async fn sleep_until(deadline: Instant) {
    if deadline <= Instant::now() {
        return;
    }
    let (wake, woken) = oneshot::channel();
    match timer().send(Waiter { deadline, wake }) {
        Ok(()) => {
            let _ = woken.await;
        }
        // The timer thread is gone (it never exits, but be safe): fall back.
        Err(_) => tokio::time::sleep_until(deadline.into()).await,
    }
}

struct Waiter {
    deadline: Instant,
    wake: oneshot::Sender<()>,
}

// The heap keeps the earliest deadline on top.
impl Ord for Waiter {
    fn cmp(&self, other: &Self) -> Ordering {
        other.deadline.cmp(&self.deadline)
    }
}
impl PartialOrd for Waiter {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Waiter {
    fn eq(&self, other: &Self) -> bool {
        self.deadline == other.deadline
    }
}
impl Eq for Waiter {}

fn timer() -> &'static Sender<Waiter> {
    static TIMER: OnceLock<Sender<Waiter>> = OnceLock::new();
    TIMER.get_or_init(|| {
        let (send, receive) = channel::<Waiter>();
        std::thread::Builder::new()
            .name("sim-latency".into())
            .spawn(move || {
                let mut waiting = BinaryHeap::new();
                loop {
                    let next = match waiting.peek() {
                        None => receive.recv().map_err(|_| RecvTimeoutError::Disconnected),
                        Some(Waiter { deadline, .. }) => {
                            receive.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                        }
                    };
                    match next {
                        Ok(waiter) => waiting.push(waiter),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                    let now = Instant::now();
                    while waiting.peek().is_some_and(|w| w.deadline <= now) {
                        let _ = waiting.pop().expect("peeked").wake.send(());
                    }
                }
            })
            .expect("the latency thread starts");
        send
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn waiters_wake_in_deadline_order() {
        let start = Instant::now();
        let late = tokio::spawn(sleep_until(start + Duration::from_millis(30)));
        sleep_until(start + Duration::from_millis(20)).await;
        assert!(start.elapsed() >= Duration::from_millis(20));
        assert!(!late.is_finished());
        late.await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(30));
        sleep_until(start).await; // a deadline already past returns at once
    }

    /// Tokio's timer oversleeps by 0.5 to 2 ms on average; this one by
    /// tens of microseconds. A busy machine can delay any thread, so the
    /// best round counts, and rounds go on (up to 40, about a second) until
    /// one is quiet: ten were once all delayed while the other tests of a
    /// full run kept both cores busy.
    #[tokio::test]
    async fn waits_end_within_a_fraction_of_a_millisecond() {
        let mut best = Duration::MAX;
        for _ in 0..40 {
            if best < Duration::from_micros(400) {
                break;
            }
            let mut late = Duration::ZERO;
            for _ in 0..10 {
                let deadline = Instant::now() + Duration::from_millis(3);
                sleep_until(deadline).await;
                late += Instant::now() - deadline;
            }
            best = best.min(late / 10);
        }
        assert!(best < Duration::from_micros(400), "woke {best:?} late on average");
    }
}
