//! Query parameters, parsed by hand so that bad values get the Webex error
//! body instead of a framework rejection.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::ApiError;

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
            Some(other) => {
                Err(ApiError::bad_request(format!("Invalid value '{other}' for {name}: expected true or false.")))
            }
        }
    }

    /// A page size such as `max`: a positive whole number, if given.
    pub fn positive(&self, name: &str) -> Result<Option<usize>, ApiError> {
        let Some(text) = self.get(name) else { return Ok(None) };
        match text.parse::<usize>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(ApiError::bad_request(format!("Invalid value '{text}' for {name}: expected a positive number."))),
        }
    }

    /// Every pair except `name`, in order (to rebuild a URL with a new cursor).
    pub fn without<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.pairs.iter().filter(move |(k, _)| k != name).map(|(k, v)| (k.as_str(), v.as_str()))
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
}
