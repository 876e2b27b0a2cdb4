//! Shared helpers for the simulator's HTTP tests: start a
//! simulator on a free loopback port, get tokens, send requests, read Webex
//! error bodies, drive the `/_sim/` helpers, validate against the OpenAPI
//! schemas (`schema.rs`).
// Not every helper is used by every module.
#![allow(dead_code)]

pub mod schema;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::Value;
use webex_sim::client::SimHelpers;
use webex_sim::{SimConfig, SimServer};

pub async fn start(people: usize, customers: usize) -> SimServer {
    start_with(SimConfig { people, customers, ..SimConfig::default() }).await
}

pub async fn start_with(cfg: SimConfig) -> SimServer {
    webex_sim::start(cfg).await.expect("simulator starts")
}

/// A client that shows redirects instead of following them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// The `/_sim/` helpers of `server`.
pub fn helpers(server: &SimServer) -> SimHelpers {
    SimHelpers::new(&server.origin())
}

/// `POST /_sim/tokens` → (access_token, orgId).
pub async fn token(server: &SimServer, role: &str, org_id: Option<&str>) -> (String, String) {
    let issued = helpers(server).token(role, org_id).await.unwrap_or_else(|e| panic!("token for {role}: {e:#}"));
    (issued.access_token, issued.org_id)
}

/// A token for a simulator known by its origin (one running as a process).
pub async fn token_at(origin: &str, role: &str) -> (String, String) {
    let issued = SimHelpers::new(origin).token(role, None).await.unwrap_or_else(|e| panic!("token for {role}: {e:#}"));
    (issued.access_token, issued.org_id)
}

/// A token carrying only `scope` (space-separated).
pub async fn scoped_token(server: &SimServer, role: &str, scope: &str) -> String {
    helpers(server).scoped_token(role, scope).await.unwrap_or_else(|e| panic!("token for {role}: {e:#}")).access_token
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The URL of `Link: <...>; rel="next"`, if any.
    pub fn next_link(&self) -> Option<String> {
        let link = self.header("link")?;
        let (url, rel) = link.split_once(';')?;
        (rel.trim() == "rel=\"next\"").then(|| url.trim().trim_start_matches('<').trim_end_matches('>').to_string())
    }

    pub fn items(&self) -> &Vec<Value> {
        self.body["items"].as_array().expect("an items array")
    }

    /// The Webex error shape, with the body's trackingId equal to the header.
    pub fn assert_webex_error(&self, status: StatusCode) {
        assert_eq!(self.status, status, "{}", self.body);
        let message = self.body["message"].as_str().expect("message");
        assert!(!message.is_empty());
        assert!(self.body["errors"][0]["description"].as_str().is_some_and(|d| !d.is_empty()), "{}", self.body);
        let tracking = self.header("trackingid").expect("TrackingID header");
        assert_eq!(self.body["trackingId"].as_str(), Some(tracking));
    }

    /// The Webex shape plus the OAuth keys, with `error` equal to `code`.
    pub fn assert_oauth_error(&self, status: StatusCode, code: &str) {
        self.assert_webex_error(status);
        assert_eq!(self.body["error"].as_str(), Some(code), "{}", self.body);
        assert!(self.body["error_description"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply { status, headers, body }
}

pub async fn get(url: &str, token: &str) -> Reply {
    reply(client().get(url).bearer_auth(token).send().await.unwrap()).await
}

/// A request with a JSON body (or none).
pub async fn send(method: reqwest::Method, url: &str, token: &str, body: Option<Value>) -> Reply {
    let mut request = client().request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    reply(request.send().await.unwrap()).await
}

pub async fn post(url: &str, token: &str, body: Value) -> Reply {
    send(reqwest::Method::POST, url, token, Some(body)).await
}

pub async fn put(url: &str, token: &str, body: Value) -> Reply {
    send(reqwest::Method::PUT, url, token, Some(body)).await
}

pub async fn patch(url: &str, token: &str, body: Value) -> Reply {
    send(reqwest::Method::PATCH, url, token, Some(body)).await
}

pub async fn delete(url: &str, token: &str) -> Reply {
    send(reqwest::Method::DELETE, url, token, None).await
}

/// `POST /_sim/faults` with `knobs`; panics unless accepted.
pub async fn set_faults(server: &SimServer, knobs: Value) -> Value {
    helpers(server).set_faults(knobs.clone()).await.unwrap_or_else(|e| panic!("faults {knobs}: {e:#}"))
}

/// `GET /_sim/changes?since=N` → the changes' list.
pub async fn changes(server: &SimServer, since: u64) -> Vec<Value> {
    helpers(server).changes(since).await.expect("the change log")
}

/// Moves simulated time forward.
pub async fn advance_clock(server: &SimServer, seconds: u64) {
    helpers(server).advance_clock(seconds).await.expect("the clock moves");
}

/// Every item of a list, following `Link rel="next"` from `url`; `key` is
/// the list's key (`items`, `groups`, `phoneNumbers`...).
pub async fn all_pages(url: &str, token: &str, key: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(url.to_string());
    while let Some(url) = next {
        let page = get(&url, token).await;
        assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
        items.extend(page.body[key].as_array().expect("a list").iter().cloned());
        next = page.next_link();
    }
    items
}
