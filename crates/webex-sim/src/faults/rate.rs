//! The per-token rate limit: at most N requests per second for each access
//! token, counted in one-second windows of wall time. The 429 says how long
//! until the window ends, rounded up to whole seconds.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Windows kept before old ones are swept.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    /// Per token (hashed): the window's second and the requests seen in it.
    windows: Mutex<HashMap<u64, (u64, u32)>>,
}

impl RateLimiter {
    /// Counts a request; Some(ms until the window ends) when it is over the limit.
    pub fn check(&self, token: u64, limit: u32, now_ms: u64) -> Option<u64> {
        let second = now_ms / 1000;
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() > SWEEP_ABOVE {
            windows.retain(|_, (s, _)| *s == second);
        }
        let window = windows.entry(token).or_insert((second, 0));
        if window.0 != second {
            *window = (second, 0);
        }
        window.1 += 1;
        (window.1 > limit).then(|| (second + 1) * 1000 - now_ms)
    }

    pub fn reset(&self) {
        self.windows.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_token_per_second() {
        let limiter = RateLimiter::default();
        assert_eq!(limiter.check(1, 2, 10_100), None);
        assert_eq!(limiter.check(1, 2, 10_200), None);
        assert_eq!(limiter.check(1, 2, 10_300), Some(700));
        assert_eq!(limiter.check(2, 2, 10_300), None, "another token has its own budget");
        assert_eq!(limiter.check(1, 2, 11_000), None, "a new second, a new window");
    }
}
