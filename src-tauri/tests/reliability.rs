//! The sync engine when things go wrong: every fault the simulator can
//! throw, and `kill -9` at random moments. Real HTTP, real SQLite files,
//! the real binary for the kills.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use hubdesk::sim::{self, Faults, RetryAfterStyle, SimConfig, SimServer};
use hubdesk::store::Store;
use hubdesk::webex::{StaticToken, WebexClient};
use rusqlite::Connection;

mod sim_support;

const BIN: &str = env!("CARGO_BIN_EXE_hubdesk");

async fn token(server: &SimServer) -> String {
    sim_support::token(server, "partner_full_admin", None).await.0
}

/// Syncs every org the partner manages into `db`, in-process.
async fn sync_everything(server: &SimServer, db: &Path) {
    let client = WebexClient::new(&server.base_url(), Arc::new(StaticToken(token(server).await)));
    let store = Store::open(db).unwrap();
    let me = client.me().await.unwrap();
    let orgs = hubdesk::sync::sync_organizations(&client, &store, &me.org_id).await.unwrap();
    let ids: Vec<String> = orgs.into_iter().map(|o| o.id).collect();
    let cancel = tokio_util::sync::CancellationToken::new();
    hubdesk::sync::sync_orgs(&client, &store, &me.org_id, &ids, &|_| {}, &cancel).await.expect("sync despite faults");
}

/// The cached data, in a canonical order (sync timestamps left out).
fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT org_id || '|' || id || '|' || display_name || '|' || email || '|' || status || '|' || licenses || '|' || json FROM people ORDER BY org_id, id",
        "SELECT org_id || '|' || id || '|' || name || '|' || total_units || '|' || consumed_units FROM licenses ORDER BY org_id, id",
        "SELECT id || '|' || display_name || '|' || is_home FROM orgs ORDER BY id",
        "SELECT org_id || '|' || id || '|' || json FROM groups ORDER BY org_id, id",
        "SELECT org_id || '|' || group_id || '|' || member_id FROM group_members ORDER BY 1",
        "SELECT org_id || '|' || id || '|' || calling_enabled || '|' || json FROM locations ORDER BY org_id, id",
        "SELECT org_id || '|' || COALESCE(phone_number, '') || '|' || COALESCE(extension, '') || '|' || COALESCE(owner_id, '') FROM numbers ORDER BY 1",
        "SELECT org_id || '|' || site_url || '|' || id || '|' || name FROM session_types ORDER BY 1",
        "SELECT org_id || '|' || id || '|' || status || '|' || json FROM subscribers ORDER BY org_id, id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_under_every_fault_ends_with_the_cache_of_a_clean_run() {
    // Rates high enough that each fault hits the ~40 requests of this sync
    // several times (a test that passes with the retries switched off
    // proves nothing).
    let tenant = SimConfig { seed: 7, people: 2000, customers: 2, ..SimConfig::default() };
    let faults = Faults {
        rate_limit: 40,
        retry_after: RetryAfterStyle::Mixed,
        error_rate: 0.1,
        gateway_timeout_rate: 0.5,
        drop_rate: 0.1,
        malformed_json_rate: 0.1,
        next_link_drops_filters_rate: 0.3,
        next_link_max_null_rate: 0.3,
        ..Faults::default()
    };
    let clean = sim::start(tenant.clone()).await.unwrap();
    let faulty = sim::start(SimConfig { faults, ..tenant }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (clean_db, faulty_db) = (dir.path().join("clean.sqlite"), dir.path().join("faulty.sqlite"));
    sync_everything(&clean, &clean_db).await;
    sync_everything(&faulty, &faulty_db).await;
    let (expected, got) = (dump(&clean_db), dump(&faulty_db));
    assert!(expected.len() > 2000, "the clean run synced the tenant");
    assert_eq!(got.len(), expected.len(), "same number of rows");
    assert!(got == expected, "the faulty run's cache differs from the clean run's");
    clean.shutdown().await;
    faulty.shutdown().await;
}

/// After any kill: the file is sound, and each resource holds either its
/// last complete sync or nothing — never part of one.
fn assert_consistent(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let has_status: bool = conn
        .query_row("SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'sync_status'", [], |r| r.get(0))
        .unwrap();
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
            .query_map([resource], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, bool>(2)?, r.get::<_, i64>(3)?)))
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
    let token = token(&server).await;
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
