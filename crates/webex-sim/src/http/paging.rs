//! Paging the Webex way (webex-api.md §2.2): a page size capped silently,
//! and `Link: <absolute URL>; rel="next"` carrying an opaque cursor.

use axum::http::HeaderValue;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::params::MAX_POSITION;
use super::{ApiError, QueryParams};

/// The requested size, or the default, never above the cap.
pub fn page_size(requested: Option<usize>, default: usize, cap: usize) -> usize {
    requested.unwrap_or(default).min(cap)
}

/// Cursors are opaque to clients; inside they are a position.
pub fn encode_cursor(position: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("pos:{position}"))
}

/// A forged cursor is refused like a garbled one: its position is a
/// request's number too, bounded by `MAX_POSITION`.
pub fn decode_cursor(cursor: &str) -> Result<usize, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("pos:")?.parse().ok())
        .filter(|&position| position <= MAX_POSITION)
        .ok_or_else(|| ApiError::bad_request("Invalid paging cursor."))
}

/// The `Link` header value for the next page: the same request, every
/// parameter kept, with `cursor_param` set to `cursor`.
pub fn next_link(origin: &str, path: &str, params: &QueryParams, cursor_param: &str, cursor: &str) -> HeaderValue {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(params.without(cursor_param));
    query.append_pair(cursor_param, cursor);
    let link = format!("<{origin}{path}?{}>; rel=\"next\"", query.finish());
    HeaderValue::from_str(&link).expect("a serialized URL is a valid header value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(decode_cursor(&encode_cursor(4242)).unwrap(), 4242);
        assert!(decode_cursor("bm9wZQ").is_err());
        assert!(decode_cursor("%%%").is_err());
        assert!(decode_cursor(&encode_cursor(usize::MAX)).is_err(), "a forged far position");
        assert!(decode_cursor(&encode_cursor(MAX_POSITION)).is_ok());
    }

    #[test]
    fn next_link_keeps_parameters_and_replaces_the_cursor() {
        let params = QueryParams::parse("max=10&displayName=S%C3%B8&cursor=old");
        let link = next_link("http://127.0.0.1:9", "/v1/people", &params, "cursor", "new");
        assert_eq!(
            link.to_str().unwrap(),
            "<http://127.0.0.1:9/v1/people?max=10&displayName=S%C3%B8&cursor=new>; rel=\"next\""
        );
    }

    #[test]
    fn page_size_caps_silently() {
        assert_eq!(page_size(None, 100, 1000), 100);
        assert_eq!(page_size(Some(5000), 100, 1000), 1000);
        assert_eq!(page_size(Some(7), 100, 50), 7);
    }
}
