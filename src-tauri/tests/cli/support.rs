//! Shared by the command-line tests: the binary, and a few calls on a
//! simulator (tokens, raw API writes, fault knobs, the change log).
// Not every helper is used by every module.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use webex_sim::client::{call, ApiReply, SimHelpers};
use webex_sim::SimServer;

/// The `hubdesk` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_hubdesk");

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `hubdesk sync --all` into `db`, which must succeed; the org ids it lists.
pub fn sync_all(api: &str, token: &str, db: &Path) -> Vec<String> {
    let sync =
        Command::new(BIN).args(["sync", "--api", api, "--all", "--db"]).arg(db).env("HUBDESK_TOKEN", token).output();
    let sync = sync.unwrap();
    assert!(sync.status.success(), "{}", stderr(&sync));
    String::from_utf8(sync.stdout).unwrap().lines().map(|l| l.split('\t').next().unwrap().to_owned()).collect()
}

pub fn helpers(server: &SimServer) -> SimHelpers {
    SimHelpers::new(&server.origin())
}

/// A token of the seeded partner admin, as `HUBDESK_TOKEN` takes it.
pub async fn partner_token(server: &SimServer) -> String {
    helpers(server).token("partner_full_admin", None).await.expect("a partner token").access_token
}

pub async fn set_faults(server: &SimServer, knobs: Value) -> Value {
    helpers(server).set_faults(knobs.clone()).await.unwrap_or_else(|e| panic!("faults {knobs}: {e:#}"))
}

/// Every change the simulator's API made after the `since`th.
pub async fn changes(server: &SimServer, since: u64) -> Vec<Value> {
    helpers(server).changes(since).await.expect("the change log")
}

pub async fn post(url: &str, token: &str, body: Value) -> ApiReply {
    call(reqwest::Method::POST, url, token, Some(body)).await.expect("the API answers")
}

pub async fn patch(url: &str, token: &str, body: Value) -> ApiReply {
    call(reqwest::Method::PATCH, url, token, Some(body)).await.expect("the API answers")
}
