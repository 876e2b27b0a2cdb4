//! `hubdesk broadworks retry|delete|package` as a script runs them (rule
//! B4): the real binary against the simulator over HTTP, through the
//! journal and the audit log. Exit 0 done, 1 refused or failed, 2 an error;
//! a refusal changes nothing (`/_sim/changes`).

use std::process::Output;

use serde_json::Value;
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{self, BIN};

struct Tenant {
    server: SimServer,
    dir: tempfile::TempDir,
    token: String,
}

impl Tenant {
    async fn start() -> Tenant {
        let config =
            SimConfig { seed: 3, people: 600, customers: 1, provisioning_delay_secs: 2, ..SimConfig::default() };
        let server = sim::start(config).await.unwrap();
        let token = support::partner_token(&server).await;
        Tenant { server, dir: tempfile::tempdir().unwrap(), token }
    }

    fn run(&self, action: &str, args: &[&str]) -> Output {
        self.run_at(&self.server.base_url(), action, args)
    }

    fn run_at(&self, api: &str, action: &str, args: &[&str]) -> Output {
        let db = self.dir.path().join("cache.sqlite");
        std::process::Command::new(BIN)
            .args(["broadworks", action, "--api", api, "--db", db.to_str().unwrap()])
            .args(args)
            .env("HUBDESK_TOKEN", &self.token)
            .output()
            .unwrap()
    }

    async fn subscribers(&self, status: &str) -> Vec<Value> {
        let url = format!("{}/broadworks/subscribers?max=100&status={status}", self.server.base_url());
        let reply = webex_sim::client::call(reqwest::Method::GET, &url, &self.token, None).await.unwrap();
        reply.body["items"].as_array().unwrap().clone()
    }

    async fn writes_since(&self, since: u64) -> Vec<(String, String)> {
        support::changes(&self.server, since)
            .await
            .into_iter()
            .filter(|c| c["path"].as_str().unwrap_or("").contains("/broadworks/subscribers"))
            .map(|c| (c["method"].as_str().unwrap().to_owned(), c["target"].as_str().unwrap().to_owned()))
            .collect()
    }

    async fn last_seq(&self) -> u64 {
        support::helpers(&self.server).last_seq().await.unwrap()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn b4_retry_waits_for_the_final_status_and_prints_it() {
    let t = Tenant::start().await;
    let waiting = t.subscribers("pending_email_input").await[0].clone();
    let since = t.last_seq().await;
    let id = waiting["id"].as_str().unwrap();
    let out = t.run(
        "retry",
        &["--subscriber", id, "--email", "cli.retry@fjordby-logistik.example", "--wait", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), support::stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["subscriber"]["status"], "provisioned", "{json}");
    assert_eq!(json["run"]["succeeded"], 2);
    let writes = t.writes_since(since).await;
    assert_eq!(writes.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(), ["DELETE", "POST"]);
    assert_eq!(json["subscriber"]["subscriberId"], writes[1].1.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn b4_delete_needs_yes_and_package_prints_updating_without_wait() {
    let t = Tenant::start().await;
    let provisioned = t.subscribers("provisioned").await;
    let id = provisioned[0]["id"].as_str().unwrap();
    let since = t.last_seq().await;
    let refused = t.run("delete", &["--subscriber", id]);
    assert_eq!(refused.status.code(), Some(1));
    let text = stdout(&refused);
    let name =
        format!("{} {}", provisioned[0]["firstName"].as_str().unwrap(), provisioned[0]["lastName"].as_str().unwrap());
    assert!(text.contains("needs --yes") && text.contains(&name) && text.contains("Webex user stays"), "{text}");
    assert!(t.writes_since(since).await.is_empty(), "no --yes, nothing changed");

    let deleted = t.run("delete", &["--subscriber", id, "--yes"]);
    assert_eq!(deleted.status.code(), Some(0), "{}{}", stdout(&deleted), support::stderr(&deleted));
    assert!(stdout(&deleted).contains(&format!("subscriber {id}: deleted")), "{}", stdout(&deleted));

    let other = &provisioned[1];
    let to = if other["package"] == "premium" { "basic" } else { "premium" };
    let changed = t.run("package", &["--subscriber", other["id"].as_str().unwrap(), "--to", to]);
    assert_eq!(changed.status.code(), Some(0), "{}", support::stderr(&changed));
    assert!(stdout(&changed).contains(": updating (Webex is still working on it"), "{}", stdout(&changed));
    assert_eq!(t.writes_since(since).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn b4_bad_input_exits_1_with_a_sentence_and_changes_nothing() {
    let t = Tenant::start().await;
    let provisioned = t.subscribers("provisioned").await[0].clone();
    let id = provisioned["id"].as_str().unwrap();
    let since = t.last_seq().await;
    for (action, args, expected) in [
        ("retry", vec!["--email", "nope"], "not a valid email address"),
        ("retry", vec!["--email", "ok@fjordby-logistik.example"], "already provisioned"),
        ("package", vec!["--to", "platinum"], "is not a Webex for BroadWorks package"),
    ] {
        let mut all = vec!["--subscriber", id];
        all.extend(args);
        let out = t.run(action, &all);
        assert_eq!(out.status.code(), Some(1), "{action}: {}", support::stderr(&out));
        assert!(stdout(&out).contains(expected), "{action}: {}", stdout(&out));
    }
    assert!(t.writes_since(since).await.is_empty());
    let offline = t.run_at("http://127.0.0.1:9/v1", "delete", &["--subscriber", id, "--yes"]);
    assert_eq!(offline.status.code(), Some(2), "an error, not a refusal");
}
