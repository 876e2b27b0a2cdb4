//! The Meetings fixes past a save, through `Core` against the simulator
//! over HTTP: the license removed and assigned again through the apply
//! journal (S5), in order, once each, through a crash and a cancel between
//! the two; a site's session types from the cache; the Meetings tab when
//! Webex cannot be reached, and every write refused then.

use std::time::Duration;

use hubdesk_api::{ErrorCode, MeetingsRole, RunState};
use hubdesk_core::Core;
use serde_json::{json, Value};
use webex_sim::client::call;
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support;

const LICENSES_PATH: &str = "/v1/licenses/users";

struct Tenant {
    server: SimServer,
    core: Core,
    /// A customer full admin's token: the core is signed in with it.
    token: String,
    org: String,
    /// Sam Sessionless: hosts on `site` with the free type only (S1).
    sam: String,
    site: String,
    _dir: tempfile::TempDir,
}

async fn start() -> Tenant {
    let server = sim::start(SimConfig { seed: 5, people: 150, customers: 1, ..SimConfig::default() }).await.unwrap();
    let helpers = support::helpers(&server);
    let partner = helpers.token("partner_full_admin", None).await.unwrap();
    let orgs = call(reqwest::Method::GET, &format!("{}/organizations", server.base_url()), &partner.access_token, None)
        .await
        .unwrap();
    let org = orgs.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .find(|id| *id != partner.org_id)
        .expect("a customer");
    let token = helpers.token("customer_full_admin", Some(&org)).await.unwrap().access_token;
    let me = call(reqwest::Method::GET, &format!("{}/people/me", server.base_url()), &token, None).await.unwrap();
    let domain = me.body["emails"][0].as_str().unwrap().split('@').nth(1).unwrap().to_owned();
    let site = format!("{}.webex.com", domain.trim_end_matches(".example"));
    let dir = tempfile::tempdir().unwrap();
    let core = support::open_core(dir.path(), support::private_vault());
    core.sign_in_with_token(&server.base_url(), token.clone(), Duration::from_secs(10)).await.expect("signed in");
    Tenant { server, core, token, org, sam: format!("sam.sessionless@{domain}"), site, _dir: dir }
}

/// What the offline part of a test keeps once the simulator is gone.
struct Offline {
    org: String,
    sam: String,
    site: String,
}

impl Tenant {
    /// The license PATCHes the simulator took after the `since`th change.
    async fn license_patches(&self, since: u64) -> Vec<Value> {
        let changes = support::changes(&self.server, since).await;
        changes.into_iter().filter(|c| c["path"] == LICENSES_PATH).collect()
    }

    async fn last_seq(&self) -> u64 {
        support::helpers(&self.server).last_seq().await.unwrap()
    }

    async fn hosts(&self) -> bool {
        let view = self.core.meetings_show(None, &self.sam, None).await.unwrap();
        view.sites.iter().any(|s| s.site_url == self.site && matches!(s.role, MeetingsRole::Host { .. }))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_reassign_removes_then_assigns_the_license_once_each_in_order_audited_and_the_set_is_kept() {
    let t = start().await;
    let r = t.core.meetings_reassign_license(None, &t.sam, &t.site).await.unwrap();
    assert!(r.license_held && r.warning.is_none(), "{r:#?}");
    assert_eq!((r.run.state, r.run.succeeded, r.run.total), (RunState::Finished, 2, 2), "{r:#?}");
    assert_eq!(r.site_url, t.site);
    assert!(r.licenses.iter().any(|l| l == &r.license_name), "{r:#?}");

    // Both PATCHes reached Webex once each: the removal first, with the
    // tracking ids the run recorded.
    let patches = t.license_patches(0).await;
    assert_eq!(patches.len(), 2, "{patches:#?}");
    assert!(patches[0]["summary"].as_str().unwrap().starts_with('-'), "{patches:#?}");
    assert!(patches[1]["summary"].as_str().unwrap().starts_with('+'), "{patches:#?}");
    let sent: Vec<&str> = patches.iter().map(|p| p["trackingId"].as_str().unwrap()).collect();
    assert_eq!(sent, r.tracking_ids, "the ids Webex saw, in order");

    // Each in the audit log, naming the site, with its tracking id.
    let audit = t.core.audit_list(&t.org).unwrap();
    let mut lines: Vec<(String, String)> = audit
        .iter()
        .filter(|a| a.email == t.sam)
        .map(|a| (a.summary.clone(), a.tracking_id.clone().unwrap_or_default()))
        .collect();
    lines.reverse(); // oldest first
    assert_eq!(lines.len(), 2, "{audit:#?}");
    assert!(lines[0].0.starts_with('−') && lines[0].0.contains(&t.site), "{lines:?}");
    assert!(lines[1].0.starts_with('+') && lines[1].0.contains(&t.site), "{lines:?}");
    assert_eq!(vec![lines[0].1.as_str(), lines[1].1.as_str()], sent);

    // What the confirmation says: the user's set is not reset to the site's
    // defaults, it comes back as it was (Sam had the free type only).
    let held: Vec<String> = r.session_types.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(held, ["1"]);
    let d = t.core.meetings_diagnose(None, &t.sam, Some(&t.site), None).await.unwrap();
    let notice = d.reassign.expect("Sam hosts there");
    assert!(notice.text.contains("not reset") && notice.site_url == t.site, "{notice:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_a_crash_or_a_cancel_between_removal_and_assignment_is_resumed_and_the_license_comes_back_once() {
    let t = start().await;

    // A crash: the removal was marked in flight and reached Webex, then
    // hubdesk died before recording the answer.
    let run = t.core.meetings_reassign_journal(None, &t.sam, &t.site).await.unwrap();
    let open = t.core.ledger.open_entries(&run.run_id).unwrap();
    assert_eq!(open.len(), 2);
    let removal = &open[0].change;
    assert_eq!((removal.remove.len(), removal.add.len()), (1, 0), "the removal goes first");
    t.core.ledger.mark_in_flight(&run.run_id, open[0].seq, "HUBDESK_crashed").unwrap();
    let body = json!({
        "personId": removal.person_id,
        "orgId": t.org,
        "licenses": [{"id": removal.remove[0].license_id, "operation": "remove"}],
    });
    let sent = support::patch(&format!("{}/licenses/users", t.server.base_url()), &t.token, body).await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    assert!(!t.hosts().await, "the crash left Sam without the license");

    // Running the re-assign again resumes that run: the entry in flight is
    // checked (nothing sent again), then the license is assigned.
    let r = t.core.meetings_reassign_license(None, &t.sam, &t.site).await.unwrap();
    assert_eq!(r.run.run_id, run.run_id, "the unfinished run was resumed, not a new one made");
    assert!(r.license_held && r.warning.is_none(), "{r:#?}");
    assert_eq!(r.run.state, RunState::Finished);
    let patches = t.license_patches(0).await;
    let summaries: Vec<char> = patches.iter().map(|p| p["summary"].as_str().unwrap().chars().next().unwrap()).collect();
    assert_eq!(summaries, ['-', '+'], "one removal (before the crash), one assignment: {patches:#?}");
    assert!(t.hosts().await);

    // A cancel once the removal is answered: the assignment is not sent...
    let since = t.last_seq().await;
    let cancel_after_first = |p: hubdesk_api::RunProgress| {
        if p.done == 1 && p.state == RunState::Running {
            t.core.run_cancel(&p.run_id);
        }
    };
    let r = t.core.meetings_reassign_license_reporting(None, &t.sam, &t.site, &cancel_after_first).await.unwrap();
    assert_eq!(r.run.state, RunState::Interrupted, "{r:#?}");
    assert!(!r.license_held, "{r:#?}");
    let warning = r.warning.expect("said loudly");
    assert!(warning.contains("cannot host or schedule") && warning.contains("Resume"), "{warning}");
    assert_eq!(t.license_patches(since).await.len(), 1, "only the removal went");

    // ...until the run is resumed (History's Resume): then once.
    let resumed = t.core.run_apply(&r.run.run_id, &|_| {}).await.unwrap();
    assert_eq!((resumed.state, resumed.succeeded), (RunState::Finished, 2));
    let patches = t.license_patches(since).await;
    let summaries: Vec<char> = patches.iter().map(|p| p["summary"].as_str().unwrap().chars().next().unwrap()).collect();
    assert_eq!(summaries, ['-', '+'], "{patches:#?}");
    assert!(t.hosts().await);
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_a_user_webex_would_not_give_the_license_back_to_is_refused_before_anything_is_sent() {
    let t = start().await;
    let bea = t.sam.replace("sam.sessionless", "bea.basic");
    let err = t.core.meetings_reassign_license(None, &bea, &t.site).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("no paid Meetings license") && err.message.contains("Nothing was changed"), "{err:?}");
    assert!(t.license_patches(0).await.is_empty());
    assert!(t.core.runs_list(&t.org).unwrap().is_empty(), "nothing journaled");
}

#[tokio::test(flavor = "multi_thread")]
async fn site_types_come_from_the_cache_and_offline_the_tab_answers_from_it_while_writes_are_refused() {
    let t = start().await;
    t.core.sync_org(&t.org, &|_| {}).await.unwrap();

    // The cache has the site: its types are read from there (a name only
    // the cache has shows), the user's set still live.
    let synced = t.core.store.cached_session_types(&t.org, &t.site).unwrap().expect("synced");
    let mut renamed = synced.clone();
    renamed.iter_mut().filter(|ty| ty.id == "3").for_each(|ty| ty.name = "Pro Meeting (as synced)".into());
    t.core.store.replace_session_types(&t.org, &[(t.site.clone(), renamed)]).unwrap();
    let view = t.core.meetings_show(None, &t.sam, Some(&t.site)).await.unwrap();
    let rows: Vec<(&str, Option<bool>)> =
        view.sites[0].types.iter().map(|r| (r.session_type.name.as_str(), r.enabled)).collect();
    assert_eq!(rows[1], ("Pro Meeting (as synced)", Some(false)), "{rows:?}");
    assert_eq!(rows[0].1, Some(true), "the user's set, read live");
    assert!(view.sites[0].unread.is_none());
    let d = t.core.meetings_diagnose(None, &t.sam, Some(&t.site), None).await.unwrap();
    assert!(d.checks.iter().any(|c| c.evidence.contains("Pro Meeting (as synced)")), "{d:#?}");

    // Webex can no longer be reached.
    let Tenant { server, core, org, sam, site, _dir, .. } = t;
    server.shutdown().await;
    let t = Offline { org, sam, site };
    let core = &core;

    let view = core.meetings_show(None, &t.sam, None).await.expect("answered from the cache");
    let site = view.sites.iter().find(|s| s.site_url == t.site).unwrap();
    assert!(matches!(site.role, MeetingsRole::Host { .. }), "{site:?}");
    assert_eq!(site.types.len(), 3);
    assert!(site.types.iter().all(|r| r.enabled.is_none()), "the user's set is unknown, not off");
    let unread = site.unread.as_deref().unwrap();
    assert!(unread.contains("offline") && unread.contains(&t.sam) && unread.contains("last sync"), "{unread}");
    assert_eq!(view.email, t.sam);

    // Writes are refused as offline, never queued.
    let set = core.meetings_set(None, &t.sam, &t.site, &["1".into(), "3".into()]).await.unwrap_err();
    assert_eq!(set.code, ErrorCode::Offline, "{set:?}");
    assert!(set.message.contains("nothing was saved"), "{}", set.message);
    let refresh = core.meetings_force_refresh(None, &t.sam, &t.site).await.unwrap_err();
    assert_eq!(refresh.code, ErrorCode::Offline);
    let reassign = core.meetings_reassign_license(None, &t.sam, &t.site).await.unwrap_err();
    assert_eq!(reassign.code, ErrorCode::Offline);
    assert!(core.runs_list(&t.org).unwrap().is_empty(), "nothing journaled offline");

    // Someone the cache does not have: said so.
    let nobody = t.sam.replace("sam.sessionless", "nobody.here");
    let err = core.meetings_show(None, &nobody, None).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Offline);
    assert!(err.message.contains("nobody.here"), "{}", err.message);
}
