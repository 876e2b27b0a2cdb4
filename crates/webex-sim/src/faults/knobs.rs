//! The fault knobs: the same names as `hubdesk sim` flags and the JSON of
//! `POST /_sim/faults`. Zero means off. Rates are shares of API requests,
//! from 0 to 1; the other knobs have maxima (`validate`), so that no knob
//! can hang every call or overflow a deadline.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a 429's `Retry-After` is written: the integer seconds Webex
/// documents, or one of the malformed forms clients meet in the wild.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RetryAfterStyle {
    /// `Retry-After: 2`
    #[default]
    Seconds,
    /// An HTTP date (RFC 9110 allows it; Webex does not send it).
    HttpDate,
    /// `Retry-After: 1.5`
    Fractional,
    /// No header at all.
    Missing,
    /// `Retry-After: soon`
    Garbage,
    /// `Retry-After: -1`
    Negative,
    /// Each 429 picks one of the forms above, by the dice.
    Mixed,
}

impl RetryAfterStyle {
    /// The `--retry-after` flag: the JSON names in kebab case (`http-date`).
    pub fn parse_flag(text: &str) -> Result<RetryAfterStyle, String> {
        let camel: String = text
            .split('-')
            .enumerate()
            .map(|(i, part)| {
                let mut chars = part.chars();
                match (i, chars.next()) {
                    (0, _) | (_, None) => part.to_string(),
                    (_, Some(first)) => first.to_uppercase().chain(chars).collect(),
                }
            })
            .collect();
        serde_json::from_value(Value::String(camel)).map_err(|_| {
            format!("unknown form '{text}': seconds, http-date, fractional, missing, garbage, negative or mixed")
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Added to every API request.
    pub latency_ms: u64,
    /// Requests per second per access token; more get 429.
    pub rate_limit: u32,
    pub retry_after: RetryAfterStyle,
    /// Share of API requests answered 500, 502 or 503 (before anything is applied).
    pub error_rate: f64,
    /// Share of large `callingData=true` people pages answered 504.
    pub gateway_timeout_rate: f64,
    /// A people page with calling data is large above this `max` (default 50).
    pub gateway_timeout_above_max: u32,
    /// Share of API responses whose connection drops mid-body (after the
    /// request was applied: the client cannot know whether it was).
    pub drop_rate: f64,
    /// The same for answers to writes only (`POST`, `PUT`, `PATCH`,
    /// `DELETE`): a client's retries and checks meet a lost answer while
    /// its reads still come back.
    pub write_drop_rate: f64,
    /// Share of API responses whose JSON body is cut short.
    pub malformed_json_rate: f64,
    /// Share of `Link rel="next"` URLs that lose their filters.
    pub next_link_drops_filters_rate: f64,
    /// Share of `Link rel="next"` URLs that carry `max=null`.
    pub next_link_max_null_rate: f64,
}

impl Faults {
    pub const DEFAULT_TIMEOUT_ABOVE_MAX: u32 = 50;
    /// A minute: longer than any client waits for an answer.
    pub const MAX_LATENCY_MS: u64 = 60_000;
    /// Requests per second per token; no client sends more.
    pub const MAX_RATE_LIMIT: u32 = 1_000_000;
    /// The largest people page (`max` is capped at 1000).
    pub const MAX_TIMEOUT_ABOVE_MAX: u32 = 1000;

    /// Whether any knob is on (the fast path skips everything otherwise).
    pub fn any(&self) -> bool {
        *self != Faults::default()
    }

    /// The page size above which a calling-data page may time out.
    pub fn timeout_above_max(&self) -> u32 {
        match self.gateway_timeout_above_max {
            0 => Faults::DEFAULT_TIMEOUT_ABOVE_MAX,
            n => n,
        }
    }

    /// Rates must be shares, and the other numbers within their maxima.
    pub fn validate(&self) -> Result<(), String> {
        let bounded = [
            ("latencyMs", self.latency_ms, Faults::MAX_LATENCY_MS),
            ("rateLimit", self.rate_limit.into(), Faults::MAX_RATE_LIMIT.into()),
            ("gatewayTimeoutAboveMax", self.gateway_timeout_above_max.into(), Faults::MAX_TIMEOUT_ABOVE_MAX.into()),
        ];
        if let Some((name, value, max)) = bounded.iter().find(|(_, value, max)| value > max) {
            return Err(format!("{name} must be between 0 and {max}, not {value}."));
        }
        let rates = [
            ("errorRate", self.error_rate),
            ("gatewayTimeoutRate", self.gateway_timeout_rate),
            ("dropRate", self.drop_rate),
            ("writeDropRate", self.write_drop_rate),
            ("malformedJsonRate", self.malformed_json_rate),
            ("nextLinkDropsFiltersRate", self.next_link_drops_filters_rate),
            ("nextLinkMaxNullRate", self.next_link_max_null_rate),
        ];
        match rates.iter().find(|(_, rate)| !(0.0..=1.0).contains(rate)) {
            Some((name, rate)) => Err(format!("{name} must be between 0 and 1, not {rate}.")),
            None => Ok(()),
        }
    }

    /// These knobs with the ones named in `patch` changed (a JSON object of
    /// knob names; the others keep their value).
    pub fn merged(&self, patch: &Value) -> Result<Faults, String> {
        let Value::Object(changes) = patch else { return Err("Expected a JSON object of fault knobs.".into()) };
        let mut current = serde_json::to_value(self).map_err(|e| e.to_string())?;
        for (name, value) in changes {
            current[name] = value.clone();
        }
        let merged: Faults = serde_json::from_value(current).map_err(|e| e.to_string())?;
        merged.validate()?;
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let base = Faults { latency_ms: 20, ..Faults::default() };
        let merged = base.merged(&json!({"rateLimit": 50, "retryAfter": "httpDate"})).unwrap();
        assert_eq!(merged.latency_ms, 20);
        assert_eq!(merged.rate_limit, 50);
        assert_eq!(merged.retry_after, RetryAfterStyle::HttpDate);
        assert!(base.merged(&json!({"errorRate": 1.5})).is_err());
        assert!(base.merged(&json!({"writeDropRate": -0.1})).is_err());
        assert_eq!(base.merged(&json!({"writeDropRate": 0.5})).unwrap().write_drop_rate, 0.5);
        assert!(base.merged(&json!({"noSuchKnob": 1})).is_err());
        assert!(base.merged(&json!({"latencyMs": u64::MAX})).is_err(), "a latency that would hang every call");
        assert!(base.merged(&json!({"latencyMs": Faults::MAX_LATENCY_MS})).is_ok());
        assert!(base.merged(&json!({"rateLimit": u32::MAX})).is_err());
        assert!(base.merged(&json!({"gatewayTimeoutAboveMax": 1001})).is_err());
        assert!(!Faults::default().any() && merged.any());
        assert_eq!(RetryAfterStyle::parse_flag("http-date"), Ok(RetryAfterStyle::HttpDate));
        assert!(RetryAfterStyle::parse_flag("later").is_err());
    }
}
