//! The `Retry-After` of a 429, in the form the knob asks for.

use std::time::{Duration, SystemTime};

use axum::http::HeaderValue;

use super::dice::{roll, Die};
use super::RetryAfterStyle;

const FORMS: [RetryAfterStyle; 6] = [
    RetryAfterStyle::Seconds,
    RetryAfterStyle::HttpDate,
    RetryAfterStyle::Fractional,
    RetryAfterStyle::Missing,
    RetryAfterStyle::Garbage,
    RetryAfterStyle::Negative,
];

/// The header value for a wait of `wait_ms`, or None for the missing form.
pub fn value(style: RetryAfterStyle, wait_ms: u64, seed: u64, seq: u64) -> Option<HeaderValue> {
    let style = match style {
        RetryAfterStyle::Mixed => FORMS[(roll(seed, seq, Die::RetryAfterForm) * FORMS.len() as f64) as usize],
        other => other,
    };
    let seconds = wait_ms.div_ceil(1000).max(1);
    let text = match style {
        RetryAfterStyle::Seconds | RetryAfterStyle::Mixed => seconds.to_string(),
        RetryAfterStyle::HttpDate => http_date(SystemTime::now() + Duration::from_secs(seconds)),
        RetryAfterStyle::Fractional => format!("{:.1}", wait_ms.max(100) as f64 / 1000.0),
        RetryAfterStyle::Missing => return None,
        RetryAfterStyle::Garbage => "soon".to_string(),
        RetryAfterStyle::Negative => "-1".to_string(),
    };
    HeaderValue::from_str(&text).ok()
}

/// IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(at: SystemTime) -> String {
    let at: time::OffsetDateTime = at.into();
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.format(format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_each_form() {
        let text = |style| value(style, 1200, 1, 1).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(text(RetryAfterStyle::Seconds).as_deref(), Some("2"));
        assert_eq!(text(RetryAfterStyle::Fractional).as_deref(), Some("1.2"));
        assert_eq!(text(RetryAfterStyle::Missing), None);
        assert_eq!(text(RetryAfterStyle::Garbage).as_deref(), Some("soon"));
        assert!(text(RetryAfterStyle::HttpDate).unwrap().ends_with(" GMT"));
        assert_eq!(value(RetryAfterStyle::Seconds, 10, 1, 1).unwrap(), "1", "never 0");
    }
}
