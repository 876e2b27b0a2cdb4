//! Session types for many users on one site through `Core`, against the
//! simulator over HTTP (rules S1, S2): the preview says who gains and loses
//! what and who is skipped; the apply journals and PUTs each user's whole
//! set once, through cancels, lost answers, faults and a dead network.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use hubdesk_api::{EntryState, ErrorCode, RunAction, RunState, TypesChange};
use hubdesk_core::features::meetings::bulk::BulkPeople;
use hubdesk_core::features::meetings::bulk_apply::{apply_types_run, TypesContext};
use hubdesk_core::webex::{StaticToken, WebexClient};
use hubdesk_core::Core;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use webex_sim::{self as sim, SimConfig, SimServer};

const ACTOR: &str = "admin@partner.example";

struct Setup {
    server: SimServer,
    core: Core,
    org_id: String,
    site: String,
    _dir: tempfile::TempDir,
}

async fn setup(people: usize) -> Setup {
    let server = sim::start(SimConfig { seed: 5, people, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = crate::support::token(&server, "partner_full_admin", None).await.0;
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_with_token(&server.base_url(), token, Duration::from_secs(30)).await.unwrap();
    let client = core.client().await.unwrap();
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
    Setup { server, core, org_id, site, _dir: dir }
}

fn remove_private() -> TypesChange {
    TypesChange::Change { add: vec![], remove: vec!["PRV".into()] }
}

impl Setup {
    async fn last_seq(&self) -> u64 {
        crate::support::helpers(&self.server).last_seq().await.expect("the change log")
    }

    /// Each person whose session types changed since `since`, with how often.
    async fn changed_since(&self, since: u64) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for change in crate::support::changes(&self.server, since).await {
            if change["path"].as_str().unwrap_or("").ends_with("/userconfig/sessionTypes") {
                *counts.entry(change["target"].as_str().unwrap().to_owned()).or_insert(0) += 1;
            }
        }
        counts
    }

    async fn everyone(&self) -> Vec<String> {
        let client = self.core.client().await.unwrap();
        client.people_with_licenses(&self.org_id).collect_all().await.unwrap().into_iter().map(|p| p.id).collect()
    }
}

fn assert_each_once(changed: &HashMap<String, usize>, people: &[String]) {
    let twice: Vec<_> = changed.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "changed more than once: {twice:?}");
    let expected: HashSet<&String> = people.iter().collect();
    assert_eq!(changed.keys().collect::<HashSet<_>>(), expected, "exactly the planned people are changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn s2_the_preview_names_gains_losses_and_skips_then_each_set_is_put_once_and_a_rerun_plans_nothing() {
    let s = setup(300).await;
    let mut asked = s.everyone().await;
    asked.push("nobody@nowhere.example".into());
    let people = BulkPeople::Listed(asked.clone());
    let change = TypesChange::Change { add: vec!["3".into(), "11".into()], remove: vec![] };
    let preview = s.core.meetings_bulk_preview(Some(&s.org_id), &s.site.to_uppercase(), people.clone(), &change).await;
    let preview = preview.unwrap();
    assert_eq!(preview.site_url, s.site, "the site as Webex spells it");
    assert_eq!(preview.not_found, ["nobody@nowhere.example"]);
    assert!(!preview.not_hosts.is_empty() && preview.not_hosts[0].reason.contains("host"), "{:?}", preview.not_hosts);
    assert!(preview.unread.is_empty(), "{:?}", preview.unread);
    // rule S1: the seeded hosts left with the free type only gain both paid types.
    let plan = &preview.plan;
    assert!(!plan.changes.is_empty(), "some hosts lack a paid type");
    assert!(plan.unchanged > 0, "hosts with every type are skipped and counted");
    assert!(plan.changes.iter().all(|c| c.loses.is_empty() && !c.gains.is_empty()));
    assert!(plan.changes.iter().all(|c| c.after.contains(&"3".to_owned()) && c.after.contains(&"11".to_owned())));
    let hosts = plan.changes.len() + plan.unchanged as usize;
    assert_eq!(hosts + preview.not_hosts.len() + 1, asked.len());

    let since = s.last_seq().await;
    let run = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, people.clone(), &change).await.unwrap().unwrap();
    assert_eq!(run.action, RunAction::MeetingsTypesSet { site_url: s.site.clone(), users: plan.changes.len() as u32 });
    assert_eq!(s.last_seq().await, since, "journaling sends nothing");
    let summary = s.core.run_apply(&run.run_id, &|_| {}).await.unwrap();
    assert_eq!(
        (summary.state, summary.succeeded as usize, summary.failed),
        (RunState::Finished, plan.changes.len(), 0)
    );
    let planned: Vec<String> = plan.changes.iter().map(|c| c.person_id.clone()).collect();
    assert_each_once(&s.changed_since(since).await, &planned);

    // Every PUT is audited: who, what, when, tracking id.
    let audit = s.core.audit_list(&s.org_id).unwrap();
    let actor = s.core.signed_in_email().await.unwrap();
    assert_eq!(audit.len(), planned.len());
    assert!(audit.iter().all(|a| a.actor == actor && a.run_id == run.run_id && a.tracking_id.is_some()));
    assert!(audit.iter().all(|a| a.summary.starts_with(&format!("session types on {}: ", s.site))), "{:?}", audit[0]);
    let detail = s.core.run_detail(&run.run_id).unwrap();
    assert!(detail.entries.iter().all(|e| e.state == EntryState::Done && e.session_types.is_some()));

    let again = s.core.meetings_bulk_preview(Some(&s.org_id), &s.site, people.clone(), &change).await.unwrap();
    assert!(again.plan.changes.is_empty(), "{:?}", again.plan.changes.first());
    assert_eq!(again.plan.unchanged as usize, hosts);
    assert!(s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, people, &change).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_run_and_an_answer_lost_after_its_put_landed_resume_without_duplicates() {
    let s = setup(400).await;
    let change = remove_private();
    let since = s.last_seq().await;
    let preview = s.core.meetings_bulk_preview(Some(&s.org_id), &s.site, BulkPeople::AllHosts, &change).await;
    let planned: Vec<String> = preview.unwrap().plan.changes.iter().map(|c| c.person_id.clone()).collect();
    assert!(planned.len() > 30, "a run worth cancelling: {}", planned.len());
    let run = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, BulkPeople::AllHosts, &change);
    let run_id = run.await.unwrap().unwrap().run_id;

    let client = s.core.client().await.unwrap();
    let ctx = TypesContext { client: &client, ledger: &s.core.ledger, org_id: &s.org_id, actor: ACTOR };
    let cancel = CancellationToken::new();
    let stop_after = planned.len() as u32 / 3;
    let on_progress = |p: hubdesk_api::RunProgress| {
        if p.done >= stop_after {
            cancel.cancel()
        }
    };
    let first = apply_types_run(&ctx, &run_id, &on_progress, &cancel).await.unwrap();
    assert_eq!(first.state, RunState::Interrupted);
    assert!((first.succeeded as usize) < planned.len(), "the cancel stopped the run early");

    // What a crash between send and record leaves: the next entry marked
    // in flight, its PUT landed, no answer recorded.
    let entry = s.core.ledger.open_types_entries(&run_id).unwrap().remove(0);
    s.core.ledger.mark_in_flight(&run_id, entry.seq, "HUBDESK_lost").unwrap();
    let token = crate::support::token(&s.server, "partner_full_admin", None).await.0;
    let body = json!({"siteUrl": s.site, "personId": entry.change.person_id, "sessionTypeIds": entry.change.after});
    let url = format!("{}/admin/meeting/userconfig/sessionTypes", s.server.base_url());
    let reply = webex_sim::client::call(reqwest::Method::PUT, &url, &token, Some(body)).await.unwrap();
    assert_eq!(reply.status, reqwest::StatusCode::OK, "{:?}", reply.body);

    let resumed = s.core.run_apply(&run_id, &|_| {}).await.unwrap();
    assert_eq!((resumed.state, resumed.succeeded as usize), (RunState::Finished, planned.len()));
    assert_each_once(&s.changed_since(since).await, &planned);
    let audit = s.core.audit_list(&s.org_id).unwrap();
    let lost = audit.iter().find(|a| a.person_id == entry.change.person_id).unwrap();
    assert_eq!(lost.tracking_id.as_deref(), Some("HUBDESK_lost"), "checked, confirmed, audited, not sent again");
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_and_dropped_answers_still_put_each_set_once() {
    let s = setup(500).await;
    let change = remove_private();
    let run = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, BulkPeople::AllHosts, &change);
    let run_id = run.await.unwrap().unwrap().run_id;
    let planned: Vec<String> = s.core.run_detail(&run_id).unwrap().entries.into_iter().map(|e| e.person_id).collect();
    let since = s.last_seq().await;
    // Drops happen after the change is made: the client cannot know.
    crate::support::set_faults(
        &s.server,
        json!({"errorRate": 0.15, "dropRate": 0.2, "rateLimit": 60, "retryAfter": "mixed"}),
    )
    .await;
    let summary = s.core.run_apply(&run_id, &|_| {}).await.unwrap();
    crate::support::set_faults(&s.server, json!({"errorRate": 0.0, "dropRate": 0.0, "rateLimit": 0})).await;
    assert_eq!((summary.state, summary.failed), (RunState::Finished, 0));
    assert_each_once(&s.changed_since(since).await, &planned);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_no_network_the_run_stops_as_offline_and_keeps_its_entries() {
    let s = setup(200).await;
    let change = remove_private();
    let run = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, BulkPeople::AllHosts, &change);
    let run_id = run.await.unwrap().unwrap().run_id;
    let total = s.core.ledger.open_types_entries(&run_id).unwrap().len();
    // Nothing listens on port 9 (discard) of loopback.
    let dead = WebexClient::new("http://127.0.0.1:9/v1", Arc::new(StaticToken("t".into())));
    let ctx = TypesContext { client: &dead, ledger: &s.core.ledger, org_id: &s.org_id, actor: ACTOR };
    let error = apply_types_run(&ctx, &run_id, &|_| {}, &CancellationToken::new()).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Offline, "{error:?}");
    assert_eq!(s.core.ledger.run_summary(&run_id).unwrap().state, RunState::Interrupted);
    assert_eq!(
        s.core.ledger.open_types_entries(&run_id).unwrap().len(),
        total,
        "nothing lost, nothing queued silently"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_site_or_type_or_no_change_is_refused_with_a_sentence_and_nothing_is_journaled() {
    let s = setup(150).await;
    let change = remove_private();
    let all = BulkPeople::AllHosts;
    let site = s.core.meetings_bulk_preview(Some(&s.org_id), "elsewhere.webex.com", all.clone(), &change);
    let site = site.await.unwrap_err();
    assert_eq!(site.code, ErrorCode::InvalidInput);
    assert!(site.message.contains("elsewhere.webex.com") && site.message.contains(&s.site), "{}", site.message);
    let webinar = TypesChange::Exact { types: vec!["FRE".into(), "WBN".into()] };
    let unknown = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, all.clone(), &webinar).await.unwrap_err();
    assert!(unknown.message.contains("WBN") && unknown.message.contains("Pro Meeting"), "{}", unknown.message);
    let nothing = TypesChange::Change { add: vec![], remove: vec![] };
    let nothing = s.core.meetings_bulk_journal(Some(&s.org_id), &s.site, all, &nothing).await.unwrap_err();
    assert_eq!(nothing.code, ErrorCode::InvalidInput, "{}", nothing.message);
    assert!(s.core.runs_list(&s.org_id).unwrap().is_empty(), "nothing journaled");
}
