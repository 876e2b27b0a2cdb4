//! `hubdesk calling diagnose` (rules C2–C5): the real binary on a cache
//! `hubdesk sync` wrote from the simulator over HTTP. Each reason the demo
//! tenant seeds is reported, and its evidence is checked against the
//! simulator's own number inventory (`/v1/telephony/config/numbers`).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use webex_sim::client::call;
use webex_sim::{self as sim, SimConfig};

use crate::support::{partner_token, stderr, sync_all, BIN};

fn diagnose(db: &Path, org: &str, args: &[&str]) -> Output {
    Command::new(BIN).args(["calling", "diagnose", "--db"]).arg(db).args(["--org", org]).args(args).output().unwrap()
}

/// The simulator's inventory entry for `number` in `org`, if any.
async fn inventory(api: &str, token: &str, org: &str, number: &str) -> Option<Value> {
    let url = format!("{api}/telephony/config/numbers?orgId={org}&phoneNumber={}", number.replace('+', "%2B"));
    let reply = call(reqwest::Method::GET, &url, token, None).await.unwrap();
    assert!(reply.status.is_success(), "{}", reply.body);
    reply.body["phoneNumbers"].as_array().unwrap().first().cloned()
}

#[tokio::test(flavor = "multi_thread")]
async fn c2_c5_every_seeded_reason_is_reported_with_evidence_the_simulator_confirms() {
    let server = sim::start(SimConfig { people: 600, customers: 2, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let api = server.base_url();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let orgs = sync_all(&api, &token, &db);
    let org = &orgs[1];

    let csv = diagnose(&db, org, &[]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["email", "reason", "evidence", "suggestedNumber"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(stderr(&csv).contains(&format!("{} users without Calling", rows.len())), "{}", stderr(&csv));

    let json = diagnose(&db, org, &["--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let json: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json.len(), rows.len(), "the same rows as CSV and JSON");
    for (row, j) in rows.iter().zip(&json) {
        assert_eq!(
            (&row[0], &row[1], &row[2]),
            (j["email"].as_str().unwrap(), j["reason"].as_str().unwrap(), j["evidence"].as_str().unwrap())
        );
    }

    let first = |reason: &str| {
        json.iter().find(|j| j["reason"] == reason).unwrap_or_else(|| panic!("the demo tenant seeds {reason}"))
    };
    let number = |j: &Value| j["details"]["number"].as_str().unwrap().to_owned();

    let none = first("no_work_number");
    assert!(none["details"]["number"].is_null() && none["suggestedNumber"].is_null());

    let plain = first("not_e164");
    assert!(!number(plain).starts_with('+') || plain["suggestedNumber"].is_null());
    let zeros = json.iter().find(|j| j["reason"] == "not_e164" && number(j).starts_with("00")).expect("a 00 prefix");
    assert_eq!(zeros["suggestedNumber"].as_str().unwrap(), format!("+{}", &number(zeros)[2..]));
    assert!(
        json.iter().any(|j| j["reason"] == "not_e164"
            && j["suggestedNumber"].is_null()
            && j["evidence"].as_str().unwrap().contains("no country")),
        "why no number could be made"
    );

    let nowhere = first("not_in_inventory");
    assert_eq!(inventory(&api, &token, org, &number(nowhere)).await, None);

    let off = first("location_not_calling");
    let entry = inventory(&api, &token, org, &number(off)).await.expect("in an inventory");
    assert_eq!(entry["location"]["name"], off["details"]["locationName"]);
    assert!(off["evidence"].as_str().unwrap().contains("not enabled for Calling"));

    for taken in json.iter().filter(|j| j["reason"] == "number_taken").take(5) {
        let entry = inventory(&api, &token, org, &number(taken)).await.expect("in an inventory");
        assert!(entry["owner"].is_object(), "held: {entry}");
        let holder = taken["details"]["holder"].as_str().unwrap();
        assert!(taken["evidence"].as_str().unwrap().contains(holder));
    }

    let free = first("eligible");
    let entry = inventory(&api, &token, org, &number(free)).await.expect("in an inventory");
    assert!(entry["owner"].is_null(), "free: {entry}");
    assert_eq!(entry["location"]["name"], free["details"]["locationName"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_org_or_a_missing_cache_exits_2_with_a_sentence() {
    let server = sim::start(SimConfig { people: 200, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    sync_all(&server.base_url(), &token, &db);

    let unknown = diagnose(&db, "no-such-org", &[]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("has not been synced into this cache"), "{}", stderr(&unknown));
    assert!(unknown.stdout.is_empty());

    let missing = diagnose(&dir.path().join("none.sqlite"), "org", &[]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("run `hubdesk sync` first"), "{}", stderr(&missing));
    assert!(!dir.path().join("none.sqlite").exists(), "nothing is created");
}
