//! Follows `Link: <...>; rel="next"` until the last page (webex-api.md §2.2).

use std::marker::PhantomData;

use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use super::models::Items;
use super::{WebexClient, WebexError};

pub struct Pager<T> {
    client: WebexClient,
    /// The first request's query: re-applied when a next link drops filters.
    original: Vec<(String, String)>,
    next: Option<String>,
    pages: u32,
    _item: PhantomData<T>,
}

impl<T: DeserializeOwned> Pager<T> {
    pub fn new(client: WebexClient, first_url: String) -> Self {
        let original = Url::parse(&first_url)
            .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
            .unwrap_or_default();
        Self { client, original, next: Some(first_url), pages: 0, _item: PhantomData }
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// The next page of items, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>, WebexError> {
        let Some(url) = self.next.take() else { return Ok(None) };
        let response = self.client.send(Method::GET, &url).await?;
        self.next = next_link(response.headers()).map(|next| repair_next_url(&self.original, &next));
        let bytes = response.bytes().await.map_err(|e| WebexError::Network {
            host: String::new(),
            detail: format!("the response was cut off: {e}"),
        })?;
        let page: Items<T> =
            serde_json::from_slice(&bytes).map_err(|e| WebexError::Decode(format!("{url}: {e}")))?;
        self.pages += 1;
        Ok(Some(page.items))
    }

    /// Every remaining item (fine for short lists such as licenses).
    pub async fn collect_all(mut self) -> Result<Vec<T>, WebexError> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }
}

/// The `rel="next"` target of an RFC 5988 `Link` header, if any.
fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers.get_all("link").iter().filter_map(|v| v.to_str().ok()).find_map(parse_next)
}

fn parse_next(header: &str) -> Option<String> {
    header.split(',').find_map(|link| {
        let (target, params) = link.trim().split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next")
        });
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| target.to_owned())
    })
}

/// Webex's next links have been seen to carry `max=null` and to drop some of
/// the original query (WebexPythonSDK `_fix_next_url`): put back what is
/// missing, drop what is broken, keep the server's cursor.
fn repair_next_url(original: &[(String, String)], next: &str) -> String {
    let Ok(mut url) = Url::parse(next) else { return next.to_owned() };
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(_, v)| !(v == "null" || v.is_empty()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let missing = original.iter().filter(|(k, _)| !kept.iter().any(|(kk, _)| kk == k));
    let pairs: Vec<(String, String)> = kept.iter().cloned().chain(missing.cloned()).collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_next_among_several_links() {
        let h = r#"<https://x/v1/people?cursor=a>; rel="first", <https://x/v1/people?cursor=b>; rel="next""#;
        assert_eq!(parse_next(h).as_deref(), Some("https://x/v1/people?cursor=b"));
        assert_eq!(parse_next(r#"<https://x/v1/people?cursor=a>; rel="prev""#), None);
    }

    #[test]
    fn repairs_dropped_filters_and_max_null() {
        let original = vec![
            ("orgId".to_owned(), "O1".to_owned()),
            ("callingData".to_owned(), "true".to_owned()),
            ("max".to_owned(), "100".to_owned()),
        ];
        let repaired = repair_next_url(&original, "https://x/v1/people?cursor=abc&max=null");
        let url = Url::parse(&repaired).unwrap();
        let q: Vec<_> = url.query_pairs().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(q, ["cursor=abc", "orgId=O1", "callingData=true", "max=100"]);
    }

    #[test]
    fn leaves_a_good_next_link_alone() {
        let original = vec![("max".to_owned(), "100".to_owned())];
        let next = "https://x/v1/people?max=100&cursor=abc";
        assert_eq!(repair_next_url(&original, next), next);
    }
}
