//! License templates end to end: a group template previewed from a real
//! cache, journaled in a real ledger file, applied to the simulator over
//! HTTP; each change checked once in `/_sim/changes`, through faults,
//! cancels, lost answers and a dead network.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use hubdesk_api::{EntryState, ErrorCode, RunState, SaveScope, TemplateDraft};
use hubdesk_core::features::templates::apply::{apply_run, ApplyContext};
use hubdesk_core::features::templates::facts::{self, Pools};
use hubdesk_core::features::templates::{journal_enforcement, plan_save};
use hubdesk_core::ledger::Ledger;
use hubdesk_core::store::Store;
use hubdesk_core::webex::{StaticToken, WebexClient};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use webex_sim::{self as sim, SimConfig, SimServer};

struct Setup {
    server: SimServer,
    client: WebexClient,
    store: Store,
    ledger: Ledger,
    org_id: String,
    pools: Pools,
    _dir: tempfile::TempDir,
}

/// A synced customer org of the demo tenant, and an empty ledger.
async fn setup(people: usize) -> Setup {
    let server = sim::start(SimConfig { seed: 3, people, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = crate::support::token(&server, "partner_full_admin", None).await.0;
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
    Setup { server, client, store, ledger, org_id, pools: snapshot.pools, _dir: dir }
}

impl Setup {
    /// The security group with the most direct members, and the paid
    /// Advanced Messaging license (no line, no prerequisites beyond
    /// Messaging everyone holds).
    fn group_and_license(&self) -> (String, HashSet<String>, String) {
        let facts = facts::load(&self.store, &self.org_id).unwrap().facts;
        let mut members: HashMap<&str, HashSet<String>> = HashMap::new();
        for p in &facts.people {
            for g in &p.groups {
                members.entry(g.as_str()).or_default().insert(p.id.clone());
            }
        }
        let (group, people) = facts
            .groups
            .iter()
            .filter(|g| g.usage == hubdesk_rules::templates::GroupUsage::Security)
            .filter_map(|g| Some((g.id.clone(), members.get(g.id.as_str())?.clone())))
            .max_by_key(|(_, m)| m.len())
            .unwrap();
        let license = facts.licenses.iter().find(|l| l.name == "Advanced Messaging").unwrap().id.clone();
        (group, people, license)
    }

    fn draft(&self, group: &str, license: &str) -> TemplateDraft {
        TemplateDraft {
            id: None,
            name: "Sales".into(),
            group_id: Some(group.into()),
            licenses: vec![license.into()],
            meetings: vec![],
        }
    }

    fn ctx(&self) -> ApplyContext<'_> {
        ApplyContext {
            client: &self.client,
            ledger: &self.ledger,
            store: Some(&self.store),
            org_id: &self.org_id,
            actor: "admin@partner.example",
            pools: &self.pools,
        }
    }

    /// Journals the group template for existing users; returns the run id
    /// and the people it changes.
    fn journal(&self) -> (String, Vec<String>) {
        let (group, _, license) = self.group_and_license();
        let scope = SaveScope { existing_users: true, preserve: true };
        let mode = Some(hubdesk_api::AssignmentMode::Group);
        let planned =
            plan_save(&self.store, &self.ledger, &self.org_id, &self.draft(&group, &license), scope, mode).unwrap();
        let people =
            planned.preview.plan.users.iter().filter(|u| !u.add.is_empty()).map(|u| u.person_id.clone()).collect();
        let run = planned.commit(&self.store, &self.ledger, "admin@partner.example").unwrap().expect("changes to send");
        (run.run_id, people)
    }

    /// Each person changed in the simulator since `since`, with how often.
    async fn changed_since(&self, since: u64) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for change in crate::support::changes(&self.server, since).await {
            if change["path"].as_str().unwrap_or("").ends_with("/licenses/users") {
                *counts.entry(change["target"].as_str().unwrap().to_owned()).or_insert(0) += 1;
            }
        }
        counts
    }

    async fn last_seq(&self) -> u64 {
        crate::support::helpers(&self.server).last_seq().await.expect("the change log")
    }
}

fn assert_each_once(changed: &HashMap<String, usize>, people: &[String]) {
    let twice: Vec<_> = changed.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "changed more than once: {twice:?}");
    let expected: HashSet<&String> = people.iter().collect();
    let got: HashSet<&String> = changed.keys().collect();
    assert_eq!(got, expected, "exactly the planned people are changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn t3_a_group_template_previews_its_direct_members_and_applies_each_change_once() {
    let s = setup(400).await;
    let (group, members, license) = s.group_and_license();
    let scope = SaveScope { existing_users: true, preserve: true };
    let mode = Some(hubdesk_api::AssignmentMode::Group);
    let planned = plan_save(&s.store, &s.ledger, &s.org_id, &s.draft(&group, &license), scope, mode).unwrap();
    let plan = &planned.preview.plan;
    assert!(!plan.users.is_empty());
    assert!(plan.users.iter().all(|u| members.contains(&u.person_id)), "T3: direct members only");
    assert!(plan.users.iter().all(|u| u.remove.is_empty()), "T5: preserve removes nothing");
    let gains: Vec<String> = plan.users.iter().filter(|u| !u.add.is_empty()).map(|u| u.person_id.clone()).collect();
    assert_eq!(
        plan.totals.users_changed as usize,
        plan.users.iter().filter(|u| !u.add.is_empty() || !u.remove.is_empty() || !u.roles.is_empty()).count()
    );

    let since = s.last_seq().await;
    let run = planned.commit(&s.store, &s.ledger, "admin@partner.example").unwrap().unwrap();
    assert_eq!(s.ledger.templates(&s.org_id).unwrap().len(), 1, "the template is saved");
    let events = std::sync::Mutex::new(Vec::new());
    let summary =
        apply_run(&s.ctx(), &run.run_id, &|p| events.lock().unwrap().push(p), &CancellationToken::new()).await.unwrap();
    assert_eq!(summary.state, RunState::Finished);
    assert_eq!((summary.succeeded as usize, summary.failed), (gains.len(), 0));
    assert_eq!(events.lock().unwrap().last().unwrap().done, summary.total, "progress reaches the total");
    assert_each_once(&s.changed_since(since).await, &gains);

    // Webex and the cache (written through) both show the license now.
    let someone = &gains[0];
    let held = s.client.person(someone).await.unwrap().licenses;
    assert!(held.iter().any(|l| s.pools.same(l, &license)));
    let mut edit = s.draft(&group, &license);
    edit.id = Some(s.ledger.templates(&s.org_id).unwrap()[0].0.id.clone());
    let again = plan_save(&s.store, &s.ledger, &s.org_id, &edit, scope, None).unwrap();
    let cached = s.store.person_detail(&s.org_id, someone).unwrap();
    let still: Vec<_> = again.preview.plan.users.iter().filter(|u| !u.add.is_empty()).take(2).collect();
    assert!(still.is_empty(), "the cache knows what was applied: {still:?}, {held:?} {cached:?}");
    let audit: Vec<_> = s.ledger.audit(&s.org_id).unwrap().into_iter().filter(|a| a.event.is_none()).collect();
    assert_eq!(audit.len(), gains.len(), "a line per user changed, besides the template's own");
    assert!(audit
        .iter()
        .all(|a| a.summary == "+Advanced Messaging"
            && a.tracking_id.as_deref().is_some_and(|t| t.starts_with("HUBDESK_"))));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_run_resumes_and_sends_every_remaining_change_once() {
    let s = setup(2000).await;
    let since = s.last_seq().await;
    let (run_id, people) = s.journal();
    assert!(people.len() > 20, "a run worth cancelling: {}", people.len());
    let cancel = CancellationToken::new();
    let stop_after = people.len() / 3;
    let first = apply_run(
        &s.ctx(),
        &run_id,
        &|p| {
            if p.done as usize >= stop_after {
                cancel.cancel()
            }
        },
        &cancel,
    )
    .await
    .unwrap();
    assert_eq!(first.state, RunState::Interrupted);
    assert!((first.succeeded as usize) < people.len(), "the cancel stopped the run early");
    assert_eq!(s.ledger.unfinished_run(&s.org_id).unwrap().unwrap().run_id, run_id);

    let resumed = apply_run(&s.ctx(), &run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    assert_eq!((resumed.state, resumed.succeeded as usize), (RunState::Finished, people.len()));
    assert_each_once(&s.changed_since(since).await, &people);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_lost_after_the_change_landed_is_checked_not_resent() {
    let s = setup(300).await;
    let (run_id, people) = s.journal();
    let since = s.last_seq().await;
    // What a crash between send and record leaves: the first entry was
    // marked in flight and its PATCH landed, but no answer was recorded.
    let entry = s.ledger.open_entries(&run_id).unwrap().remove(0);
    s.ledger.mark_in_flight(&run_id, entry.seq, "HUBDESK_lost").unwrap();
    let body = json!({"personId": entry.change.person_id, "orgId": s.org_id,
        "licenses": [{"id": entry.change.add[0].license_id, "operation": "add"}]});
    let token = crate::support::token(&s.server, "partner_full_admin", None).await.0;
    let reply = crate::support::patch(&format!("{}/licenses/users", s.server.base_url()), &token, body).await;
    assert_eq!(reply.status, reqwest::StatusCode::OK);

    let summary = apply_run(&s.ctx(), &run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    assert_eq!((summary.state, summary.succeeded as usize), (RunState::Finished, people.len()));
    assert_each_once(&s.changed_since(since).await, &people);
    let detail = s.ledger.run_detail(&run_id).unwrap();
    assert!(detail.entries.iter().all(|e| e.state == EntryState::Done));
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_and_dropped_answers_still_apply_each_change_once() {
    let s = setup(500).await;
    let (run_id, people) = s.journal();
    let since = s.last_seq().await;
    // Drops happen after the change is applied: the client cannot know.
    crate::support::set_faults(
        &s.server,
        json!({"errorRate": 0.15, "dropRate": 0.2, "rateLimit": 60, "retryAfter": "mixed"}),
    )
    .await;
    let summary = apply_run(&s.ctx(), &run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    crate::support::set_faults(&s.server, json!({"errorRate": 0.0, "dropRate": 0.0, "rateLimit": 0})).await;
    assert_eq!((summary.state, summary.failed), (RunState::Finished, 0));
    assert_each_once(&s.changed_since(since).await, &people);
}

/// Every write's answer lost (the simulator applies the PATCH, then drops
/// the connection): each change is checked, found landed and recorded
/// once, not sent again and not left for an offline stop, and the audit
/// names the tracking id Webex logged for it, not an older one.
#[tokio::test(flavor = "multi_thread")]
async fn when_every_answer_is_lost_each_change_is_confirmed_with_the_tracking_id_webex_logged() {
    let s = setup(300).await;
    let (run_id, people) = s.journal();
    let since = s.last_seq().await;
    crate::support::set_faults(&s.server, json!({"writeDropRate": 1.0})).await;
    let summary = apply_run(&s.ctx(), &run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    crate::support::set_faults(&s.server, json!({"writeDropRate": 0.0})).await;
    assert_eq!((summary.state, summary.succeeded as usize, summary.failed), (RunState::Finished, people.len(), 0));
    assert_each_once(&s.changed_since(since).await, &people);
    let logged: HashMap<String, String> = crate::support::changes(&s.server, since)
        .await
        .into_iter()
        .filter(|c| c["path"].as_str().unwrap_or("").ends_with("/licenses/users"))
        .map(|c| (c["target"].as_str().unwrap().to_owned(), c["trackingId"].as_str().unwrap().to_owned()))
        .collect();
    let audited: HashMap<String, String> = s
        .ledger
        .audit(&s.org_id)
        .unwrap()
        .into_iter()
        .filter(|a| a.event.is_none())
        .map(|a| (a.person_id, a.tracking_id.expect("a tracking id")))
        .collect();
    assert_eq!(audited, logged);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_no_network_the_run_stops_as_offline_and_keeps_its_entries() {
    let s = setup(200).await;
    let (run_id, _) = s.journal();
    let total = s.ledger.open_entries(&run_id).unwrap().len();
    // Nothing listens on port 9 (discard) of loopback.
    let dead = WebexClient::new("http://127.0.0.1:9/v1", Arc::new(StaticToken("t".into())));
    let ctx = ApplyContext { client: &dead, ..s.ctx() };
    let error = apply_run(&ctx, &run_id, &|_| {}, &CancellationToken::new()).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Offline, "{error:?}");
    assert!(error.message.contains("nothing more was sent"));
    assert_eq!(s.ledger.run_summary(&run_id).unwrap().state, RunState::Interrupted);
    assert_eq!(s.ledger.open_entries(&run_id).unwrap().len(), total, "nothing lost, nothing queued silently");
}

/// Creates a person in `org_id` (no licenses) and makes them a direct
/// member of `group`; returns their id.
async fn new_member(s: &Setup, group: &str, email: &str) -> String {
    let token = crate::support::token(&s.server, "partner_full_admin", None).await.0;
    let base = s.server.base_url();
    let created = crate::support::post(
        &format!("{base}/people?orgId={}", s.org_id),
        &token,
        json!({"emails": [email], "displayName": "Nouvelle Recrue", "orgId": s.org_id}),
    )
    .await;
    assert_eq!(created.status, reqwest::StatusCode::OK, "{:?}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let added =
        crate::support::patch(&format!("{base}/groups/{group}"), &token, json!({"members": [{"id": id}]})).await;
    assert!(added.status.is_success(), "{:?}", added.body);
    id
}

async fn resync(s: &Setup) {
    let cancel = CancellationToken::new();
    hubdesk_core::sync::sync_org(&s.client, &s.store, &s.org_id, hubdesk_core::store::now_ms(), &|_| {}, &cancel)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn t2_t3_people_a_later_sync_finds_get_their_group_template_once() {
    let s = setup(400).await;
    let (group, _, license) = s.group_and_license();
    // Future users only (T4 unchecked): saving sends nothing.
    let scope = SaveScope { existing_users: false, preserve: true };
    let mode = Some(hubdesk_api::AssignmentMode::Group);
    let planned = plan_save(&s.store, &s.ledger, &s.org_id, &s.draft(&group, &license), scope, mode).unwrap();
    assert!(planned.preview.plan.users.is_empty());
    assert!(planned.commit(&s.store, &s.ledger, "admin").unwrap().is_none());

    // Nothing new yet: the first enforcement only takes the snapshot.
    assert!(journal_enforcement(&s.store, &s.ledger, &s.org_id, "admin").unwrap().is_none());
    let newcomer = new_member(&s, &group, "nouvelle.recrue@fjordby-logistik.example").await;
    resync(&s).await;
    let since = s.last_seq().await;
    let run =
        journal_enforcement(&s.store, &s.ledger, &s.org_id, "admin").unwrap().expect("the newcomer gets the template");
    assert_eq!(run.total, 1);
    let summary = apply_run(&s.ctx(), &run.run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    assert_eq!(summary.succeeded, 1);
    assert_each_once(&s.changed_since(since).await, std::slice::from_ref(&newcomer));
    let held = s.client.person(&newcomer).await.unwrap().licenses;
    assert!(held.iter().any(|l| s.pools.same(l, &license)));

    // The next sync finds nobody new: nothing is planned twice.
    resync(&s).await;
    assert!(journal_enforcement(&s.store, &s.ledger, &s.org_id, "admin").unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_206_partial_answer_is_recorded_with_what_was_refused() {
    let s = setup(300).await;
    let f = facts::load(&s.store, &s.org_id).unwrap().facts;
    let license = |name: &str| f.licenses.iter().find(|l| l.name == name).unwrap().clone();
    let (advanced, messenger) = (license("Advanced Messaging"), license("Messenger"));
    let person =
        f.people.iter().find(|p| p.active && !p.licenses.iter().any(|l| s.pools.same(l, &advanced.id))).unwrap();
    let add = |l: &hubdesk_rules::templates::LicenseFact| hubdesk_api::LicenseAdd {
        license_id: l.id.clone(),
        name: l.name.clone(),
        subscription_id: l.subscription_id.clone(),
        site_url: None,
        calling: None,
    };
    // Messenger is not user-manageable (400118): Webex adds the rest.
    let change = hubdesk_api::UserChange {
        person_id: person.id.clone(),
        email: person.email.clone(),
        display_name: person.display_name.clone(),
        add: vec![add(&advanced), add(&messenger)],
        remove: vec![],
        roles: vec![],
        issues: vec![],
        pending_first_sign_in: false,
    };
    let entry = hubdesk_core::ledger::NewEntry { change, grants: vec![], skip_reason: None };
    let run = s.ledger.create_run(&s.org_id, &hubdesk_api::RunAction::Enforced, "admin", &[entry], 1).unwrap();
    let summary = apply_run(&s.ctx(), &run.run_id, &|_| {}, &CancellationToken::new()).await.unwrap();
    assert_eq!((summary.state, summary.partial, summary.failed), (RunState::Finished, 1, 0));
    let detail = s.ledger.run_detail(&run.run_id).unwrap();
    let error = detail.entries[0].error.as_deref().unwrap();
    assert!(error.contains("refused part") && error.contains("Messenger") && !error.contains("Advanced"), "{error}");
    let held = s.client.person(&person.id).await.unwrap().licenses;
    assert!(held.iter().any(|l| s.pools.same(l, &advanced.id)), "the rest was applied");
    assert_eq!(s.ledger.audit(&s.org_id).unwrap()[0].outcome, EntryState::Partial);
}

#[tokio::test(flavor = "multi_thread")]
async fn t7_someone_who_moves_into_a_templated_group_gets_its_licenses_at_the_next_sync() {
    let s = setup(400).await;
    let (group, members, license) = s.group_and_license();
    let scope = SaveScope { existing_users: false, preserve: true };
    let mode = Some(hubdesk_api::AssignmentMode::Group);
    let planned = plan_save(&s.store, &s.ledger, &s.org_id, &s.draft(&group, &license), scope, mode).unwrap();
    assert!(planned.commit(&s.store, &s.ledger, "admin").unwrap().is_none());
    let f = facts::load(&s.store, &s.org_id).unwrap().facts;
    let mover = f
        .people
        .iter()
        .find(|p| !members.contains(&p.id) && !p.licenses.iter().any(|l| s.pools.same(l, &license)))
        .unwrap()
        .id
        .clone();
    let token = crate::support::token(&s.server, "partner_full_admin", None).await.0;
    let url = format!("{}/groups/{group}", s.server.base_url());
    let added = crate::support::patch(&url, &token, json!({"members": [{"id": mover}]})).await;
    assert!(added.status.is_success(), "{:?}", added.body);
    resync(&s).await;

    let run =
        journal_enforcement(&s.store, &s.ledger, &s.org_id, "admin").unwrap().expect("the mover gets the template");
    let detail = s.ledger.run_detail(&run.run_id).unwrap();
    assert_eq!(detail.entries.len(), 1);
    assert_eq!(detail.entries[0].person_id, mover);
    assert!(detail.entries[0].change.remove.is_empty(), "T7 with preserve on keeps what they had");
}
