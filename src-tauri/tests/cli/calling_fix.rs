//! `hubdesk calling fix` (C1, C4, C7, C8): the real binary against the
//! simulator over HTTP. A `not_e164` user gets the normalised work number
//! and an `eligible` user Calling with their number, each sent once (in
//! `/_sim/changes`), and `calling diagnose` then no longer reports them for
//! that reason; a reprovision is refused without its typed confirmation;
//! the exit codes say done, failed and error.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{self, partner_token, stderr, sync_all, BIN};

struct Setup {
    server: SimServer,
    token: String,
    org: String,
    dir: tempfile::TempDir,
}

impl Setup {
    async fn start() -> Setup {
        let server =
            sim::start(SimConfig { seed: 3, people: 600, customers: 1, ..SimConfig::default() }).await.unwrap();
        let token = partner_token(&server).await;
        let dir = tempfile::tempdir().unwrap();
        let orgs = sync_all(&server.base_url(), &token, &dir.path().join("cache.sqlite"));
        Setup { org: orgs[1].clone(), server, token, dir }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("cache.sqlite")
    }

    fn fix(&self, args: &[&str]) -> Output {
        let mut command = Command::new(BIN);
        command.args(["calling", "fix", "--api", &self.server.base_url(), "--org", &self.org, "--db"]);
        command.arg(self.db()).args(args).env("HUBDESK_TOKEN", &self.token);
        command.output().unwrap()
    }

    fn diagnose(&self) -> Vec<Value> {
        let out = diagnose(&self.db(), &self.org);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    async fn changes(&self, since: u64) -> Vec<Value> {
        support::changes(&self.server, since).await
    }
}

fn diagnose(db: &Path, org: &str) -> Output {
    Command::new(BIN)
        .args(["calling", "diagnose", "--format", "json", "--db"])
        .arg(db)
        .args(["--org", org])
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!("{}\n{}", String::from_utf8_lossy(&out.stdout), stderr(out))
}

fn first<'a>(rows: &'a [Value], reason: &str, pick: impl Fn(&Value) -> bool) -> &'a Value {
    rows.iter().find(|r| r["reason"] == reason && pick(r)).unwrap_or_else(|| panic!("{reason} is seeded"))
}

/// C4 and C1 by reason: the plan sends nothing, the fix is sent once and
/// the user is clean afterwards; asked again, there is nothing to do (0).
#[tokio::test(flavor = "multi_thread")]
async fn c4_c1_not_e164_and_eligible_users_are_fixed_once_and_diagnosed_clean() {
    let s = Setup::start().await;
    let rows = s.diagnose();
    let not_e164 = first(&rows, "not_e164", |r| r["suggestedNumber"].is_string());
    let eligible = first(&rows, "eligible", |_| true);
    let (bad, good) = (not_e164["email"].as_str().unwrap(), eligible["email"].as_str().unwrap());
    let number = not_e164["suggestedNumber"].as_str().unwrap();

    let plan = s.fix(&["--person", &format!("{bad},{good}"), "--plan", "--format", "json"]);
    assert_eq!(plan.status.code(), Some(0), "{}", text(&plan));
    let plan: Value = serde_json::from_slice(&plan.stdout).unwrap();
    assert_eq!(plan["changes"].as_array().unwrap().len(), 2, "{plan:#}");
    assert_eq!(plan["changes"][0]["fix"], serde_json::json!({"kind": "setWorkNumber", "number": number}));
    assert_eq!(plan["changes"][1]["fix"]["kind"], "assignCalling");
    assert!(s.changes(0).await.is_empty(), "a plan sends nothing");

    let out = s.fix(&["--person", bad, "--person", good]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("finished: 2 of 2 changes done, 0 failed"), "{}", text(&out));
    let changes = s.changes(0).await;
    let paths: Vec<(&str, &str)> =
        changes.iter().map(|c| (c["method"].as_str().unwrap(), c["path"].as_str().unwrap())).collect();
    assert_eq!(paths.len(), 2, "{changes:#?}");
    assert!(paths.contains(&("PATCH", "/v1/licenses/users")), "{paths:?}");
    assert!(paths.iter().any(|(m, p)| *m == "PUT" && p.starts_with("/v1/people/")), "{paths:?}");

    // The command synced after the run: the cache's report is clean.
    let after = s.diagnose();
    assert!(after.iter().all(|r| r["email"] != good), "{good} has Calling now");
    let fixed = after.iter().find(|r| r["email"] == bad).unwrap();
    assert_ne!(fixed["reason"], "not_e164");
    assert_eq!(fixed["details"]["number"], number);

    // By reason: every eligible user the org has Calling units for (the
    // rest have no suggestion); then nothing is left to do.
    let plan = s.fix(&["--reason", "eligible", "--plan", "--format", "json"]);
    let plan: Value = serde_json::from_slice(&plan.stdout).unwrap();
    let skipped = plan["skipped"].as_array().unwrap();
    assert!(!plan["changes"].as_array().unwrap().is_empty());
    assert!(skipped.iter().all(|k| k["why"] == "no_suggestion"), "{skipped:?}");
    let out = s.fix(&["--reason", "eligible"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let left = s.diagnose().into_iter().filter(|r| r["reason"] == "eligible").count();
    assert_eq!(left, skipped.len(), "{}", text(&out));
    let sent = s.changes(0).await.len();
    let out = s.fix(&["--reason", "eligible"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(stderr(&out).contains("nothing to send"), "{}", text(&out));
    assert_eq!(s.changes(0).await.len(), sent, "nothing sent twice");
}

/// C7, C8: a reprovision without the typed confirmation is an error (2)
/// and sends nothing; with it, Calling is removed and given again once.
/// A change Webex refuses fails the run (1).
#[tokio::test(flavor = "multi_thread")]
async fn c7_c8_reprovision_needs_confirm_and_a_refused_change_exits_1() {
    let s = Setup::start().await;
    let plan = s.fix(&["--reason", "c7", "--plan"]);
    assert_eq!(plan.status.code(), Some(0), "{}", text(&plan));
    let printed = String::from_utf8_lossy(&plan.stdout).into_owned();
    assert!(printed.contains("--confirm \"remove calling from 1 user\""), "{printed}");

    let out = s.fix(&["--reason", "c7"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(stderr(&out).contains("Type “remove calling from 1 user”"), "{}", text(&out));
    assert!(s.changes(0).await.is_empty(), "nothing sent without the confirmation");

    let out = s.fix(&["--reason", "c7", "--confirm", "remove calling from 1 user"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let summaries: Vec<String> = s.changes(0).await.iter().map(|c| c["summary"].as_str().unwrap().to_owned()).collect();
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(summaries[0].starts_with('-') && summaries[1].starts_with('+'), "removed, then given: {summaries:?}");

    // A number someone holds is not offered to Webex at all.
    let rows = s.diagnose();
    let user = first(&rows, "no_work_number", |_| true)["email"].as_str().unwrap().to_owned();
    let taken = first(&rows, "number_taken", |r| r["details"]["locationId"].is_string());
    let (number, location) =
        (taken["details"]["number"].as_str().unwrap(), taken["details"]["locationId"].as_str().unwrap());
    let out = s.fix(&["--person", &user, "--number", number, "--location", location, "--plan"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("number_not_usable"), "{}", text(&out));

    // Webex refuses a read-only administrator: the run fails (1), audited.
    let read_only = support::helpers(&s.server).token("read_only_admin", Some(&s.org)).await.unwrap().access_token;
    let eligible = first(&rows, "eligible", |_| true)["email"].as_str().unwrap().to_owned();
    let mut command = Command::new(BIN);
    command.args(["calling", "fix", "--api", &s.server.base_url(), "--org", &s.org, "--db"]);
    command.arg(s.db()).args(["--person", &eligible]).env("HUBDESK_TOKEN", read_only);
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 of 1 changes done, 1 failed"), "{}", text(&out));

    // Errors: an unknown reason (2), a user not in the report (2).
    let out = s.fix(&["--reason", "nonsense"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = s.fix(&["--person", "nobody@nowhere.example"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}
