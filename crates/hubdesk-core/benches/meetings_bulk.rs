//! Setting session types for 10,000 users on one Meetings site against the
//! simulator's rate limit of 50 requests per second: the floor is 200 s
//! (one PUT per user); the bar is 1.1 × that, with zero failures and zero
//! duplicates in `/_sim/changes`.
//!
//!   cargo bench -p hubdesk-core --bench meetings_bulk
//!
//! The changes are real ones: the simulator's customer org of 40,000
//! people has well over 10,000 hosts on its first site, nearly all with
//! Private Meeting; the preview (every host's set read live, not timed at
//! the rate limit) plans removing it (S2), and the first 10,000 users of
//! the plan are journaled and applied through the app's path (journal,
//! shared rate gate, 8 requests in flight).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use hubdesk_api::{RunAction, TypesChange};
use hubdesk_core::features::meetings::bulk::{preview, BulkPeople};
use hubdesk_core::features::meetings::bulk_apply::{apply_types_run, TypesContext};
use hubdesk_core::ledger::Ledger;
use hubdesk_core::webex::{StaticToken, WebexClient};
use tokio_util::sync::CancellationToken;
use webex_sim::{self as sim, SimConfig};

const USERS: usize = 10_000;
const RATE_LIMIT: u32 = 50;
const PUT_PATH: &str = "/v1/admin/meeting/userconfig/sessionTypes";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run());
}

async fn run() {
    let server =
        sim::start(SimConfig { seed: 11, people: 40_000, customers: 1, ..SimConfig::default() }).await.unwrap();
    let helpers = webex_sim::client::SimHelpers::new(&server.origin());
    let token = helpers.token("partner_full_admin", None).await.unwrap().access_token;
    let client = WebexClient::new(&server.base_url(), Arc::new(StaticToken(token)));
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).unwrap();
    let me = client.me().await.unwrap();
    let org_id = client.organizations().await.unwrap().into_iter().find(|o| o.id != me.org_id).unwrap().id;
    let site = client
        .licenses(&org_id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.name.starts_with("Meeting") && l.site_url.is_some())
        .and_then(|l| l.site_url)
        .unwrap();

    let change = TypesChange::Change { add: vec![], remove: vec!["PRV".into()] };
    let started = Instant::now();
    let previewed = preview(&client, &org_id, &site, &BulkPeople::AllHosts, &change).await.unwrap();
    let preview_took = started.elapsed().as_secs_f64();
    let plan = previewed.plan;
    let hosts = plan.changes.len() + plan.unchanged as usize + previewed.unread.len();
    assert!(previewed.unread.is_empty(), "every set read: {:?}", previewed.unread.first());
    assert!(plan.changes.len() >= USERS, "the site has {} users to change, fewer than {USERS}", plan.changes.len());
    let changes = &plan.changes[..USERS];
    let action = RunAction::MeetingsTypesSet { site_url: site.clone(), users: USERS as u32 };
    let run = ledger.create_types_run(&org_id, &action, "bench@hubdesk", changes, 0).unwrap();

    let since = helpers.last_seq().await.unwrap();
    helpers.set_faults(serde_json::json!({"rateLimit": RATE_LIMIT})).await.unwrap();
    let ctx = TypesContext { client: &client, ledger: &ledger, org_id: &org_id, actor: "bench" };
    let started = Instant::now();
    // Where the time goes: the pace every 1,000 users, on standard error.
    let trace = |p: hubdesk_api::RunProgress| {
        if p.done.is_multiple_of(1000) && p.done > 0 && p.state == hubdesk_api::RunState::Running {
            eprintln!("  {:>6} users after {:.1} s", p.done, started.elapsed().as_secs_f64());
        }
    };
    let summary = apply_types_run(&ctx, &run.run_id, &trace, &CancellationToken::new()).await.unwrap();
    let took = started.elapsed().as_secs_f64();
    helpers.set_faults(serde_json::json!({"rateLimit": 0})).await.unwrap();

    let mut per_person: HashMap<String, usize> = HashMap::new();
    for change in helpers.changes(since).await.unwrap() {
        if change["path"] == PUT_PATH {
            *per_person.entry(change["target"].as_str().unwrap_or_default().to_owned()).or_default() += 1;
        }
    }
    let duplicates = per_person.values().filter(|n| **n > 1).count();
    let floor = USERS as f64 / f64::from(RATE_LIMIT);
    println!(
        "meetings_bulk/preview_{hosts}_hosts_unthrottled: {preview_took:.1} s ({} to change, {} unchanged)",
        plan.changes.len(),
        plan.unchanged
    );
    println!(
        "meetings_bulk/{USERS}_users_at_{RATE_LIMIT}_per_s: {took:.1} s = {:.3} × the {floor:.0} s floor; \
         succeeded {}, partial {}, failed {}, PUTs seen {}, people changed twice {duplicates}",
        took / floor,
        summary.succeeded,
        summary.partial,
        summary.failed,
        per_person.values().sum::<usize>(),
    );
}
