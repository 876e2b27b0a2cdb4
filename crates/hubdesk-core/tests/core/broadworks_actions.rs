//! Actions on Webex for BroadWorks subscribers through `Core`, against the
//! simulator over HTTP (rule B4): retry activation (email checked, then
//! prechecked, then a delete and a provision in one journal run, in order),
//! delete, package change, bulk with Cancel and resume, the live status
//! after, and bad input that changes nothing (`/_sim/changes` is the proof).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hubdesk_api::{EntryState, RunState, SubscriberAction, SubscriberAsk, SubscriberLive};
use hubdesk_core::features::broadworks::follow::FollowLimits;
use hubdesk_core::Core;
use reqwest::Method;
use serde_json::Value;
use webex_sim::client::call;
use webex_sim::{self as sim, SimConfig, SimServer};

struct Setup {
    server: SimServer,
    core: Core,
    partner: String,
    home: String,
    _dir: tempfile::TempDir,
}

async fn setup_as(role: &str) -> Setup {
    let config = SimConfig { seed: 7, people: 600, customers: 1, provisioning_delay_secs: 30, ..SimConfig::default() };
    let server = sim::start(config).await.unwrap();
    let partner = crate::support::token(&server, "partner_full_admin", None).await.0;
    let signed_in = crate::support::token(&server, role, None).await.0;
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_with_token(&server.base_url(), signed_in, Duration::from_secs(30)).await.unwrap();
    let home = core.home_org_id().await.unwrap();
    Setup { server, core, partner, home, _dir: dir }
}

async fn setup() -> Setup {
    setup_as("partner_full_admin").await
}

fn ask(id: &str, action: SubscriberAction) -> SubscriberAsk {
    SubscriberAsk { subscriber_id: id.to_owned(), action }
}

fn retry(email: &str) -> SubscriberAction {
    SubscriberAction::Retry { email: email.to_owned() }
}

fn package(to: &str) -> SubscriberAction {
    SubscriberAction::Package { to: to.to_owned() }
}

impl Setup {
    async fn subscribers(&self, status: &str) -> Vec<Value> {
        let url = format!("{}/broadworks/subscribers?max=100&status={status}", self.server.base_url());
        call(Method::GET, &url, &self.partner, None).await.unwrap().body["items"].as_array().unwrap().clone()
    }

    async fn get(&self, id: &str) -> (reqwest::StatusCode, Value) {
        let url = format!("{}/broadworks/subscribers/{id}", self.server.base_url());
        let reply = call(Method::GET, &url, &self.partner, None).await.unwrap();
        (reply.status, reply.body)
    }

    async fn last_seq(&self) -> u64 {
        crate::support::helpers(&self.server).last_seq().await.unwrap()
    }

    /// The BroadWorks writes since `since`: (method, target).
    async fn writes_since(&self, since: u64) -> Vec<(String, String)> {
        crate::support::changes(&self.server, since)
            .await
            .into_iter()
            .filter(|c| c["path"].as_str().unwrap_or("").contains("/broadworks/subscribers"))
            .map(|c| (c["method"].as_str().unwrap().to_owned(), c["target"].as_str().unwrap().to_owned()))
            .collect()
    }

    async fn advance(&self, seconds: u64) {
        crate::support::helpers(&self.server).advance_clock(seconds).await.unwrap();
    }

    async fn apply(&self, run_id: &str) -> hubdesk_api::RunSummary {
        self.core.run_apply(run_id, &|_| {}).await.unwrap()
    }
}

fn quick() -> FollowLimits {
    FollowLimits {
        first_wait: Duration::from_millis(50),
        max_wait: Duration::from_millis(200),
        time_limit: Duration::from_secs(20),
    }
}

#[tokio::test]
async fn b4_a_retry_deletes_then_provisions_with_the_new_email_each_once_and_settles() {
    let s = setup().await;
    let waiting = s.subscribers("pending_email_input").await[0].clone();
    let id = waiting["id"].as_str().unwrap();
    let asks = [ask(id, retry("Ake.Retried@Fjordby-Logistik.example"))];
    let since = s.last_seq().await;

    let preview = s.core.broadworks_actions_preview(&asks).await.unwrap();
    assert!(preview.refused.is_empty(), "{:?}", preview.refused);
    assert_eq!((preview.rows[0].status.as_str(), preview.rows[0].subscriber_id.as_str()), ("pending_email_input", id));
    assert!(s.writes_since(since).await.is_empty(), "a preview sends nothing");

    let (run, refused) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    assert!(refused.is_empty());
    let run = run.unwrap();
    assert_eq!(run.total, 2, "a delete and a provision");
    let done = s.apply(&run.run_id).await;
    assert_eq!((done.state, done.succeeded, done.failed), (RunState::Finished, 2, 0));

    let writes = s.writes_since(since).await;
    assert_eq!(writes.len(), 2, "{writes:?}");
    assert_eq!(writes[0], ("DELETE".to_owned(), id.to_owned()));
    assert_eq!(writes[1].0, "POST");
    let new_id = writes[1].1.clone();
    let (_, provisioning) = s.get(&new_id).await;
    assert_eq!(provisioning["email"], "ake.retried@fjordby-logistik.example");
    assert_eq!(provisioning["userId"], waiting["userId"]);
    assert_eq!(provisioning["status"], "provisioning");

    // The audit log has both, with their tracking ids.
    let audit = s.core.audit_list(&s.home).unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit.iter().all(|a| a.tracking_id.as_deref().is_some_and(|t| t.starts_with("HUBDESK_"))));

    // Live status: the followed subscriber is the new one; it settles once
    // the simulated provisioning is done, and the cache has it.
    let followed = s.core.broadworks_run_subscribers(&run.run_id).unwrap();
    assert_eq!(followed, std::slice::from_ref(&new_id));
    let seen = Arc::new(Mutex::new(Vec::<SubscriberLive>::new()));
    let record = seen.clone();
    let on_change = move |live: SubscriberLive| record.lock().unwrap().push(live);
    let follow = s.core.broadworks_follow(&followed, quick(), &on_change);
    let clock = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        s.advance(31).await;
    };
    let (settled, ()) = tokio::join!(follow, clock);
    let settled = settled.unwrap();
    assert_eq!((settled[0].status.as_str(), settled[0].settled), ("provisioned", true));
    let statuses: Vec<String> = seen.lock().unwrap().iter().map(|l| l.status.clone()).collect();
    assert_eq!(statuses, ["provisioning", "provisioned"], "each change reported once");
    let cached = s.core.store.cached_subscriber(&s.home, &new_id).unwrap().unwrap();
    assert_eq!(cached.status, "provisioned", "the settled row is written through");
    assert!(s.core.store.cached_subscriber(&s.home, id).unwrap().is_none(), "the deleted one is gone");
}

#[tokio::test]
async fn b4_a_retry_interrupted_between_its_delete_and_its_provision_provisions_on_resume() {
    let s = setup().await;
    let failed = s.subscribers("error").await[0].clone();
    let id = failed["id"].as_str().unwrap();
    let since = s.last_seq().await;
    let (run, _) =
        s.core.broadworks_actions_journal(&[ask(id, retry("back.again@fjordby-logistik.example"))]).await.unwrap();
    let run = run.unwrap();

    // Cancelled as soon as the delete is answered: the provision is not sent.
    let core = &s.core;
    let stop = |p: hubdesk_api::RunProgress| {
        if p.done == 1 && p.state == RunState::Running {
            core.run_cancel(&p.run_id);
        }
    };
    let stopped = s.core.run_apply(&run.run_id, &stop).await.unwrap();
    assert_eq!(stopped.state, RunState::Interrupted);
    assert_eq!(s.get(id).await.0, reqwest::StatusCode::NOT_FOUND, "deleted, not yet provisioned");
    let writes = s.writes_since(since).await;
    assert_eq!(writes.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(), ["DELETE"]);

    // As after a crash: the provision was marked in flight and its answer lost.
    s.core.ledger.mark_in_flight(&run.run_id, 1, "HUBDESK_lost").unwrap();
    let resumed = s.apply(&run.run_id).await;
    assert_eq!((resumed.state, resumed.succeeded), (RunState::Finished, 2));
    let writes = s.writes_since(since).await;
    assert_eq!(writes.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(), ["DELETE", "POST"], "each once");
    let (status, again) = s.get(&writes[1].1).await;
    assert_eq!((status, again["userId"].clone()), (reqwest::StatusCode::OK, failed["userId"].clone()));

    // Resumed again (a second crash after the answer landed): nothing more is sent.
    s.core.ledger.mark_in_flight(&run.run_id, 1, "HUBDESK_lost_again").unwrap();
    s.apply(&run.run_id).await;
    assert_eq!(s.writes_since(since).await.len(), 2, "a provision that landed is found, not sent twice");
}

#[tokio::test]
async fn b4_delete_and_package_change_through_the_journal_and_the_audit_log() {
    let s = setup().await;
    let provisioned = s.subscribers("provisioned").await;
    let (gone, upgraded) = (provisioned[0].clone(), provisioned[1].clone());
    let to = if upgraded["package"] == "premium" { "basic" } else { "premium" };
    let since = s.last_seq().await;
    let asks = [
        ask(gone["id"].as_str().unwrap(), SubscriberAction::Delete),
        ask(upgraded["id"].as_str().unwrap(), package(to)),
    ];
    let preview = s.core.broadworks_actions_preview(&asks).await.unwrap();
    let what: Vec<&str> = preview.rows.iter().map(|r| r.what.as_str()).collect();
    assert!(what[0].contains("Webex user stays") && what[0].contains("onboard again"), "{what:?}");
    assert!(what[1].ends_with(&format!("→ {to}")), "{what:?}");

    let (run, _) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    let done = s.apply(&run.unwrap().run_id).await;
    assert_eq!((done.succeeded, done.failed), (2, 0));
    assert_eq!(s.writes_since(since).await.len(), 2);
    assert_eq!(s.get(gone["id"].as_str().unwrap()).await.0, reqwest::StatusCode::NOT_FOUND);
    let person = gone["personId"].as_str().unwrap();
    let url = format!("{}/people/{person}", s.server.base_url());
    assert_eq!(
        call(Method::GET, &url, &s.partner, None).await.unwrap().status,
        reqwest::StatusCode::OK,
        "the Webex user stays"
    );

    // `updating` until it settles; the change shows only then.
    let (_, updating) = s.get(upgraded["id"].as_str().unwrap()).await;
    assert_eq!(
        (updating["status"].as_str(), updating["package"].clone()),
        (Some("updating"), upgraded["package"].clone())
    );
    let ids = [upgraded["id"].as_str().unwrap().to_owned()];
    let follow = s.core.broadworks_follow(&ids, quick(), &|_| {});
    let clock = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        s.advance(31).await;
    };
    let (settled, ()) = tokio::join!(follow, clock);
    let settled = settled.unwrap();
    assert_eq!((settled[0].status.as_str(), settled[0].package.as_deref()), ("provisioned", Some(to)));
    let audit = s.core.audit_list(&s.home).unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit.iter().any(|a| a.summary.contains("deleted (the Webex user stays)")));
}

/// Every write's answer lost (the simulator applies the delete or the
/// package change, then drops the connection): each is checked, found
/// landed and recorded once, not sent again, and its audit line names the
/// tracking id Webex logged.
#[tokio::test]
async fn b4_when_every_answer_is_lost_each_step_is_confirmed_with_the_tracking_id_webex_logged() {
    let s = setup().await;
    let provisioned = s.subscribers("provisioned").await;
    let (gone, upgraded) = (provisioned[0].clone(), provisioned[1].clone());
    let to = if upgraded["package"] == "premium" { "basic" } else { "premium" };
    let asks = [
        ask(gone["id"].as_str().unwrap(), SubscriberAction::Delete),
        ask(upgraded["id"].as_str().unwrap(), package(to)),
    ];
    let (run, _) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    let since = s.last_seq().await;
    crate::support::set_faults(&s.server, serde_json::json!({"writeDropRate": 1.0})).await;
    let done = s.apply(&run.unwrap().run_id).await;
    crate::support::set_faults(&s.server, serde_json::json!({"writeDropRate": 0.0})).await;
    assert_eq!((done.state, done.succeeded, done.failed), (RunState::Finished, 2, 0));
    let logged: HashMap<String, String> = crate::support::changes(&s.server, since)
        .await
        .into_iter()
        .filter(|c| c["path"].as_str().unwrap_or("").contains("/broadworks/subscribers"))
        .map(|c| (c["target"].as_str().unwrap().to_owned(), c["trackingId"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(s.writes_since(since).await.len(), 2, "each sent once");
    let audited: HashMap<String, String> = s
        .core
        .audit_list(&s.home)
        .unwrap()
        .into_iter()
        .map(|a| (a.person_id, a.tracking_id.expect("a tracking id")))
        .collect();
    // The audit names the person; the change log, the subscriber.
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert_eq!(audited.values().collect::<std::collections::HashSet<_>>(), logged.values().collect());
}

#[tokio::test]
async fn b4_bad_input_is_refused_with_a_sentence_and_changes_nothing() {
    let s = setup().await;
    let waiting = s.subscribers("pending_email_input").await[0].clone();
    let provisioned = s.subscribers("provisioned").await;
    let updating = s.subscribers("updating").await[0].clone();
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    // An email of a Webex user in another org: the precheck refuses (10010).
    let elsewhere =
        provisioned.iter().find_map(|p| p["email"].as_str().filter(|e| !e.contains("fjordby"))).map(str::to_owned);
    let partner_admin = s.core.signed_in_email().await.unwrap();
    let foreign = elsewhere.unwrap_or(partner_admin);
    let since = s.last_seq().await;
    let asks = [
        ask(&id(&waiting), retry("not an email")),
        ask(&id(&provisioned[0]), package("platinum")),
        ask(&id(&provisioned[1]), retry("x@fjordby-logistik.example")),
        ask(&id(&updating), package("softphone")),
        ask(&id(&provisioned[2]), package(provisioned[2]["package"].as_str().unwrap())),
        ask(
            "Y2lzY29zcGFyazovL3VzL1NVQlNDUklCRVIvMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
            SubscriberAction::Delete,
        ),
        ask(&id(&s.subscribers("error").await[0]), retry(&foreign)),
    ];
    let (run, refused) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    assert!(run.is_none(), "nothing sendable, nothing journaled");
    let reasons: HashMap<String, String> =
        refused.iter().map(|r| (r.subscriber_id.clone(), r.reason.clone())).collect();
    assert_eq!(refused.len(), asks.len(), "{reasons:#?}");
    assert!(reasons[&id(&waiting)].contains("not a valid email address"));
    assert!(reasons[&id(&provisioned[0])].contains("\"platinum\" is not a Webex for BroadWorks package"));
    assert!(reasons[&id(&provisioned[1])].contains("already provisioned"));
    assert!(reasons[&id(&updating)].contains("Wait until its status settles"));
    assert!(reasons[&id(&provisioned[2])].contains("already has"));
    assert!(reasons[&asks[5].subscriber_id].contains("no subscriber with this id"));
    let precheck = refused.iter().find(|r| r.subscriber_id == asks[6].subscriber_id).unwrap();
    assert!(
        precheck.reason.starts_with("Webex's precheck refused this retry, so nothing was changed: 10010: "),
        "{}",
        precheck.reason
    );
    assert_eq!(precheck.errors[0].code, Some(10010));
    assert!(reasons.values().all(|r| r.ends_with('.') || r.ends_with(')')), "{reasons:#?}");
    assert!(s.writes_since(since).await.is_empty(), "nothing was changed");
    assert!(s.core.audit_list(&s.home).unwrap().is_empty());
}

#[tokio::test]
async fn b4_the_apis_409_while_updating_fails_the_entry_with_a_sentence() {
    let s = setup().await;
    let subscriber = s.subscribers("provisioned").await[0].clone();
    let id = subscriber["id"].as_str().unwrap();
    let to = if subscriber["package"] == "premium" { "basic" } else { "premium" };
    let (run, _) = s.core.broadworks_actions_journal(&[ask(id, package(to))]).await.unwrap();
    // Someone else changes it between the plan and the send: Webex says 409.
    let url = format!("{}/broadworks/subscribers/{id}", s.server.base_url());
    let other = call(Method::PUT, &url, &s.partner, Some(serde_json::json!({"lastName": "Elsewhere"}))).await.unwrap();
    assert_eq!(other.body["status"], "updating");
    let since = s.last_seq().await;
    let run = run.unwrap();
    let done = s.apply(&run.run_id).await;
    assert_eq!((done.state, done.failed), (RunState::Finished, 1));
    let entry = &s.core.run_detail(&run.run_id).unwrap().entries[0];
    assert_eq!(entry.state, EntryState::Failed);
    assert!(entry.error.as_deref().unwrap().contains("Wait until its status settles"), "{:?}", entry.error);
    assert!(s.writes_since(since).await.is_empty(), "refused: nothing changed");
}

#[tokio::test]
async fn b4_a_read_only_admins_token_changes_nothing() {
    let s = setup_as("read_only_admin").await;
    let subscriber = s.subscribers("provisioned").await[0].clone();
    let waiting = s.subscribers("pending_email_input").await[0].clone();
    let since = s.last_seq().await;
    let asks = [
        ask(subscriber["id"].as_str().unwrap(), SubscriberAction::Delete),
        ask(waiting["id"].as_str().unwrap(), retry("ro.admin.try@fjordby-logistik.example")),
    ];
    let (run, refused) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    let run = run.unwrap();
    let done = s.apply(&run.run_id).await;
    let detail = s.core.run_detail(&run.run_id).unwrap();
    let states: Vec<EntryState> = detail.entries.iter().map(|e| e.state).collect();
    assert_eq!(
        states,
        [EntryState::Failed, EntryState::Failed, EntryState::Skipped],
        "the provision waits on its delete"
    );
    assert!(detail.entries[0].error.as_deref().unwrap().contains("read-only administrator cannot"));
    assert!(detail.entries[2].error.as_deref().unwrap().contains("left as it was"));
    assert_eq!(done.failed, 2);
    assert!(s.writes_since(since).await.is_empty(), "nothing was changed");
    assert_eq!(s.get(waiting["id"].as_str().unwrap()).await.0, reqwest::StatusCode::OK, "never left deleted");
}

#[tokio::test]
async fn b4_a_bulk_delete_cancelled_and_resumed_sends_each_once() {
    let s = setup().await;
    let chosen: Vec<String> =
        s.subscribers("provisioned").await.iter().take(6).map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    let asks: Vec<SubscriberAsk> = chosen.iter().map(|id| ask(id, SubscriberAction::Delete)).collect();
    let since = s.last_seq().await;
    let (run, _) = s.core.broadworks_actions_journal(&asks).await.unwrap();
    let run = run.unwrap();
    let core = &s.core;
    let progress = Mutex::new(Vec::new());
    let stop = |p: hubdesk_api::RunProgress| {
        progress.lock().unwrap().push(p.done);
        if p.done == 3 {
            core.run_cancel(&p.run_id);
        }
    };
    let stopped = s.core.run_apply(&run.run_id, &stop).await.unwrap();
    assert_eq!((stopped.state, stopped.succeeded), (RunState::Interrupted, 3));
    assert_eq!(*progress.lock().unwrap(), [0, 1, 2, 3, 3]);
    let resumed = s.apply(&run.run_id).await;
    assert_eq!((resumed.state, resumed.succeeded), (RunState::Finished, 6));
    let targets: Vec<String> = s.writes_since(since).await.into_iter().map(|w| w.1).collect();
    assert_eq!(targets, chosen, "each subscriber deleted once, in order");
}
