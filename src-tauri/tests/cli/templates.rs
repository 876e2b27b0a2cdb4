//! `hubdesk templates plan|apply|resume` as a script runs them: the real
//! binary, real cache and ledger files, the simulator over HTTP, and
//! `kill -9` at random moments of an apply.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use hubdesk_core::features::templates::facts;
use hubdesk_core::store::Store;
use hubdesk_rules::templates::GroupUsage;
use serde_json::{json, Value};
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{self, BIN};

struct Tenant {
    server: SimServer,
    token: String,
    dir: tempfile::TempDir,
    org: String,
}

impl Tenant {
    async fn start(seed: u64) -> Tenant {
        let server = sim::start(SimConfig { seed, people: 1500, customers: 1, ..SimConfig::default() }).await.unwrap();
        let token = support::partner_token(&server).await;
        let dir = tempfile::tempdir().unwrap();
        let tenant = Tenant { server, token, dir, org: String::new() };
        let sync = tenant.run(&["sync", "--api", &tenant.server.base_url(), "--all", "--db", tenant.db_arg()]);
        assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
        let listing = String::from_utf8(sync.stdout).unwrap();
        // The customer: the org with people that is not the partner's.
        let org = listing.lines().map(|l| l.split('\t').next().unwrap().to_owned()).nth(1).unwrap();
        Tenant { org, ..tenant }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("cache.sqlite")
    }

    fn db_arg(&self) -> &str {
        Box::leak(self.db().display().to_string().into_boxed_str())
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.args(args).env("HUBDESK_TOKEN", &self.token);
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// A template for the biggest security group: the attendee role on the
    /// org's Meetings site (no units, so newcomers always get it: T14).
    fn write_template(&self) -> PathBuf {
        let store = Store::open(&self.db()).unwrap();
        let facts = facts::load(&store, &self.org).unwrap().facts;
        let mut members: HashMap<&str, usize> = HashMap::new();
        for p in &facts.people {
            for g in &p.groups {
                *members.entry(g.as_str()).or_default() += 1;
            }
        }
        let group = facts
            .groups
            .iter()
            .filter(|g| g.usage == GroupUsage::Security)
            .max_by_key(|g| members.get(g.id.as_str()).copied().unwrap_or(0))
            .unwrap();
        let site = &facts.attendee_sites[0];
        let path = self.dir.path().join("template.json");
        let meetings = json!([{"siteUrl": site, "account": {"type": "attendee"}}]);
        let template = json!({"name": "Sales", "groupId": group.id, "licenses": [], "meetings": meetings});
        std::fs::write(&path, template.to_string()).unwrap();
        path
    }

    fn template_args<'a>(&'a self, verb: &'a str, template: &'a Path) -> Vec<&'a str> {
        let template = Box::leak(template.display().to_string().into_boxed_str());
        let mut args =
            vec!["templates", verb, "--db", self.db_arg(), "--org", &self.org, "--template", template, "--existing"];
        if verb == "apply" {
            args.extend(["--api", Box::leak(self.server.base_url().into_boxed_str())]);
        }
        args
    }

    /// People the plan changes.
    fn planned_people(&self, template: &Path) -> Vec<String> {
        let plan = self.run(&self.template_args("plan", template));
        assert!(plan.status.success(), "{}", String::from_utf8_lossy(&plan.stderr));
        let preview: Value = serde_json::from_slice(&plan.stdout).unwrap();
        preview["plan"]["users"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| !u["add"].as_array().unwrap().is_empty() || !u["roles"].as_array().unwrap().is_empty())
            .map(|u| u["personId"].as_str().unwrap().to_owned())
            .collect()
    }

    /// A new person of the org, direct member of `group`.
    async fn new_member(&self, group: &str) -> String {
        let base = self.server.base_url();
        let body =
            json!({"emails": ["ny.kollega@fjordby-logistik.example"], "displayName": "Ny Kollega", "orgId": self.org});
        let created = support::post(&format!("{base}/people?orgId={}", self.org), &self.token, body).await;
        assert!(created.status.is_success(), "{:?}", created.body);
        let id = created.body["id"].as_str().unwrap().to_owned();
        let added =
            support::patch(&format!("{base}/groups/{group}"), &self.token, json!({"members": [{"id": id}]})).await;
        assert!(added.status.is_success(), "{:?}", added.body);
        id
    }

    async fn license_changes(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for change in support::changes(&self.server, 0).await {
            if change["path"].as_str().unwrap_or("").ends_with("/licenses/users") {
                *counts.entry(change["target"].as_str().unwrap().to_owned()).or_insert(0) += 1;
            }
        }
        counts
    }
}

fn assert_each_once(changed: &HashMap<String, usize>, planned: &[String]) {
    let twice: Vec<_> = changed.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "changed more than once: {twice:?}");
    let expected: HashSet<&String> = planned.iter().collect();
    assert_eq!(changed.keys().collect::<HashSet<_>>(), expected, "exactly the planned people are changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_prints_the_preview_and_apply_sends_it_once() {
    let t = Tenant::start(5).await;
    let template = t.write_template();
    let planned = t.planned_people(&template);
    assert!(!planned.is_empty());
    assert!(t.license_changes().await.is_empty(), "plan sends nothing");

    let apply = t.run(&t.template_args("apply", &template));
    assert!(apply.status.success(), "{}", String::from_utf8_lossy(&apply.stderr));
    let summary: Value = serde_json::from_slice(&apply.stdout).unwrap();
    assert_eq!(summary["state"], "finished");
    assert_eq!(summary["succeeded"].as_u64().unwrap() as usize, planned.len());
    assert_each_once(&t.license_changes().await, &planned);

    // Applying the same file again edits the template and finds nothing to do.
    let again = t.run(&t.template_args("apply", &template));
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to send"));
    assert_each_once(&t.license_changes().await, &planned);

    // A newcomer in the group gets the template from the next headless sync.
    let group: Value = serde_json::from_str(&std::fs::read_to_string(&template).unwrap()).unwrap();
    let newcomer = t.new_member(group["groupId"].as_str().unwrap()).await;
    let sync = t.run(&["sync", "--api", &t.server.base_url(), "--org", &t.org, "--db", t.db_arg()]);
    assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
    let log = String::from_utf8_lossy(&sync.stderr);
    assert!(log.contains("templates for 1 new or moved user(s)") && log.contains("1 applied"), "{log}");
    let mut expected = planned.clone();
    expected.push(newcomer);
    assert_each_once(&t.license_changes().await, &expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_template_file_is_refused_with_a_clear_error() {
    let t = Tenant::start(6).await;
    let path = t.dir.path().join("broken.json");
    std::fs::write(&path, "{\"name\": \"x\", \"licenses\": [").unwrap();
    let out = t.run(&t.template_args("plan", &path));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a template"));

    std::fs::write(&path, json!({"name": "x", "licenses": ["no-such-license"], "meetings": []}).to_string()).unwrap();
    let out = t.run(&t.template_args("plan", &path));
    assert!(!out.status.success());
    assert_eq!(out.status.code(), Some(5), "exit 5: the input was refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no longer in the organization's subscriptions"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// kill -9 of `templates apply` at random moments, then `apply` again
/// (which resumes first) until done: each planned change lands once.
#[tokio::test(flavor = "multi_thread")]
async fn kill_9_during_an_apply_then_resume_changes_each_user_once() {
    let rounds: u64 = std::env::var("HUBDESK_APPLY_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    let mut dice = 0x9E37_79B9_7F4A_7C15_u64;
    let mut mid_run = 0;
    for round in 0..rounds {
        let t = Tenant::start(100 + round).await;
        let template = t.write_template();
        let planned = t.planned_people(&template);
        assert!(planned.len() >= 5, "round {round}: a plan worth interrupting");
        // Slow enough that the kill lands mid-run: 30 requests/s.
        support::set_faults(&t.server, json!({"rateLimit": 30})).await;
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        let ledger = t.dir.path().join("cache.ledger.sqlite");
        let mut child = t
            .command(&t.template_args("apply", &template))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Odd rounds kill at any moment (planning and journaling included),
        // even ones once sending has begun.
        if round % 2 == 0 {
            wait_for_first_answer(&ledger).await;
        }
        tokio::time::sleep(Duration::from_millis(dice % 1500)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        if killed_mid_run(&t.dir.path().join("cache.ledger.sqlite")) {
            mid_run += 1;
        }

        let mut finished = false;
        for _ in 0..3 {
            let again = t.run(&t.template_args("apply", &template));
            assert!(again.status.success(), "round {round}: {}", String::from_utf8_lossy(&again.stderr));
            if String::from_utf8_lossy(&again.stderr).contains("nothing to send") {
                finished = true;
                break;
            }
        }
        assert!(finished, "round {round}: the template ends fully applied");
        assert_each_once(&t.license_changes().await, &planned);
        let ledger = rusqlite::Connection::open(t.dir.path().join("cache.ledger.sqlite")).unwrap();
        let integrity: String = ledger.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "round {round}");
    }
    assert!(mid_run * 2 >= rounds, "only {mid_run} of {rounds} kills landed while changes were being sent");
}

async fn wait_for_first_answer(ledger: &Path) {
    for _ in 0..200 {
        if let Ok(conn) = rusqlite::Connection::open(ledger) {
            let done = conn.query_row("SELECT COUNT(*) FROM entries WHERE state = 'done'", [], |r| r.get::<_, i64>(0));
            if done.unwrap_or(0) > 0 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Whether the journal holds answered and unanswered entries at once.
fn killed_mid_run(ledger: &Path) -> bool {
    let Ok(conn) = rusqlite::Connection::open(ledger) else { return false };
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or(0);
    count("SELECT COUNT(*) FROM entries WHERE state = 'done'") > 0
        && count("SELECT COUNT(*) FROM entries WHERE state IN ('pending', 'in_flight')") > 0
}
