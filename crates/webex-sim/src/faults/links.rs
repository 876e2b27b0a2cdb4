//! Next links as Webex sometimes writes them (webex-api.md §2.2, from
//! WebexPythonSDK's `_fix_next_url`): with a stray `max=null`, which fails
//! when followed as is, or without the request's filters, which silently
//! changes what the next pages contain.

use axum::http::HeaderValue;
use url::Url;

/// Paging parameters survive when filters are dropped.
const PAGING: [&str; 7] = ["cursor", "next", "start", "startIndex", "max", "count", "limit"];

/// Rewrites `Link: <url>; rel="next"`.
pub fn rewrite(link: &HeaderValue, drop_filters: bool, max_null: bool) -> Option<HeaderValue> {
    let text = link.to_str().ok()?;
    let (target, rest) = text.strip_prefix('<')?.split_once('>')?;
    let mut url = Url::parse(target).ok()?;
    let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    if drop_filters {
        pairs.retain(|(k, _)| PAGING.contains(&k.as_str()));
    }
    if max_null {
        pairs.retain(|(k, _)| k != "max");
        pairs.push(("max".into(), "null".into()));
    }
    url.query_pairs_mut().clear().extend_pairs(&pairs);
    HeaderValue::from_str(&format!("<{url}>{rest}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_filters_and_spoils_max() {
        let link = HeaderValue::from_static(
            "<http://127.0.0.1:9/v1/people?orgId=abc&callingData=true&max=100&cursor=xyz>; rel=\"next\"",
        );
        let dropped = rewrite(&link, true, false).unwrap();
        assert_eq!(dropped, "<http://127.0.0.1:9/v1/people?max=100&cursor=xyz>; rel=\"next\"");
        let spoiled = rewrite(&link, false, true).unwrap();
        assert_eq!(
            spoiled,
            "<http://127.0.0.1:9/v1/people?orgId=abc&callingData=true&cursor=xyz&max=null>; rel=\"next\""
        );
    }
}
