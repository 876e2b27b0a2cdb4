//! Applying 10,000 license changes against the simulator's rate limit of 50
//! requests per second: the floor is 200 s; the bar is
//! 1.1 × that, with zero failures and zero duplicates in `/_sim/changes`.
//!
//!   cargo bench -p hubdesk-core --bench templates_apply
//!
//! The changes are real template changes: an org template giving the
//! attendee role on the org's Meetings site (it consumes no unit, T14), for
//! existing users, planned by the rules engine from a synced cache. The
//! first 10,000 users of the plan are journaled and applied through the
//! same path as the app (journal, shared rate gate, 8 requests in flight).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use hubdesk_api::{AssignmentMode, MeetingAccount, MeetingEntry, SaveScope, TemplateDraft};
use hubdesk_core::features::templates::apply::{apply_run, ApplyContext};
use hubdesk_core::features::templates::facts;
use hubdesk_core::features::templates::plan_save;
use hubdesk_core::ledger::{Ledger, NewEntry};
use hubdesk_core::store::Store;
use hubdesk_core::webex::{StaticToken, WebexClient};
use tokio_util::sync::CancellationToken;
use webex_sim::{self as sim, SimConfig};

const CHANGES: usize = 10_000;
const RATE_LIMIT: u32 = 50;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run());
}

async fn run() {
    let server =
        sim::start(SimConfig { seed: 11, people: 40_000, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = admin_token(&server).await;
    let client = WebexClient::new(&server.base_url(), Arc::new(StaticToken(token)));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).unwrap();
    let me = client.me().await.unwrap();
    let orgs = hubdesk_core::sync::sync_organizations(&client, &store, &me.org_id).await.unwrap();
    let org_id = orgs.iter().find(|o| o.id != me.org_id).unwrap().id.clone();
    let cancel = CancellationToken::new();
    hubdesk_core::sync::sync_org(&client, &store, &org_id, hubdesk_core::store::now_ms(), &|_| {}, &cancel)
        .await
        .unwrap();

    let snapshot = facts::load(&store, &org_id).unwrap();
    let site = snapshot.facts.attendee_sites[0].clone();
    let draft = TemplateDraft {
        id: None,
        name: "Everyone attends".into(),
        group_id: None,
        licenses: vec![],
        meetings: vec![MeetingEntry { site_url: site, account: MeetingAccount::Attendee }],
    };
    let scope = SaveScope { existing_users: true, preserve: true };
    let planned = plan_save(&store, &ledger, &org_id, &draft, scope, Some(AssignmentMode::Org)).unwrap();
    let entries: Vec<NewEntry> = planned
        .preview
        .plan
        .users
        .iter()
        .filter(|u| !u.roles.is_empty())
        .take(CHANGES)
        .map(|u| NewEntry { change: u.clone(), grants: vec![], skip_reason: None })
        .collect();
    assert_eq!(entries.len(), CHANGES, "the tenant is big enough for {CHANGES} changes");
    let run = ledger
        .create_run(
            &org_id,
            &hubdesk_api::RunAction::Enforced,
            "bench@hubdesk",
            &entries,
            hubdesk_core::store::now_ms(),
        )
        .unwrap();

    let since = last_seq(&server).await;
    set_rate_limit(&server, RATE_LIMIT).await;
    let pools = snapshot.pools;
    let ctx = ApplyContext {
        client: &client,
        ledger: &ledger,
        store: Some(&store),
        org_id: &org_id,
        actor: "bench",
        pools: &pools,
    };
    let started = Instant::now();
    let summary = apply_run(&ctx, &run.run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    let took = started.elapsed().as_secs_f64();
    set_rate_limit(&server, 0).await;

    let mut per_person: HashMap<String, usize> = HashMap::new();
    for change in changes_since(&server, since).await {
        *per_person.entry(change["target"].as_str().unwrap_or_default().to_owned()).or_default() += 1;
    }
    let duplicates = per_person.values().filter(|n| **n > 1).count();
    let floor = CHANGES as f64 / f64::from(RATE_LIMIT);
    println!(
        "templates_apply/{CHANGES}_changes_at_{RATE_LIMIT}_per_s: {took:.1} s = {:.3} × the {floor:.0} s floor; \
         succeeded {}, failed {}, changes seen {}, people changed twice {duplicates}",
        took / floor,
        summary.succeeded,
        summary.failed,
        per_person.values().sum::<usize>(),
    );
}

async fn admin_token(server: &sim::SimServer) -> String {
    let url = format!("{}/_sim/tokens", server.origin());
    let body: serde_json::Value = reqwest::Client::new()
        .post(url)
        .json(&serde_json::json!({"role": "partner_full_admin"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().or(body["accessToken"].as_str()).unwrap().to_owned()
}

async fn set_rate_limit(server: &sim::SimServer, limit: u32) {
    let url = format!("{}/_sim/faults", server.origin());
    let response =
        reqwest::Client::new().post(url).json(&serde_json::json!({"rateLimit": limit})).send().await.unwrap();
    assert!(response.status().is_success());
}

async fn changes_since(server: &sim::SimServer, since: u64) -> Vec<serde_json::Value> {
    let url = format!("{}/_sim/changes?since={since}", server.origin());
    let body: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    body["items"].as_array().cloned().unwrap_or_default()
}

async fn last_seq(server: &sim::SimServer) -> u64 {
    let url = format!("{}/_sim/changes?since=0", server.origin());
    let body: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    body["lastSeq"].as_u64().unwrap_or(0)
}
