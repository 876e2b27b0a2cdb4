//! Shared helpers for the simulator's HTTP tests (`tests/sim_*.rs`): start a
//! simulator on a free loopback port, get tokens, read Webex error bodies.
// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use hubdesk::sim::{self, SimConfig, SimServer};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub async fn start(people: usize, customers: usize) -> SimServer {
    start_with(SimConfig { people, customers, ..SimConfig::default() }).await
}

pub async fn start_with(cfg: SimConfig) -> SimServer {
    sim::start(cfg).await.expect("simulator starts")
}

/// A client that shows redirects instead of following them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// `POST /_sim/tokens` → (access_token, orgId).
pub async fn token(server: &SimServer, role: &str, org_id: Option<&str>) -> (String, String) {
    let mut body = json!({ "role": role });
    if let Some(org) = org_id {
        body["orgId"] = json!(org);
    }
    let response = client().post(format!("{}/_sim/tokens", server.origin())).json(&body).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "token for {role}");
    let value: Value = response.json().await.unwrap();
    (value["access_token"].as_str().unwrap().to_string(), value["orgId"].as_str().unwrap().to_string())
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
