//! Time in the simulator: the simulated clock (wall time plus an offset that
//! `POST /_sim/clock` moves forward, so tests can let hours pass at once),
//! and the Webex timestamp format (`2015-10-18T14:26:16.000Z`).
//!
//! Everything that ages runs on the simulated clock: token expiry and the
//! asynchronous BroadWorks status transitions.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use time::macros::format_description;
use time::OffsetDateTime;

/// Wall-clock milliseconds since the Unix epoch.
pub fn wall_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// How far simulated time may run ahead of the wall clock: 100 years
/// (36,525 days), so every timestamp stays a valid date and no sum of times
/// can overflow.
pub const MAX_OFFSET_MS: u64 = 36_525 * 24 * 3_600 * 1_000;

/// Wall time moved forward by what `advance` has added.
#[derive(Debug, Default)]
pub struct SimClock {
    offset_ms: AtomicU64,
}

impl SimClock {
    /// A clock as far ahead of the wall clock as a saved one was.
    pub fn with_offset(offset_ms: u64) -> Self {
        Self { offset_ms: AtomicU64::new(offset_ms.min(MAX_OFFSET_MS)) }
    }

    pub fn now_ms(&self) -> u64 {
        wall_ms().saturating_add(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves simulated time forward; it never goes back. Refused (with the
    /// most that is left) when it would run more than `MAX_OFFSET_MS` ahead.
    pub fn advance(&self, by_ms: u64) -> Result<(), u64> {
        self.offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                offset.checked_add(by_ms).filter(|&moved| moved <= MAX_OFFSET_MS)
            })
            .map(drop)
            .map_err(|offset| MAX_OFFSET_MS - offset)
    }

    pub fn offset_ms(&self) -> u64 {
        self.offset_ms.load(Ordering::Relaxed)
    }
}

/// Formats Unix milliseconds the way Webex does: UTC, millisecond precision, `Z`.
pub fn iso_ms(unix_ms: i64) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_default()
}

/// Reads a time filter the way the BroadWorks API accepts it: epoch
/// milliseconds (preferred) or an ISO 8601 / RFC 3339 date-time.
pub fn parse_instant_ms(text: &str) -> Option<i64> {
    if let Ok(ms) = text.parse::<i64>() {
        return Some(ms);
    }
    let parsed = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    i64::try_from(parsed.unix_timestamp_nanos() / 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_spec_example() {
        // 2015-10-18T14:26:16.028Z, the lastActivity example of the admin spec.
        assert_eq!(iso_ms(1_445_178_376_028), "2015-10-18T14:26:16.028Z");
    }

    #[test]
    fn reads_epoch_and_iso_instants() {
        assert_eq!(parse_instant_ms("1445178376028"), Some(1_445_178_376_028));
        assert_eq!(parse_instant_ms("2015-10-18T14:26:16.028Z"), Some(1_445_178_376_028));
        assert_eq!(parse_instant_ms("yesterday"), None);
    }

    #[test]
    fn advancing_moves_now_forward() {
        let clock = SimClock::default();
        let before = clock.now_ms();
        clock.advance(3_600_000).unwrap();
        assert!(clock.now_ms() >= before + 3_600_000);
        assert_eq!(clock.offset_ms(), 3_600_000);
    }

    #[test]
    fn simulated_time_runs_at_most_a_hundred_years_ahead() {
        let clock = SimClock::default();
        assert_eq!(clock.advance(u64::MAX), Err(MAX_OFFSET_MS), "refused, nothing moved");
        clock.advance(MAX_OFFSET_MS - 1000).unwrap();
        assert_eq!(clock.advance(1001), Err(1000));
        clock.advance(1000).unwrap();
        assert_eq!(clock.offset_ms(), MAX_OFFSET_MS);
        assert!(iso_ms(clock.now_ms() as i64).starts_with("21"), "still a date: {}", iso_ms(clock.now_ms() as i64));
    }
}
