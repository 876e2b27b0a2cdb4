//! A client for the simulator's own `/_sim/` helpers, for Rust programs
//! and tests that drive a simulator (feature `client`): tokens without the
//! browser step, fault knobs, the change log and simulated time. The
//! Webex API itself is called like Webex: `call` does it as a script would.

use anyhow::{ensure, Context};
use serde_json::{json, Value};

/// The `/_sim/` helpers of the simulator at `origin` (`http://127.0.0.1:PORT`).
#[derive(Debug, Clone)]
pub struct SimHelpers {
    origin: String,
    http: reqwest::Client,
}

/// An access token for a seeded admin, and the org it acts in.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub access_token: String,
    pub org_id: String,
}

impl SimHelpers {
    pub fn new(origin: &str) -> Self {
        Self { origin: origin.trim_end_matches('/').to_owned(), http: reqwest::Client::new() }
    }

    /// `POST /_sim/tokens`: a token with every scope for the seeded admin
    /// of `role` (`partner_full_admin`, `customer_full_admin`,
    /// `read_only_admin`), in `org_id` or the role's default org.
    pub async fn token(&self, role: &str, org_id: Option<&str>) -> anyhow::Result<IssuedToken> {
        let mut body = json!({ "role": role });
        if let Some(org_id) = org_id {
            body["orgId"] = json!(org_id);
        }
        self.issue(body).await
    }

    /// A token carrying only `scope` (space-separated), to try scope checks.
    pub async fn scoped_token(&self, role: &str, scope: &str) -> anyhow::Result<IssuedToken> {
        self.issue(json!({ "role": role, "scope": scope })).await
    }

    async fn issue(&self, body: Value) -> anyhow::Result<IssuedToken> {
        let answer = self.send(reqwest::Method::POST, "tokens", Some(body)).await?;
        let text = |key: &str| answer[key].as_str().map(str::to_owned).with_context(|| format!("no {key} in {answer}"));
        Ok(IssuedToken { access_token: text("access_token")?, org_id: text("orgId")? })
    }

    /// `POST /_sim/faults`: sets the named knobs; answers them all.
    pub async fn set_faults(&self, knobs: Value) -> anyhow::Result<Value> {
        self.send(reqwest::Method::POST, "faults", Some(knobs)).await
    }

    /// `GET /_sim/changes?since=N`: every change the API made after the `N`th.
    pub async fn changes(&self, since: u64) -> anyhow::Result<Vec<Value>> {
        let answer = self.send(reqwest::Method::GET, &format!("changes?since={since}"), None).await?;
        answer["items"].as_array().cloned().context("no items in the change log")
    }

    /// The sequence number of the latest change (0 before any).
    pub async fn last_seq(&self) -> anyhow::Result<u64> {
        let answer = self.send(reqwest::Method::GET, "changes?since=0", None).await?;
        Ok(answer["lastSeq"].as_u64().unwrap_or(0))
    }

    /// `POST /_sim/clock`: moves simulated time forward.
    pub async fn advance_clock(&self, seconds: u64) -> anyhow::Result<()> {
        self.send(reqwest::Method::POST, "clock", Some(json!({ "advanceSeconds": seconds }))).await.map(drop)
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let url = format!("{}/_sim/{path}", self.origin);
        let mut request = self.http.request(method, &url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.with_context(|| format!("{url} did not answer"))?;
        let status = response.status();
        let text = response.text().await?;
        ensure!(status.is_success(), "{url} answered {status}: {text}");
        Ok(serde_json::from_str(&text)?)
    }
}

/// An API answer: its status, and its body as JSON (a text body becomes a
/// JSON string).
#[derive(Debug, Clone)]
pub struct ApiReply {
    pub status: reqwest::StatusCode,
    pub body: Value,
}

/// Calls the (simulated) Webex API with a bearer token, as a script would.
pub async fn call(method: reqwest::Method, url: &str, token: &str, body: Option<Value>) -> anyhow::Result<ApiReply> {
    let mut request = reqwest::Client::new().request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.with_context(|| format!("{url} did not answer"))?;
    let status = response.status();
    let text = response.text().await?;
    Ok(ApiReply { status, body: serde_json::from_str(&text).unwrap_or(Value::String(text)) })
}
