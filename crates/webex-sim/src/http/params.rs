//! Query parameters, parsed by hand so that bad values get the Webex error
//! body instead of a framework rejection. Every number a request names
//! goes through `whole`, `positive` or `position`: out of range is a 400,
//! never an overflow further on.

use std::ops::RangeInclusive;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::ApiError;

/// The furthest list position a request may name (`start`, `startIndex`, a
/// cursor): above any list the simulator holds (at most 1,000,000 people),
/// and far enough from `usize::MAX` that position + page size cannot overflow.
pub const MAX_POSITION: usize = 10_000_000;

/// How much of a refused value an error message repeats.
const SHOWN_CHARS: usize = 40;

#[derive(Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    pub fn parse(query: &str) -> QueryParams {
        QueryParams { pairs: url::form_urlencoded::parse(query.as_bytes()).into_owned().collect() }
    }

    /// The first value of `name`; an empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// A name given more than once (OAuth forbids repeats, RFC 6749 §3.1).
    pub fn repeated(&self) -> Option<&str> {
        self.pairs
            .iter()
            .enumerate()
            .find(|(i, (k, _))| self.pairs[..*i].iter().any(|(earlier, _)| earlier == k))
            .map(|(_, (k, _))| k.as_str())
    }

    /// A boolean flag such as `callingData`: absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "Invalid value '{}' for {name}: expected true or false.",
                shown(other)
            ))),
        }
    }

    /// A whole number within `range`, if given.
    pub fn whole(&self, name: &str, range: RangeInclusive<u64>) -> Result<Option<u64>, ApiError> {
        let Some(text) = self.get(name) else { return Ok(None) };
        match text.parse::<u64>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_request(format!(
                "Invalid value '{}' for {name}: expected a whole number from {} to {}.",
                shown(text),
                range.start(),
                range.end()
            ))),
        }
    }

    /// A page size such as `max`: a positive whole number, if given. Sizes
    /// above an endpoint's cap are capped silently (`page_size`), as Webex does.
    pub fn positive(&self, name: &str) -> Result<Option<usize>, ApiError> {
        let Some(text) = self.get(name) else { return Ok(None) };
        match text.parse::<u64>() {
            Ok(n) if n > 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
            _ => Err(ApiError::bad_request(format!(
                "Invalid value '{}' for {name}: expected a positive number.",
                shown(text)
            ))),
        }
    }

    /// A list position (`start` from 0, `startIndex` from 1): `first` when
    /// absent, at most `MAX_POSITION`.
    pub fn position(&self, name: &str, first: usize) -> Result<usize, ApiError> {
        let range = first as u64..=MAX_POSITION as u64;
        Ok(self.whole(name, range)?.map_or(first, |n| n as usize))
    }

    /// Every pair except `name`, in order (to rebuild a URL with a new cursor).
    pub fn without<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.pairs.iter().filter(move |(k, _)| k != name).map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A refused value as an error message repeats it: its start, if it is long.
fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

impl<S: Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(QueryParams::parse(parts.uri.query().unwrap_or("")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flags_numbers_and_repeats() {
        let q = QueryParams::parse("callingData=TRUE&max=0&email=&state=a&state=b&displayName=S%C3%B8ren");
        assert!(q.flag("callingData").unwrap());
        assert!(!q.flag("excludeStatus").unwrap());
        assert!(q.positive("max").is_err());
        assert_eq!(q.get("email"), None);
        assert_eq!(q.get("displayName"), Some("Søren"));
        assert_eq!(q.repeated(), Some("state"));
        assert_eq!(QueryParams::parse("a=1&b=2").repeated(), None);
    }

    #[test]
    fn positions_are_bounded() {
        let q = QueryParams::parse("start=0&startIndex=0&far=10000001&top=18446744073709551615&neg=-1&e=1e3");
        assert_eq!(q.position("start", 0).unwrap(), 0);
        assert!(q.position("startIndex", 1).is_err(), "startIndex counts from 1");
        assert_eq!(q.position("absent", 1).unwrap(), 1);
        for name in ["far", "top", "neg", "e"] {
            assert!(q.position(name, 0).is_err(), "{name}");
        }
        assert_eq!(q.positive("top").unwrap(), Some(usize::MAX), "a page size is capped later, not refused");
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        assert_eq!(shown("12"), "12");
        let long = "9".repeat(5000);
        assert_eq!(shown(&long).chars().count(), SHOWN_CHARS + 1);
    }
}
