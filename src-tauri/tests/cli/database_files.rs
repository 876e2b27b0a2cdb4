//! `--db` and `--ledger` name files the user chose: a file that is not
//! hubdesk's is refused and left byte for byte as it was, and commands that
//! only read (export, templates plan) open hubdesk's files read-only.

use std::path::{Path, PathBuf};
use std::process::Command;

use webex_sim::{self as sim, SimConfig};

use crate::support::{partner_token, stderr, sync_all, BIN};

/// Another program's database: a table of its own, in rollback-journal mode.
fn foreign_database(dir: &Path) -> PathBuf {
    let path = dir.join("notes.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');").unwrap();
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread")]
async fn a_foreign_database_is_refused_and_left_as_it_was() {
    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let foreign = foreign_database(dir.path());
    let before = std::fs::read(&foreign).unwrap();

    let export = Command::new(BIN).args(["export", "people", "--org", "x", "--db"]).arg(&foreign).output().unwrap();
    let sync = Command::new(BIN)
        .args(["sync", "--api", &server.base_url(), "--all", "--db"])
        .arg(&foreign)
        .env("HUBDESK_TOKEN", &token)
        .output()
        .unwrap();
    for (what, output) in [("export", &export), ("sync", &sync)] {
        assert_eq!(output.status.code(), Some(5), "{what}: {}", stderr(output));
        assert!(stderr(output).contains("not a hubdesk cache"), "{what}: {}", stderr(output));
    }
    assert_eq!(std::fs::read(&foreign).unwrap(), before, "not one byte changed");
    assert_eq!(files_in(dir.path()), ["notes.sqlite"], "no ledger, no -wal or -shm beside it");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete", "not switched to WAL");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_foreign_ledger_is_refused_before_the_cache_is_touched() {
    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let org = sync_all(&server.base_url(), &token, &db).remove(0);
    server.shutdown().await;

    let foreign = foreign_database(dir.path());
    let before = std::fs::read(&foreign).unwrap();
    let template = dir.path().join("t.json");
    std::fs::write(&template, r#"{"name": "None", "licenses": [], "meetings": []}"#).unwrap();
    let plan = Command::new(BIN)
        .args(["templates", "plan", "--org", &org, "--db"])
        .arg(&db)
        .arg("--ledger")
        .arg(&foreign)
        .arg("--template")
        .arg(&template)
        .output()
        .unwrap();
    assert_eq!(plan.status.code(), Some(5), "{}", stderr(&plan));
    assert!(stderr(&plan).contains("not hubdesk's record"), "{}", stderr(&plan));
    assert_eq!(std::fs::read(&foreign).unwrap(), before);

    // The cache given as the ledger, and the ledger as the cache: each is
    // the other kind of hubdesk file, and refused as such.
    let ledger = dir.path().join("cache.ledger.sqlite");
    let swapped = Command::new(BIN).args(["export", "people", "--org", &org, "--db"]).arg(&ledger).output().unwrap();
    assert_eq!(swapped.status.code(), Some(5), "{}", stderr(&swapped));
    assert!(stderr(&swapped).contains("not a hubdesk cache"), "{}", stderr(&swapped));
}

/// An export reads the cache and writes nothing beside it: no ledger is
/// created, and the cache's bytes stay as they were.
#[tokio::test(flavor = "multi_thread")]
async fn an_export_opens_the_cache_read_only() {
    let server = sim::start(SimConfig { people: 20, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let org = sync_all(&server.base_url(), &token, &db).remove(0);
    server.shutdown().await;
    let ledger = dir.path().join("cache.ledger.sqlite");
    std::fs::remove_file(&ledger).unwrap();
    let before = std::fs::read(&db).unwrap();

    let export = Command::new(BIN).args(["export", "people", "--org", &org, "--db"]).arg(&db).output().unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(export.stdout.starts_with(b"First Name,"));
    assert!(!ledger.exists(), "an export creates no ledger");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the cache is unchanged");
}
