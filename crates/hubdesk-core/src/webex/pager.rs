//! Follows `Link: <...>; rel="next"` until the last page (webex-api.md §2.2).
//!
//! The next page is requested as soon as a page's answer names it, so it
//! is on its way while this page is parsed and stored: a long list costs
//! its pages' round trips and little more.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;
use url::Url;

use super::client::Fetched;
use super::models::{Envelope, Items};
use super::{WebexClient, WebexError};

/// Pages of `E`'s items; `Pager<T>` is the common `{items}` case.
pub struct Pager<T, E = Items<T>> {
    client: WebexClient,
    /// The first request's query: re-applied when a next link drops filters.
    original: Vec<(String, String)>,
    next: Option<String>,
    /// The next page, already requested.
    ahead: Option<Ahead>,
    pages: u32,
    _item: PhantomData<(T, E)>,
}

impl<T: DeserializeOwned, E: Envelope<Item = T>> Pager<T, E> {
    pub fn new(client: WebexClient, first_url: String) -> Self {
        let original = Url::parse(&first_url)
            .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
            .unwrap_or_default();
        Self { client, original, next: Some(first_url), ahead: None, pages: 0, _item: PhantomData }
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// The next page of items, or `None` after the last one. A 504 on a
    /// page with calling data (Webex's "reduce max" answer) asks for the
    /// same page again at half the size.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>, WebexError> {
        let Some(mut url) = self.next.take() else { return Ok(None) };
        loop {
            match self.page(&url).await {
                Ok((items, next)) => {
                    self.next = next;
                    self.pages += 1;
                    return Ok(Some(items));
                }
                Err(e) if e.status() == Some(504) => match smaller_page(&url) {
                    Some(smaller) => {
                        tracing::info!(%url, "504 on a calling-data page: asking for a smaller page");
                        url = smaller;
                    }
                    None => return Err(e),
                },
                Err(e) => return Err(e),
            }
        }
    }

    /// One page's items and the next page's URL; the next page is requested
    /// before this one is parsed. A page whose body cannot be parsed is
    /// fetched again, and its next link taken from the answer that parsed.
    async fn page(&mut self, url: &str) -> Result<(Vec<T>, Option<String>), WebexError> {
        let retry_504 = client_retries_504(url);
        let fetched = match self.ahead.take() {
            Some(ahead) if ahead.url == url => ahead.answer().await?,
            _ => self.client.fetch(url, retry_504).await?,
        };
        let next = next_url(&self.original, &fetched.headers);
        if let Some(next) = &next {
            self.ahead = Some(Ahead::request(&self.client, next));
            // Let the request leave before this page is parsed: a task
            // spawned from a busy worker waits for that worker otherwise.
            tokio::task::yield_now().await;
        }
        match fetched.body.and_then(|body| parse::<E>(url, &body)) {
            Ok(page) => Ok((page.into_items(), next)),
            Err(WebexError::Body(e)) => {
                tracing::warn!(%url, "page unusable, fetching it again: {e}");
                let original = &self.original;
                let (page, next) = self
                    .client
                    .get_parsed(url, retry_504, |headers, body| {
                        Ok((parse::<E>(url, body)?, next_url(original, headers)))
                    })
                    .await?;
                Ok((page.into_items(), next))
            }
            Err(e) => Err(e),
        }
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

/// Whether the client retries a 504 itself: not on a calling-data page,
/// where a 504 means "ask for less" (see `next_page`).
fn client_retries_504(url: &str) -> bool {
    !url.contains("callingData=true")
}

/// The page after this answer's, its query repaired.
fn next_url(original: &[(String, String)], headers: &reqwest::header::HeaderMap) -> Option<String> {
    next_link(headers).map(|next| repair_next_url(original, &next))
}

fn parse<E: DeserializeOwned>(url: &str, body: &[u8]) -> Result<E, WebexError> {
    serde_json::from_slice(body).map_err(|e| WebexError::Body(format!("{url}: {e}")))
}

/// A page requested ahead, in a task of its own so that it travels while
/// the current page is parsed. Dropping it (a failed or cancelled sync)
/// cancels the request.
struct Ahead {
    url: String,
    task: JoinHandle<Result<Fetched, WebexError>>,
}

impl Ahead {
    fn request(client: &WebexClient, url: &str) -> Ahead {
        let (client, owned) = (client.clone(), url.to_owned());
        let retry_504 = client_retries_504(url);
        Ahead { url: url.to_owned(), task: tokio::spawn(async move { client.fetch(&owned, retry_504).await }) }
    }

    async fn answer(mut self) -> Result<Fetched, WebexError> {
        match (&mut self.task).await {
            Ok(answer) => answer,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            // Only a runtime shutting down cancels it from outside.
            Err(e) => Err(WebexError::Network {
                host: String::new(),
                detail: format!("request stopped: {e}"),
                kind: super::NetworkKind::Dropped,
            }),
        }
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The smallest page a 504 makes us ask for.
const MIN_PAGE: u32 = 10;

/// The same URL with `max` halved, or `None` when it is already small.
fn smaller_page(url: &str) -> Option<String> {
    let mut parsed = Url::parse(url).ok()?;
    let max: u32 = parsed.query_pairs().find(|(k, _)| k == "max")?.1.parse().ok()?;
    if max <= MIN_PAGE {
        return None;
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            if k == "max" {
                (k.into_owned(), (max / 2).max(MIN_PAGE).to_string())
            } else {
                (k.into_owned(), v.into_owned())
            }
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    Some(parsed.to_string())
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
    fn a_smaller_page_halves_max_down_to_a_floor() {
        let smaller = smaller_page("https://x/v1/people?callingData=true&max=100&cursor=a").unwrap();
        assert_eq!(smaller, "https://x/v1/people?callingData=true&max=50&cursor=a");
        assert_eq!(smaller_page("https://x/v1/people?max=15").unwrap(), "https://x/v1/people?max=10");
        assert_eq!(smaller_page("https://x/v1/people?max=10"), None);
        assert_eq!(smaller_page("https://x/v1/people?cursor=a"), None);
    }

    #[test]
    fn leaves_a_good_next_link_alone() {
        let original = vec![("max".to_owned(), "100".to_owned())];
        let next = "https://x/v1/people?max=100&cursor=abc";
        assert_eq!(repair_next_url(&original, next), next);
    }
}
