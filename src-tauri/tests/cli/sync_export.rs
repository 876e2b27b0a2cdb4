//! The headless commands, as a script would run them: the real binary
//! against the simulator over HTTP, writing a real SQLite file.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::json;
use webex_sim::{self as sim, SimConfig};

use crate::support::{partner_token, post, stderr, sync_all, BIN};

fn export(db: &Path, org: &str, output: Option<&Path>) -> Output {
    let mut command = Command::new(BIN);
    command.args(["export", "people", "--org", org, "--db"]).arg(db);
    if let Some(output) = output {
        command.arg("--output").arg(output);
    }
    command.output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sync_all_then_export_csv_and_json() {
    let server = sim::start(SimConfig { people: 300, customers: 2, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");

    let sync = Command::new(BIN)
        .args(["sync", "--api", &server.base_url(), "--all", "--db"])
        .arg(&db)
        .env("HUBDESK_TOKEN", &token)
        .output()
        .unwrap();
    assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
    let listing = String::from_utf8(sync.stdout).unwrap();
    let orgs: Vec<(&str, usize)> = listing
        .lines()
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0], cols[2].trim_end_matches(" people").parse().unwrap())
        })
        .collect();
    assert_eq!(orgs.len(), 3, "partner and two customers: {listing}");
    assert_eq!(orgs.iter().map(|(_, n)| n).sum::<usize>(), 300, "every person synced once");

    let (org, people) = orgs.iter().max_by_key(|(_, n)| *n).unwrap();
    let csv = Command::new(BIN).args(["export", "people", "--org", org, "--db"]).arg(&db).output().unwrap();
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[3], "User ID/Email (Required)");
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), *people);
    assert!(rows.iter().all(|r| r[3].contains('@')));
    assert!(rows.iter().any(|r| r.iter().any(|v| v == "TRUE")), "license columns are filled");

    let out = dir.path().join("people.json");
    let json = Command::new(BIN)
        .args(["export", "people", "--format", "json", "--org", org, "--db"])
        .arg(&db)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(json.success());
    let parsed: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(parsed.len(), *people);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_fails_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let no_db = Command::new(BIN).args(["export", "people", "--org", "x", "--db"]).arg(&db).output().unwrap();
    assert!(!no_db.status.success());
    assert!(String::from_utf8_lossy(&no_db.stderr).contains("no database"));

    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let bad_token = Command::new(BIN)
        .args(["sync", "--api", &server.base_url(), "--all", "--db"])
        .arg(&db)
        .env("HUBDESK_TOKEN", "not-a-token")
        .output()
        .unwrap();
    assert_eq!(bad_token.status.code(), Some(3), "exit 3: the token was refused");
    assert!(
        String::from_utf8_lossy(&bad_token.stderr).contains("not accepted"),
        "{}",
        String::from_utf8_lossy(&bad_token.stderr)
    );

    let unsynced = Command::new(BIN).args(["export", "people", "--org", "nope", "--db"]).arg(&db).output().unwrap();
    assert!(!unsynced.status.success());
    assert!(String::from_utf8_lossy(&unsynced.stderr).contains("has not been synced"));
    server.shutdown().await;
}

/// A display name synced from Webex that is a formula reaches the CSV as
/// text: a spreadsheet shows it, and does not run it.
#[tokio::test(flavor = "multi_thread")]
async fn a_formula_in_a_name_is_exported_as_text() {
    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let formula = "=HYPERLINK(\"http://x\",\"y\")";
    let body = json!({"emails": ["formula.person@example.com"], "displayName": formula, "firstName": "@SUM(1+1)"});
    let created = post(&format!("{}/people", server.base_url()), &token, body).await;
    assert!(created.status.is_success(), "{}", created.body);
    let org = created.body["orgId"].as_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    sync_all(&server.base_url(), &token, &db);

    let output = export(&db, &org, None);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let row = reader.records().map(Result::unwrap).find(|r| &r[3] == "formula.person@example.com").expect("the row");
    assert_eq!(&row[2], format!("'{formula}"), "the display name");
    assert_eq!(&row[0], "'@SUM(1+1)", "the first name");
    assert_eq!(hubdesk_rules::csv_cell::restore(&row[2]), formula, "an import reads back the name");
    server.shutdown().await;
}

/// `--output` is written whole or not at all, and never over a database.
#[tokio::test(flavor = "multi_thread")]
async fn an_export_never_spoils_the_file_it_replaces() {
    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let orgs = sync_all(&server.base_url(), &token, &db);
    server.shutdown().await;

    // A failed export (an org never synced) leaves the old file as it was.
    let target = dir.path().join("people.csv");
    std::fs::write(&target, "the export of last week\n").unwrap();
    let failed = export(&db, "never-synced", Some(&target));
    assert_eq!(failed.status.code(), Some(5), "{}", stderr(&failed));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the export of last week\n");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temporary file left: {names:?}");

    // The ledger (or the cache) mistyped as the output is refused, untouched.
    let ledger = dir.path().join("cache.ledger.sqlite");
    for database in [&ledger, &db] {
        let before = std::fs::read(database).unwrap();
        let refused = export(&db, &orgs[0], Some(database));
        assert_eq!(refused.status.code(), Some(5), "{}", stderr(&refused));
        assert!(stderr(&refused).contains("is a database"), "{}", stderr(&refused));
        assert_eq!(std::fs::read(database).unwrap(), before, "{} unchanged", database.display());
    }
    let opened = hubdesk_core::ledger::Ledger::open(&ledger).expect("the ledger still opens");
    assert!(opened.template_list(&orgs[0]).is_ok());

    // A good export replaces the old file.
    let done = export(&db, &orgs[0], Some(&target));
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("First Name,"));
}
