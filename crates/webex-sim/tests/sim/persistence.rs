//! `--state-dir`: the tenant survives its process. A change answered is on
//! disk, so a restart, even after `kill -9`, finds it; a saved tenant of
//! another seed is not used.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use serde_json::{json, Value};
use webex_sim::{SimConfig, SimServer};

use crate::support::{advance_clock, changes, get, post, start_with, token};

fn config(dir: &Path, seed: u64) -> SimConfig {
    SimConfig { seed, people: 200, customers: 1, state_dir: Some(dir.to_owned()), ..SimConfig::default() }
}

/// Creates someone in the admin's org; answers their id.
async fn hire(server: &SimServer, admin: &str, name: &str) -> String {
    let someone = get(&format!("{}/people?max=1", server.base_url()), admin).await;
    let domain = someone.items()[0]["emails"][0].as_str().unwrap().split('@').nth(1).unwrap().to_owned();
    let body = json!({"emails": [format!("{name}@{domain}")], "displayName": name});
    let created = post(&format!("{}/people", server.base_url()), admin, body).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    created.body["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_restart_finds_the_tenant_as_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(config(dir.path(), 4)).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let id = hire(&server, &admin, "persisted.person").await;
    advance_clock(&server, 3_600).await;
    let clock: Value = reqwest::get(format!("{}/_sim/clock", server.origin())).await.unwrap().json().await.unwrap();
    let logged = changes(&server, 0).await;
    server.shutdown().await;

    let again = start_with(config(dir.path(), 4)).await;
    let (admin, _) = token(&again, "customer_full_admin", None).await;
    let found = get(&format!("{}/people/{id}", again.base_url()), &admin).await;
    assert_eq!(found.status, StatusCode::OK, "the person created before the restart is there: {}", found.body);
    assert_eq!(found.body["displayName"], "persisted.person");
    let after: Value = reqwest::get(format!("{}/_sim/clock", again.origin())).await.unwrap().json().await.unwrap();
    assert_eq!(after["offsetMs"], clock["offsetMs"], "simulated time kept: {after}");
    assert!(clock["offsetMs"].as_u64().unwrap() >= 3_600_000);
    assert_eq!(changes(&again, 0).await.len(), logged.len(), "the change log goes on");
    let next = hire(&again, &admin, "after.restart").await;
    assert_ne!(next, id, "new ids go on from where they were");
    again.shutdown().await;

    let other_seed = start_with(config(dir.path(), 5)).await;
    let (admin, _) = token(&other_seed, "customer_full_admin", None).await;
    let missing = get(&format!("{}/people/{id}", other_seed.base_url()), &admin).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "another seed's tenant is generated afresh");
    other_seed.shutdown().await;
}

/// The saved tenant holds every person's name and number: a state folder
/// the simulator creates is its owner's alone (0700), and the file too (0600).
#[cfg(unix)]
#[tokio::test]
async fn the_saved_tenant_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("state");
    let server = start_with(config(&dir, 4)).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    hire(&server, &admin, "private.person").await;
    server.shutdown().await;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "the state folder");
    assert_eq!(mode(&dir.join("tenant.bin")), 0o600, "the saved tenant");
}

/// The binary with a state folder, killed without warning after a change
/// was answered: the next start has the change.
#[tokio::test]
async fn a_change_answered_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, origin) = spawn(dir.path());
    let (admin, _) = crate::support::token_at(&origin, "customer_full_admin").await;
    let server_base = format!("{origin}/v1");
    let someone = get(&format!("{server_base}/people?max=1"), &admin).await;
    let domain = someone.items()[0]["emails"][0].as_str().unwrap().split('@').nth(1).unwrap().to_owned();
    let body = json!({"emails": [format!("killed.after@{domain}")], "displayName": "Killed After"});
    let created = post(&format!("{server_base}/people"), &admin, body).await;
    assert_eq!(created.status, StatusCode::OK);
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    child.wait().unwrap();

    let (mut child, origin) = spawn(dir.path());
    let (admin, _) = crate::support::token_at(&origin, "customer_full_admin").await;
    let id = created.body["id"].as_str().unwrap();
    let found = get(&format!("{origin}/v1/people/{id}"), &admin).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    child.kill().unwrap();
    child.wait().unwrap();
}

fn spawn(dir: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_webex-sim"))
        .args(["--port", "0", "--people", "200", "--customers", "1", "--seed", "6", "--state-dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    // Keep reading: a closed pipe would stop it at its next line.
    std::thread::spawn(move || lines.for_each(drop));
    let origin = first.strip_prefix("listening on ").unwrap().trim_end_matches("/v1").to_owned();
    (child, origin)
}
