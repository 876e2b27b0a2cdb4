//! `hubdesk meetings bulk` as a script runs it (rules S1, S2): the real
//! binary against the simulator over HTTP. The plan lists who gains and
//! loses what; the apply PUTs each user's set once (`/_sim/changes`); a
//! rerun plans nothing; a run killed or cancelled midway is finished by the
//! next `--apply` without sending anything twice.

use std::collections::{HashMap, HashSet};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{self, BIN};

const PUT_PATH: &str = "/v1/admin/meeting/userconfig/sessionTypes";

struct Tenant {
    server: SimServer,
    /// The app's data folder for every run (journal and audit log).
    data: tempfile::TempDir,
    org: String,
    site: String,
    token: String,
}

impl Tenant {
    async fn start(people: usize) -> Tenant {
        let server = sim::start(SimConfig { seed: 9, people, customers: 1, ..SimConfig::default() }).await.unwrap();
        let partner = support::helpers(&server).token("partner_full_admin", None).await.unwrap();
        let get = |path: &str| {
            let url = format!("{}/{path}", server.base_url());
            let token = partner.access_token.clone();
            async move { webex_sim::client::call(reqwest::Method::GET, &url, &token, None).await.unwrap().body }
        };
        let orgs = get("organizations").await;
        let org =
            orgs["items"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).find(|o| *o != partner.org_id);
        let org = org.unwrap().to_owned();
        let licenses = get(&format!("licenses?orgId={org}")).await;
        let site = licenses["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"].as_str().unwrap().starts_with("Meeting") && l["siteUrl"].is_string())
            .map(|l| l["siteUrl"].as_str().unwrap().to_owned())
            .unwrap();
        Tenant { server, data: tempfile::tempdir().unwrap(), org, site, token: partner.access_token }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.args(["meetings", "bulk", "--api", &self.server.base_url(), "--org", &self.org, "--site", &self.site]);
        command.args(args).env("HUBDESK_TOKEN", &self.token).env("HUBDESK_DATA_DIR", self.data.path());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// The plan's JSON; the people whose set it changes.
    fn plan(&self, args: &[&str]) -> (Value, Vec<String>) {
        let out = self.run(&[args, &["--plan", "--format", "json"]].concat());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let plan: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
        let people =
            plan["plan"]["changes"].as_array().unwrap().iter().map(|c| c["personId"].as_str().unwrap().to_owned());
        let people = people.collect();
        (plan, people)
    }

    /// Each person whose session types were PUT after the `since`th change, with how often.
    async fn put_since(&self, since: u64) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for change in support::changes(&self.server, since).await {
            if change["path"] == PUT_PATH {
                *counts.entry(change["target"].as_str().unwrap().to_owned()).or_insert(0) += 1;
            }
        }
        counts
    }

    async fn last_seq(&self) -> u64 {
        support::helpers(&self.server).last_seq().await.unwrap()
    }
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_each_once(changed: &HashMap<String, usize>, people: &[String]) {
    let twice: Vec<_> = changed.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "changed more than once: {twice:?}");
    let expected: HashSet<&String> = people.iter().collect();
    assert_eq!(changed.keys().collect::<HashSet<_>>(), expected, "exactly the planned people are changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn s1_s2_plan_lists_gains_and_losses_apply_puts_each_once_and_a_rerun_plans_nothing() {
    let t = Tenant::start(300).await;
    let args = ["--all-hosts", "--types", "PRO,11", "--add"];
    let (plan, people) = t.plan(&args);
    assert!(!people.is_empty(), "seeded hosts lack paid types (S1)");
    let changes = plan["plan"]["changes"].as_array().unwrap();
    assert!(changes
        .iter()
        .all(|c| c["loses"].as_array().unwrap().is_empty() && !c["gains"].as_array().unwrap().is_empty()));
    assert!(plan["plan"]["unchanged"].as_u64().unwrap() > 0, "hosts with both types are skipped and counted");
    let text_plan = t.run(&[&args[..], &["--plan"]].concat());
    let printed = String::from_utf8_lossy(&text_plan.stdout).into_owned();
    assert!(printed.contains("gains PRO (3)") || printed.contains("gains PRV (11)"), "{printed}");
    assert_eq!(t.last_seq().await, 0, "planning sends nothing");

    let out = t.run(&[&args[..], &["--apply", "--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (summary["state"].as_str(), summary["succeeded"].as_u64()),
        (Some("finished"), Some(people.len() as u64))
    );
    assert_each_once(&t.put_since(0).await, &people);

    let (again, nobody) = t.plan(&args);
    assert!(nobody.is_empty(), "{again:#}");
    let seq = t.last_seq().await;
    let rerun = t.run(&[&args[..], &["--apply"]].concat());
    assert_eq!(rerun.status.code(), Some(0), "{}", text(&rerun));
    assert!(support::stderr(&rerun).contains("nothing to change"), "{}", text(&rerun));
    assert_eq!(t.last_seq().await, seq, "a rerun sends nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_people_file_names_ids_and_emails_skips_who_cannot_be_changed_and_bad_input_sends_nothing() {
    let t = Tenant::start(200).await;
    let (all, hosts) = t.plan(&["--all-hosts", "--types", "FRE,PRO", "--exact"]);
    let first = &all["plan"]["changes"][0];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.txt");
    let lines = format!(
        "# the users table's filter\n{}\n\n{}\nnobody@nowhere.example\n",
        first["personId"].as_str().unwrap(),
        all["plan"]["changes"][1]["email"].as_str().unwrap().to_uppercase()
    );
    std::fs::write(&file, lines).unwrap();
    let path = file.to_str().unwrap();
    let (plan, people) = t.plan(&["--people-file", path, "--types", "FRE,PRO", "--exact"]);
    assert_eq!(people, hosts[..2], "an id and an email (any case), in the file's order");
    assert_eq!(plan["notFound"], json!(["nobody@nowhere.example"]));
    let loses_private = all["plan"]["changes"].as_array().unwrap().iter().any(|c| c["loses"] == json!(["11"]));
    assert!(loses_private, "the exact set drops Private Meeting from those who have it");

    for (args, says) in [
        (vec!["--all-hosts", "--types", "WBN", "--add", "--plan"], "WBN"),
        // Replacing everyone's set is never done by omission.
        (vec!["--all-hosts", "--types", "PRO", "--plan"], "--add|--remove|--exact"),
        (vec!["--all-hosts", "--types", "PRO", "--add", "--remove", "--plan"], "cannot be used with"),
        (vec!["--people-file", "/nonexistent/people.txt", "--types", "PRO", "--add", "--apply"], "cannot be read"),
    ] {
        let out = t.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(support::stderr(&out).contains(says), "{args:?}: {}", text(&out));
    }
    let mut elsewhere = Command::new(BIN);
    elsewhere.args([
        "meetings",
        "bulk",
        "--api",
        &t.server.base_url(),
        "--org",
        &t.org,
        "--site",
        "elsewhere.webex.com",
    ]);
    let out = elsewhere
        .args(["--all-hosts", "--types", "PRO", "--add", "--apply"])
        .env("HUBDESK_TOKEN", &t.token)
        .env("HUBDESK_DATA_DIR", t.data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(support::stderr(&out).contains("is not a Meetings site of this org"), "{}", text(&out));
    assert_eq!(t.last_seq().await, 0, "nothing sent");
}

/// Starts `--apply`, waits until `at_least` PUTs landed, then stops it with `signal`.
async fn stop_midway(t: &Tenant, args: &[&str], at_least: usize, signal: &str) -> Output {
    let child =
        t.command(&[args, &["--apply"]].concat()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while t.put_since(0).await.values().sum::<usize>() < at_least {
        assert!(Instant::now() < deadline, "the apply did not get going");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let killed = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_killed_or_cancelled_midway_is_finished_by_the_next_apply_with_each_put_once() {
    let t = Tenant::start(600).await;
    let args = ["--all-hosts", "--types", "PRV", "--remove"];
    let (_, people) = t.plan(&args);
    assert!(people.len() > 100, "a run worth stopping: {}", people.len());
    // Slow enough to stop midway: 40 requests a second.
    support::set_faults(&t.server, json!({"rateLimit": 40})).await;

    let killed = stop_midway(&t, &args, 15, "-KILL").await;
    assert_eq!(killed.status.code(), None, "killed: {}", text(&killed));
    let landed = t.put_since(0).await.values().sum::<usize>();
    assert!(landed < people.len(), "killed before the end");

    // Ctrl-C on the resumed run: it stops after the requests in flight.
    let cancelled = stop_midway(&t, &args, landed + 15, "-INT").await;
    assert_eq!(cancelled.status.code(), Some(1), "{}", text(&cancelled));
    assert!(support::stderr(&cancelled).contains("finishing the unfinished run"), "{}", text(&cancelled));
    assert!(support::stderr(&cancelled).contains("run the same command again"), "{}", text(&cancelled));

    support::set_faults(&t.server, json!({"rateLimit": 0})).await;
    let finished = t.run(&[&args[..], &["--apply"]].concat());
    assert_eq!(finished.status.code(), Some(0), "{}", text(&finished));
    assert!(support::stderr(&finished).contains("nothing to change"), "resumed, then nothing new: {}", text(&finished));
    assert_each_once(&t.put_since(0).await, &people);
}
