//! Time in the simulator: wall-clock milliseconds for token expiry, and the
//! Webex timestamp format (`2015-10-18T14:26:16.000Z`) for resources.

use std::time::{SystemTime, UNIX_EPOCH};

use time::macros::format_description;
use time::OffsetDateTime;

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// Formats Unix milliseconds the way Webex does: UTC, millisecond precision, `Z`.
pub fn iso_ms(unix_ms: i64) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_spec_example() {
        // 2015-10-18T14:26:16.028Z, the lastActivity example of the admin spec.
        assert_eq!(iso_ms(1_445_178_376_028), "2015-10-18T14:26:16.028Z");
    }
}
