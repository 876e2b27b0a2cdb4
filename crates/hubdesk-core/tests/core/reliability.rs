//! The sync engine when things go wrong: every fault the simulator can
//! throw at once, against a clean run. Real HTTP, real SQLite files. (The
//! `kill -9` tests kill the real binary: they are the app's.)

use std::path::Path;
use std::sync::Arc;

use hubdesk_core::store::Store;
use hubdesk_core::webex::{StaticToken, WebexClient};
use rusqlite::Connection;
use webex_sim::{self as sim, Faults, RetryAfterStyle, SimConfig, SimServer};

async fn token(server: &SimServer) -> String {
    crate::support::token(server, "partner_full_admin", None).await.0
}

/// Syncs every org the partner manages into `db`, in-process.
async fn sync_everything(server: &SimServer, db: &Path) {
    let client = WebexClient::new(&server.base_url(), Arc::new(StaticToken(token(server).await)));
    let store = Store::open(db).unwrap();
    let me = client.me().await.unwrap();
    let orgs = hubdesk_core::sync::sync_organizations(&client, &store, &me.org_id).await.unwrap();
    let ids: Vec<String> = orgs.into_iter().map(|o| o.id).collect();
    let cancel = tokio_util::sync::CancellationToken::new();
    hubdesk_core::sync::sync_orgs(&client, &store, &me.org_id, &ids, &|_| {}, &cancel)
        .await
        .expect("sync despite faults");
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
