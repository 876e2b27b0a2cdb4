//! One authenticated HTTP client per session.

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicBool, Ordering};

use super::body::{api_error, error_chain, read_body, snippet};
use super::error::NetworkKind;
use super::gate::RateGate;
use super::WebexError;

/// Where the client gets its bearer token. The session implementation
/// refreshes ahead of expiry and keeps tokens in the OS keyring.
pub trait TokenSource: Send + Sync {
    /// A token believed valid now.
    fn token(&self) -> BoxFuture<'_, Result<String, WebexError>>;
    /// Called once after a 401 with the rejected token: return a new one.
    fn refresh(&self, rejected: String) -> BoxFuture<'_, Result<String, WebexError>>;
}

/// Brings the server back when nothing answers: the demo tenant runs as a
/// process of its own, which exits when idle or may be killed; its state
/// is kept on disk, so starting it again loses nothing.
pub trait Reviver: Send + Sync {
    /// Starts the server again at the same address if it is not answering;
    /// true when it answers now.
    fn revive(&self) -> BoxFuture<'_, bool>;
}

/// A fixed token (headless use with `HUBDESK_TOKEN`, tests): no refresh.
pub struct StaticToken(pub String);

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, WebexError>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
    fn refresh(&self, _rejected: String) -> BoxFuture<'_, Result<String, WebexError>> {
        Box::pin(async move {
            Err(WebexError::Auth(hubdesk_api::ApiError::new(
                hubdesk_api::ErrorCode::Unauthorized,
                "Webex no longer accepts this sign-in. Sign in again.",
            )))
        })
    }
}

/// Tries for transient failures (5xx, drops, timeouts). With backoff capped
/// at 8 s, eight tries give up after about 30 s of a real outage, while a
/// flaky moment (one request in five failing) almost never exhausts them.
const MAX_ATTEMPTS: u32 = 8;
/// Tries when the connection itself is refused or cannot be made.
const MAX_CONNECT_ATTEMPTS: u32 = 3;
/// Fetches of one response whose body failed before we give up.
const MAX_BODY_FAILURES: u32 = 4;
/// 429s tolerated for one request before giving up: the gate paces us, so
/// many in a row mean Webex is refusing, not throttling.
const MAX_THROTTLED: u32 = 20;
/// Requests in flight at once per client, across every task using it.
const MAX_IN_FLIGHT: usize = 8;
/// Never wait longer than this for one Retry-After.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// When a 429 carries no usable Retry-After.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(5);
/// How long one request may take, answer and body included.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer read (64 MiB). Webex's biggest pages (1,000 people
/// with calling data) are a few MiB; anything far bigger is not Webex
/// talking, and reading it whole would hold it all in memory.
pub const DEFAULT_MAX_BODY: u64 = 64 * 1024 * 1024;

/// Cheap to clone: clones share the token, the rate gate and the limit on
/// requests in flight.
#[derive(Clone)]
pub struct WebexClient {
    http: reqwest::Client,
    base: String,
    /// The base's scheme, host and port: the only place the token goes.
    origin: url::Origin,
    tokens: Arc<dyn TokenSource>,
    gate: Arc<RateGate>,
    in_flight: Arc<tokio::sync::Semaphore>,
    reviver: Option<Arc<dyn Reviver>>,
    request_timeout: Duration,
    max_body: u64,
    /// Whether the server has answered anything yet (see `send`).
    answered: Arc<AtomicBool>,
}

impl WebexClient {
    /// `base` is the API root, e.g. `https://webexapis.com/v1`.
    pub fn new(base: &str, tokens: Arc<dyn TokenSource>) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(concat!("hubdesk/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("reqwest client");
        let base = base.trim_end_matches('/').to_owned();
        // An unparsable base has an opaque origin, which matches no URL: every request is refused.
        let origin = url::Url::parse(&base).map(|u| u.origin()).unwrap_or_else(|_| url::Origin::new_opaque());
        Self {
            http,
            base,
            origin,
            tokens,
            gate: Arc::default(),
            in_flight: Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT)),
            reviver: None,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
            answered: Arc::default(),
        }
    }

    /// When a connection is refused, asks `reviver` to start the server
    /// again before trying once more.
    pub fn with_reviver(mut self, reviver: Arc<dyn Reviver>) -> Self {
        self.reviver = Some(reviver);
        self
    }

    /// After a refused connection: whether the server was started again
    /// (nothing was sent, so trying again is safe even for a write).
    async fn revived(&self, url: &str) -> bool {
        let Some(reviver) = &self.reviver else { return false };
        tracing::info!(%url, "nothing answers; starting the server again");
        reviver.revive().await
    }

    /// How long one request may take, from connecting to the end of its
    /// body (default one minute).
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The largest answer body read, in bytes (default [`DEFAULT_MAX_BODY`]).
    pub fn with_max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// An absolute URL for a path below the API root (`people/me`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }

    pub async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T, WebexError> {
        self.get_parsed(url, true, |_, body| {
            serde_json::from_slice(body).map_err(|e| WebexError::Body(format!("{url}: {e}")))
        })
        .await
    }

    /// GETs `url`: its headers, and its body or why the body could not be
    /// read (transient send failures are retried; a cut body is not).
    pub(super) async fn fetch(&self, url: &str, retry_504: bool) -> Result<Fetched, WebexError> {
        let response = self.send(Method::GET, url, retry_504).await?;
        let headers = response.headers().clone();
        let body = self.read_body(response, url).await.and_then(|body| json_body(url, &headers, body));
        Ok(Fetched { headers, body })
    }

    /// A successful answer's body, up to the client's size limit.
    pub(super) async fn read_body(&self, response: Response, url: &str) -> Result<bytes::Bytes, WebexError> {
        read_body(response, self.max_body, url).await
    }

    /// GETs `url` and parses it with `parse(headers, body)`. A GET is safe
    /// to repeat, so a body cut off or garbled in transit is fetched again
    /// (send failures were already retried by `send`).
    pub(super) async fn get_parsed<T>(
        &self,
        url: &str,
        retry_504: bool,
        parse: impl Fn(&reqwest::header::HeaderMap, &[u8]) -> Result<T, WebexError>,
    ) -> Result<T, WebexError> {
        let mut body_failures = 0;
        loop {
            let Fetched { headers, body } = self.fetch(url, retry_504).await?;
            match body.and_then(|body| parse(&headers, &body)) {
                Err(e @ WebexError::Body(_)) if body_failures < MAX_BODY_FAILURES => {
                    body_failures += 1;
                    tracing::warn!(%url, "response body unusable, fetching it again: {e}");
                    tokio::time::sleep(backoff(body_failures)).await;
                }
                other => return other,
            }
        }
    }

    /// The bearer token goes only to the API's own origin (scheme, host,
    /// port). A link elsewhere (a rewritten next link) is refused before any
    /// request leaves; the admin reads a sentence, the URL goes to the log.
    fn check_origin(&self, url: &str) -> Result<(), WebexError> {
        match url::Url::parse(url) {
            Ok(parsed) if parsed.origin() == self.origin => Ok(()),
            _ => {
                tracing::warn!(%url, base = %self.base, "refused to send the token outside the API's origin");
                Err(WebexError::ForeignOrigin)
            }
        }
    }

    /// Sends with the bearer token: waits at the shared rate gate, refreshes
    /// once on 401, closes the gate for everyone on 429, and retries other
    /// transient failures with capped exponential backoff. With `retry_504`
    /// false a 504 comes straight back, for callers that retry it
    /// differently (a smaller page). A timeout before the server has ever
    /// answered comes straight back too: a server that never answered is
    /// not having a moment, and eight more tries would hold the caller for
    /// eight times the timeout.
    pub(super) async fn send(&self, method: Method, url: &str, retry_504: bool) -> Result<Response, WebexError> {
        self.check_origin(url)?;
        let mut token = self.tokens.token().await?;
        let mut refreshed = false;
        let (mut failures, mut throttled, mut connect_failures) = (0, 0, 0);
        loop {
            self.gate.wait().await;
            let result = {
                let _permit = self.in_flight.acquire().await.expect("the semaphore is never closed");
                self.request(method.clone(), url, &token).send().await
            };
            if result.is_ok() {
                self.answered.store(true, Ordering::Relaxed);
            }
            let error = match result {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) if resp.status() == StatusCode::UNAUTHORIZED && !refreshed => {
                    refreshed = true;
                    token = self.tokens.refresh(token).await?;
                    continue;
                }
                Ok(resp) if resp.status() == StatusCode::TOO_MANY_REQUESTS => {
                    let wait = retry_after(&resp);
                    let error = api_error(resp).await;
                    throttled += 1;
                    if throttled > MAX_THROTTLED {
                        return Err(error);
                    }
                    tracing::info!(%url, ?wait, "throttled by Webex; pausing every request on this token");
                    self.gate.pause(wait);
                    continue;
                }
                Ok(resp) if resp.status() == StatusCode::GATEWAY_TIMEOUT && !retry_504 => {
                    return Err(api_error(resp).await)
                }
                Ok(resp) => api_error(resp).await,
                Err(err) if err.is_connect() => {
                    if connect_failures == 0 && self.revived(url).await {
                        connect_failures += 1;
                        continue;
                    }
                    // Nothing answers at all (offline, server down): say so
                    // soon rather than after the long budget for flaky moments.
                    connect_failures += 1;
                    if connect_failures >= MAX_CONNECT_ATTEMPTS {
                        return Err(self.network_error(url, &err));
                    }
                    tokio::time::sleep(backoff(connect_failures)).await;
                    continue;
                }
                Err(err) if err.is_timeout() && !self.answered.load(Ordering::Relaxed) => {
                    return Err(self.network_error(url, &err))
                }
                Err(err) => self.network_error(url, &err),
            };
            failures += 1;
            if !error.is_transient() || failures >= MAX_ATTEMPTS {
                return Err(error);
            }
            let wait = backoff(failures);
            tracing::warn!(%url, failures, ?wait, "transient Webex failure, retrying: {error}");
            tokio::time::sleep(wait).await;
        }
    }

    /// Sends a request with a body once: only a 429 or a 401 (refused
    /// before anything happened) is repeated. Any other failure comes back.
    pub(super) async fn send_once(
        &self,
        method: Method,
        url: &str,
        body: &impl serde::Serialize,
        tracking_id: &str,
    ) -> Result<Response, WebexError> {
        self.send_once_with(method, url, Some(body), tracking_id).await
    }

    /// `send_once` for a request that has no body (a DELETE).
    pub(super) async fn send_once_empty(
        &self,
        method: Method,
        url: &str,
        tracking_id: &str,
    ) -> Result<Response, WebexError> {
        self.send_once_with(method, url, None::<&()>, tracking_id).await
    }

    async fn send_once_with(
        &self,
        method: Method,
        url: &str,
        body: Option<&impl serde::Serialize>,
        tracking_id: &str,
    ) -> Result<Response, WebexError> {
        self.check_origin(url)?;
        let mut token = self.tokens.token().await?;
        let (mut refreshed, mut throttled, mut revived) = (false, 0, false);
        loop {
            self.gate.wait().await;
            let result = {
                let _permit = self.in_flight.acquire().await.expect("the semaphore is never closed");
                let request = self
                    .http
                    .request(method.clone(), url)
                    .bearer_auth(&token)
                    .header("TrackingID", tracking_id)
                    .timeout(self.request_timeout);
                match body {
                    Some(body) => request.json(body),
                    None => request,
                }
                .send()
                .await
            };
            match result {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) if resp.status() == StatusCode::UNAUTHORIZED && !refreshed => {
                    refreshed = true;
                    token = self.tokens.refresh(token).await?;
                }
                Ok(resp) if resp.status() == StatusCode::TOO_MANY_REQUESTS && throttled < MAX_THROTTLED => {
                    throttled += 1;
                    let wait = retry_after(&resp);
                    tracing::info!(%url, ?wait, "throttled by Webex; pausing every request on this token");
                    self.gate.pause(wait);
                }
                Ok(resp) => return Err(api_error(resp).await),
                // A refused connection sent nothing: after a revival the
                // request goes once, as it would have.
                Err(err) if err.is_connect() && !revived && self.revived(url).await => revived = true,
                Err(err) => return Err(self.network_error(url, &err)),
            }
        }
    }

    fn request(&self, method: Method, url: &str, token: &str) -> RequestBuilder {
        self.http
            .request(method, url)
            .bearer_auth(token)
            .header("TrackingID", format!("HUBDESK_{}", uuid::Uuid::new_v4()))
            .timeout(self.request_timeout)
    }

    fn network_error(&self, url: &str, err: &reqwest::Error) -> WebexError {
        network_error(url, err, self.request_timeout)
    }
}

/// A body that claims to be something other than JSON (a web page from a
/// captive portal or a wrong address) is `NotJson`, which is not fetched
/// again; one without a type is left to the parser.
fn json_body(url: &str, headers: &reqwest::header::HeaderMap, body: bytes::Bytes) -> Result<bytes::Bytes, WebexError> {
    let Some(content_type) = headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return Ok(body);
    };
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "text/json" {
        return Ok(body);
    }
    Err(WebexError::NotJson(format!("{url}: {essence}: {}", snippet(&body))))
}

/// A GET's answer: its headers, and its body or why it could not be read.
pub(super) struct Fetched {
    pub(super) headers: reqwest::header::HeaderMap,
    pub(super) body: Result<bytes::Bytes, WebexError>,
}

fn network_error(url: &str, err: &reqwest::Error, timeout: Duration) -> WebexError {
    let host = reqwest::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default();
    let kind = if err.is_timeout() {
        NetworkKind::TimedOut { seconds: timeout.as_secs() }
    } else if err.is_connect() && refused(err) {
        NetworkKind::Refused
    } else if err.is_connect() {
        NetworkKind::Unreachable
    } else {
        NetworkKind::Dropped
    };
    let detail = match kind {
        NetworkKind::TimedOut { seconds } => format!("no answer within {seconds} s"),
        _ => error_chain(err),
    };
    WebexError::Network { host, detail, kind }
}

/// Whether the operating system said "connection refused" somewhere in the chain.
fn refused(err: &reqwest::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = source {
        if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused) {
            return true;
        }
        source = e.source();
    }
    false
}

/// `Retry-After` in whole seconds; malformed values (seen in the wild) fall
/// back to a default rather than hammering or stalling.
fn retry_after(response: &Response) -> Duration {
    parse_retry_after(response.headers().get("retry-after").and_then(|v| v.to_str().ok()))
}

pub(crate) fn parse_retry_after(value: Option<&str>) -> Duration {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.max(1.0)).min(MAX_RETRY_AFTER))
        .unwrap_or(DEFAULT_RETRY_AFTER)
}

/// 0.5 s, 1 s, 2 s, 4 s... capped at 8 s, with up to 25 % jitter so that
/// parallel tasks do not retry in lockstep.
pub(super) fn backoff(attempt: u32) -> Duration {
    let base = Duration::from_millis(500 * 2u64.pow(attempt.saturating_sub(1).min(4)));
    let jitter = rand::random::<f64>() * 0.25;
    base.mul_f64(1.0 + jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_parses_seconds_and_survives_garbage() {
        assert_eq!(parse_retry_after(Some("7")), Duration::from_secs(7));
        assert_eq!(parse_retry_after(Some(" 2 ")), Duration::from_secs(2));
        assert_eq!(parse_retry_after(Some("0")), Duration::from_secs(1));
        assert_eq!(parse_retry_after(Some("3600")), MAX_RETRY_AFTER);
        assert_eq!(parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), DEFAULT_RETRY_AFTER);
        assert_eq!(parse_retry_after(Some("-5")), DEFAULT_RETRY_AFTER);
        assert_eq!(parse_retry_after(None), DEFAULT_RETRY_AFTER);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(1) < Duration::from_millis(700));
        assert!(backoff(3) >= Duration::from_secs(2));
        assert!(backoff(30) <= Duration::from_secs(10));
    }
}
