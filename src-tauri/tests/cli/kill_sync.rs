//! `kill -9` of a headless `hubdesk sync` at spread-out moments: after each
//! kill the database is sound and holds no half-synced resource, and the
//! next sync completes (`scripts/kill-test.sh` runs more rounds).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use rusqlite::Connection;
use webex_sim::{self as sim, Faults, SimConfig};

use crate::support::{partner_token, BIN};

/// After any kill: the file is sound, and each resource holds either its
/// last complete sync or nothing — never part of one.
fn assert_consistent(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let has_status: bool =
        conn.query_row("SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'sync_status'", [], |r| r.get(0)).unwrap();
    if !has_status {
        return; // killed before the first migration committed
    }
    for (resource, table) in [("people", "people"), ("licenses", "licenses")] {
        let sql = format!(
            "SELECT s.org_id, s.item_count, s.last_success_ms IS NOT NULL,
                    (SELECT COUNT(*) FROM {table} t WHERE t.org_id = s.org_id)
             FROM sync_status s WHERE s.resource = ?1"
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([resource], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, bool>(2)?, r.get::<_, i64>(3)?))
            })
            .unwrap();
        for row in rows {
            let (org, recorded, succeeded, cached) = row.unwrap();
            let expected = if succeeded { recorded } else { 0 };
            assert_eq!(cached, expected, "{resource} of {org}: a half-synced resource");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_during_a_sync_never_leaves_a_half_synced_resource() {
    let rounds: u64 = std::env::var("HUBDESK_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let server = sim::start(SimConfig {
        people: 1500,
        customers: 3,
        faults: Faults { latency_ms: 3, ..Faults::default() },
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let sync = || {
        Command::new(BIN)
            .args(["sync", "--api", &server.base_url(), "--all", "--db"])
            .arg(&db)
            .env("HUBDESK_TOKEN", &token)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };

    // How long one whole sync takes here: the kills land all across it.
    let started = Instant::now();
    assert!(sync().wait().unwrap().success());
    let full = started.elapsed();
    std::fs::remove_file(&db).unwrap();

    let mut dice = 0x2545_F491_4F6C_DD1D_u64;
    for round in 0..rounds {
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        let at = full.mul_f64((dice % 1000) as f64 / 1000.0 * 1.2);
        let mut child = sync();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL: no destructor, no rollback, no flush
        child.wait().unwrap();
        assert_consistent(&db);
        if round % 5 == 4 {
            std::fs::remove_file(&db).ok(); // also kill first syncs, not only resyncs
            std::fs::remove_file(db.with_extension("sqlite-wal")).ok();
            std::fs::remove_file(db.with_extension("sqlite-shm")).ok();
        }
    }

    assert!(sync().wait().unwrap().success(), "the next sync completes");
    assert_consistent(&db);
    let conn = Connection::open(&db).unwrap();
    let people: i64 = conn.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0)).unwrap();
    assert_eq!(people, 1500, "everyone is cached after the final sync");
    server.shutdown().await;
}
