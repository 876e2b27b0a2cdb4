//! Calling fixes through `Core`, against the simulator over HTTP (C1, C4,
//! C6, C7, C8): for each reason of the report a user is fixed (previewed
//! from the cache, journaled, sent), the change shows once in
//! `/_sim/changes`, and after a sync the report no longer has that user
//! for that reason. A reprovision needs the typed confirmation; a cancelled
//! run resumes sending each change once.

use std::collections::HashMap;
use std::time::Duration;

use hubdesk_api::{
    ApplyRequest, AssignmentMode, CallingFix, CallingFixAsk, CallingFixSkipReason, CallingReason, CallingReport,
    EntryState, ErrorCode, RunAction, RunState, SaveScope, TemplateDraft,
};
use hubdesk_core::ledger::CallingRequest;
use hubdesk_core::Core;
use webex_sim::{self as sim, SimConfig, SimServer};

struct Setup {
    server: SimServer,
    core: Core,
    org_id: String,
    _dir: tempfile::TempDir,
}

async fn setup(people: usize) -> Setup {
    let server = sim::start(SimConfig { seed: 11, people, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = crate::support::token(&server, "partner_full_admin", None).await.0;
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_with_token(&server.base_url(), token, Duration::from_secs(30)).await.unwrap();
    let client = core.client().await.unwrap();
    let me = client.me().await.unwrap();
    let org_id = client.organizations().await.unwrap().into_iter().find(|o| o.id != me.org_id).unwrap().id;
    core.sync_org(&org_id, &|_| {}).await.unwrap();
    Setup { server, core, org_id, _dir: dir }
}

impl Setup {
    async fn last_seq(&self) -> u64 {
        crate::support::helpers(&self.server).last_seq().await.unwrap()
    }

    /// The simulator's writes since `since`, per target: (method, path) in order.
    async fn writes_since(&self, since: u64) -> HashMap<String, Vec<(String, String)>> {
        let mut by_target: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for c in crate::support::changes(&self.server, since).await {
            let (method, path) = (c["method"].as_str().unwrap(), c["path"].as_str().unwrap());
            let summary = c["summary"].as_str().unwrap_or("");
            by_target.entry(c["target"].as_str().unwrap().to_owned()).or_default().push((
                method.to_owned(),
                format!("{} {summary}", path.rsplit('/').take(2).collect::<Vec<_>>().join("<")),
            ));
        }
        by_target
    }

    fn report(&self) -> CallingReport {
        self.core.calling_diagnose(&self.org_id).unwrap()
    }

    /// A Calling-enabled location's free numbers, not the report's suggestions.
    fn free_numbers(&self, count: usize) -> (String, Vec<String>) {
        let locations = self.core.calling_locations(&self.org_id).unwrap();
        let at = locations.iter().filter(|l| l.calling_enabled).max_by_key(|l| l.free_total).unwrap();
        let taken: Vec<String> = self
            .report()
            .users
            .iter()
            .filter_map(|u| u.evidence.number.clone())
            .chain(self.report().mismatches.iter().filter_map(|m| m.work_number.clone()))
            .collect();
        let free: Vec<String> = at.free_numbers.iter().filter(|n| !taken.contains(n)).take(count).cloned().collect();
        assert_eq!(free.len(), count, "{} has enough free numbers", at.name);
        (at.id.clone(), free)
    }

    /// Applies a preview and waits for its run (and the sync after it).
    async fn apply(&self, preview_id: &str, typed: Option<&str>) -> hubdesk_api::RunSummary {
        let request = ApplyRequest { preview_id: preview_id.to_owned(), typed_confirmation: typed.map(str::to_owned) };
        let run = self.core.calling_fix_journal(&request).await.unwrap().expect("something to send");
        self.core.run_apply(&run.run_id, &|_| {}).await.unwrap()
    }
}

fn ask(person_id: &str, fix: Option<CallingFix>) -> CallingFixAsk {
    CallingFixAsk { person_id: person_id.to_owned(), fix }
}

/// C1, C4: one user per reason, each fixed once, each clean after a sync.
#[tokio::test(flavor = "multi_thread")]
async fn every_reason_is_fixed_once_and_the_report_is_clean_for_that_user_after_a_sync() {
    let s = setup(700).await;
    let report = s.report();
    let first = |reason: CallingReason, pick: &dyn Fn(&hubdesk_api::CallingUser) -> bool| {
        report.users.iter().find(|u| u.reason == reason && pick(u)).unwrap_or_else(|| panic!("{reason:?} is seeded"))
    };
    let eligible = first(CallingReason::Eligible, &|u| u.suggested_fix.is_some());
    let Some(CallingFix::AssignCalling { license_id, .. }) = eligible.suggested_fix.clone() else {
        panic!("eligible: Calling at the number's location, {:?}", eligible.suggested_fix)
    };
    let not_e164 = first(CallingReason::NotE164, &|u| u.suggested_fix.is_some());
    let (location, numbers) = s.free_numbers(4);
    let chosen = |n: usize| {
        Some(CallingFix::AssignCalling {
            license_id: license_id.clone(),
            location_id: location.clone(),
            phone_number: Some(numbers[n].clone()),
            extension: None,
        })
    };
    // Users without a location (the demo's) have no suggestion: the admin picks.
    let others = [
        CallingReason::NoWorkNumber,
        CallingReason::NotInInventory,
        CallingReason::NumberTaken,
        CallingReason::LocationNotCalling,
    ]
    .map(|r| first(r, &|_| true));
    let mut asks = vec![ask(&eligible.person_id, None), ask(&not_e164.person_id, None)];
    for (n, user) in others.iter().enumerate() {
        asks.push(ask(&user.person_id, chosen(n)));
    }
    let preview = s.core.calling_fix_preview(&s.org_id, &asks).unwrap();
    assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
    assert_eq!(preview.changes.len(), 6);
    assert_eq!(preview.calling_confirmation, None, "nothing removes Calling");
    assert_eq!(preview.changes[1].fix, not_e164.suggested_fix.clone().unwrap());
    assert_eq!(preview.changes[0].reason, Some(CallingReason::Eligible));

    let since = s.last_seq().await;
    let run = s.apply(&preview.preview_id, None).await;
    assert_eq!((run.state, run.succeeded, run.failed), (RunState::Finished, 6, 0));
    let writes = s.writes_since(since).await;
    let CallingFix::SetWorkNumber { number } = not_e164.suggested_fix.clone().unwrap() else { unreachable!() };
    assert_eq!(writes[&not_e164.person_id].len(), 1, "one PUT: {:?}", writes[&not_e164.person_id]);
    assert_eq!(writes[&not_e164.person_id][0].0, "PUT");
    for user in std::iter::once(eligible).chain(others.iter().copied()) {
        let sent = &writes[&user.person_id];
        assert_eq!(sent.len(), 1, "{:?}: {sent:?}", user.reason);
        assert!(sent[0].1.starts_with("users<licenses"), "{sent:?}");
    }

    // The run synced the org again: the report is clean for each user.
    let after = s.report();
    let reason_of = |id: &str| after.users.iter().find(|u| u.person_id == id).map(|u| u.reason);
    for user in std::iter::once(eligible).chain(others.iter().copied()) {
        assert_eq!(reason_of(&user.person_id), None, "{:?} now has Calling", user.reason);
    }
    let fixed = after.users.iter().find(|u| u.person_id == not_e164.person_id).unwrap();
    assert_ne!(fixed.reason, CallingReason::NotE164);
    assert_eq!(fixed.evidence.number.as_deref(), Some(number.as_str()));
    let audit = s.core.audit_list(&s.org_id).unwrap();
    assert_eq!(audit.len(), 6);
    assert!(audit.iter().all(|a| a.tracking_id.as_deref().is_some_and(|t| t.starts_with("HUBDESK_"))));
    assert!(audit.iter().any(|a| a.summary.contains(&format!("→ {number}"))), "{audit:?}");

    // Previewed again, the same fixes send nothing; with no fix given there
    // is no suggestion left to take.
    let same = [
        ask(&eligible.person_id, eligible.suggested_fix.clone()),
        ask(&not_e164.person_id, not_e164.suggested_fix.clone()),
    ];
    let again = s.core.calling_fix_preview(&s.org_id, &same).unwrap();
    assert!(again.changes.is_empty());
    let suggested = s.core.calling_fix_preview(&s.org_id, &asks[..1]).unwrap();
    assert_eq!(suggested.skipped[0].why, CallingFixSkipReason::NoSuggestion);
    assert_eq!(
        again.skipped.iter().map(|k| k.why).collect::<Vec<_>>(),
        [CallingFixSkipReason::HasCalling, CallingFixSkipReason::Unchanged]
    );
}

/// Every write's answer lost (the simulator applies it, then drops the
/// connection): each fix is checked, found landed and recorded once, not
/// sent again, and its audit line names the tracking id Webex logged.
#[tokio::test(flavor = "multi_thread")]
async fn when_every_answer_is_lost_each_fix_is_confirmed_with_the_tracking_id_webex_logged() {
    let s = setup(300).await;
    let report = s.report();
    let asks: Vec<CallingFixAsk> = [CallingReason::Eligible, CallingReason::NotE164]
        .iter()
        .map(|&reason| report.users.iter().find(|u| u.reason == reason && u.suggested_fix.is_some()).unwrap())
        .map(|u| ask(&u.person_id, None))
        .collect();
    let preview = s.core.calling_fix_preview(&s.org_id, &asks).unwrap();
    assert_eq!(preview.changes.len(), 2, "{:?}", preview.skipped);
    let since = s.last_seq().await;
    crate::support::set_faults(&s.server, serde_json::json!({"writeDropRate": 1.0})).await;
    let run = s.apply(&preview.preview_id, None).await;
    crate::support::set_faults(&s.server, serde_json::json!({"writeDropRate": 0.0})).await;
    assert_eq!((run.state, run.succeeded, run.failed), (RunState::Finished, 2, 0));
    let logged: HashMap<String, Vec<String>> =
        crate::support::changes(&s.server, since).await.into_iter().fold(HashMap::new(), |mut by, c| {
            let target = c["target"].as_str().unwrap().to_owned();
            by.entry(target).or_default().push(c["trackingId"].as_str().unwrap().to_owned());
            by
        });
    let audited: HashMap<String, Vec<String>> = s
        .core
        .audit_list(&s.org_id)
        .unwrap()
        .into_iter()
        .map(|a| (a.person_id, vec![a.tracking_id.expect("a tracking id")]))
        .collect();
    assert_eq!(audited, logged, "one write each, audited with its own tracking id");
}

/// C7, C8: a reprovision removes Calling, so it needs the typed
/// confirmation; without it nothing is sent, with it the removal then the
/// assignment go once each, in order.
#[tokio::test(flavor = "multi_thread")]
async fn c7_reprovision_needs_the_typed_confirmation_then_removes_and_assigns_once_in_order() {
    let s = setup(700).await;
    let report = s.report();
    assert_eq!(report.mismatches.len(), 2, "{:?}", report.mismatches);
    let m = report.mismatches.iter().find(|m| m.suggested_fix.is_some()).expect("a mismatch with a free number");
    assert!(report.mismatches.iter().any(|m| m.suggested_fix.is_none()), "one whose number is in no inventory");
    let Some(CallingFix::Reprovision { phone_number, .. }) = m.suggested_fix.clone() else { panic!() };
    assert_eq!(m.work_number.as_deref(), Some(phone_number.as_str()));
    assert_ne!(m.calling_number, m.work_number);

    let preview = s.core.calling_fix_preview(&s.org_id, &[ask(&m.person_id, None)]).unwrap();
    let expected = preview.calling_confirmation.clone().expect("C8");
    assert_eq!(expected, "remove calling from 1 user", "the templates' wording");
    let since = s.last_seq().await;
    for typed in [None, Some("yes")] {
        let request =
            ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: typed.map(Into::into) };
        let refused = s.core.calling_fix_journal(&request).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::ConfirmationRequired);
    }
    assert!(s.writes_since(since).await.is_empty(), "nothing sent without the confirmation");
    assert!(s.core.runs_list(&s.org_id).unwrap().is_empty(), "nothing journaled");

    let run = s.apply(&preview.preview_id, Some(&expected.to_uppercase())).await;
    assert_eq!((run.state, run.total, run.succeeded), (RunState::Finished, 2, 2));
    let sent = &s.writes_since(since).await[&m.person_id];
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|(method, _)| method == "PATCH"));
    let after = s.report();
    assert!(after.mismatches.iter().all(|x| x.person_id != m.person_id), "{:?}", after.mismatches);
    assert!(after.users.iter().all(|u| u.person_id != m.person_id), "still has Calling");
    let detail = s.core.run_detail(&run.run_id).unwrap();
    assert!(detail.entries.iter().all(|e| e.state == EntryState::Done));
    let audit = s.core.audit_list(&s.org_id).unwrap();
    assert!(
        audit[1].summary.contains("removed to reprovision") && audit[0].summary.contains("given again"),
        "{audit:?}"
    );
}

/// A cancelled run, resumed, sends each change once; an answer lost after
/// its PUT landed is checked, not sent again.
#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_run_resumes_and_sends_each_change_once() {
    let s = setup(1500).await;
    let report = s.report();
    let fixes: Vec<CallingFixAsk> = report
        .users
        .iter()
        .filter(|u| {
            matches!(u.suggested_fix, Some(CallingFix::SetWorkNumber { .. }) | Some(CallingFix::AssignCalling { .. }))
        })
        .map(|u| ask(&u.person_id, None))
        .collect();
    assert!(fixes.len() > 20, "a run worth cancelling: {}", fixes.len());
    let preview = s.core.calling_fix_preview(&s.org_id, &fixes).unwrap();
    let planned: Vec<String> = preview.changes.iter().map(|c| c.person_id.clone()).collect();
    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: None };
    let run_id = s.core.calling_fix_journal(&request).await.unwrap().unwrap().run_id;
    let since = s.last_seq().await;
    let stop_after = planned.len() as u32 / 3;
    let core = &s.core;
    let first = core
        .run_apply(&run_id, &|p| {
            if p.done >= stop_after {
                core.run_cancel(&p.run_id);
            }
        })
        .await
        .unwrap();
    assert_eq!(first.state, RunState::Interrupted);
    assert!((first.succeeded as usize) < planned.len(), "the cancel stopped the run early");

    // What a crash between send and record leaves: a work number entry
    // marked in flight, its PUT landed, no answer recorded.
    let lost = s
        .core
        .ledger
        .calling_steps(&run_id)
        .unwrap()
        .into_iter()
        .find(|e| e.state == EntryState::Pending && matches!(e.step.request, CallingRequest::SetWorkNumber { .. }));
    let lost = lost.expect("a work number left to send");
    let CallingRequest::SetWorkNumber { number } = &lost.step.request else { unreachable!() };
    s.core.ledger.mark_in_flight(&run_id, lost.seq, "HUBDESK_lost").unwrap();
    let token = crate::support::token(&s.server, "partner_full_admin", None).await.0;
    let url = format!("{}/people/{}?callingData=true", s.server.base_url(), lost.step.person_id);
    let mut person = webex_sim::client::call(reqwest::Method::GET, &url, &token, None).await.unwrap().body;
    person["phoneNumbers"] = serde_json::json!([{"type": "work", "value": number}]);
    let put = webex_sim::client::call(reqwest::Method::PUT, &url, &token, Some(person)).await.unwrap();
    assert!(put.status.is_success(), "{:?}", put.body);

    let resumed = s.core.run_apply(&run_id, &|_| {}).await.unwrap();
    assert_eq!((resumed.state, resumed.succeeded as usize), (RunState::Finished, planned.len()));
    let audit = s.core.audit_list(&s.org_id).unwrap();
    let checked = audit.iter().find(|a| a.person_id == lost.step.person_id).unwrap();
    assert_eq!(checked.tracking_id.as_deref(), Some("HUBDESK_lost"), "checked, confirmed, audited, not sent again");
    let writes = s.writes_since(since).await;
    for id in &planned {
        assert_eq!(writes.get(id).map(Vec::len), Some(1), "{id}: {:?}", writes.get(id));
    }
    let unexpected: Vec<&String> = writes.keys().filter(|k| !planned.contains(k)).collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
}

/// C6: without a Calling template there is nothing to re-apply, and the
/// admin is told what to do.
#[tokio::test(flavor = "multi_thread")]
async fn c6_without_a_calling_template_the_reapply_preview_says_so() {
    let s = setup(200).await;
    let e = s.core.calling_template_preview(&s.org_id).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("no template that gives a Calling license"), "{}", e.message);
}

/// C6: the org's Calling template applied again to the users it covers who
/// have no Calling yet, and only to them, as a templates preview.
#[tokio::test(flavor = "multi_thread")]
async fn c6_the_calling_template_is_reapplied_only_to_covered_users_without_calling() {
    let s = setup(700).await;
    let view = s.core.templates_set_mode(&s.org_id, AssignmentMode::Group).await.unwrap();
    let group = view.groups.iter().filter(|g| g.eligible).max_by_key(|g| g.member_count).unwrap();
    let pro = view.licenses.iter().find(|l| l.name == "Webex Calling - Professional").unwrap().id.clone();
    let draft = TemplateDraft {
        id: None,
        name: "Phones".into(),
        group_id: Some(group.id.clone()),
        licenses: vec![pro.clone()],
        meetings: vec![],
    };
    // Saved for new users only: nobody is changed yet.
    let saved = s.core.templates_preview_save(&s.org_id, &draft, SaveScope { existing_users: false, preserve: true });
    let request = ApplyRequest { preview_id: saved.unwrap().preview_id, typed_confirmation: None };
    assert!(s.core.templates_commit(&request).await.unwrap().is_none());

    let without: Vec<String> = s.report().users.iter().map(|u| u.person_id.clone()).collect();
    let preview = s.core.calling_template_preview(&s.org_id).unwrap();
    let gaining: Vec<&str> =
        preview.plan.users.iter().filter(|u| !u.add.is_empty()).map(|u| u.person_id.as_str()).collect();
    assert!(!gaining.is_empty(), "eligible members get Calling");
    assert!(preview.plan.users.iter().all(|u| without.contains(&u.person_id)), "C6: only users without Calling");
    assert!(preview.plan.users.iter().all(|u| u.remove.is_empty()) && preview.calling_confirmation.is_none());
    let since = s.last_seq().await;
    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: None };
    let run = s.core.templates_commit(&request).await.unwrap().expect("a run");
    // History says what happened: the template applied again, not saved.
    assert_eq!(run.action, RunAction::CallingTemplateReapplied { template_name: "Phones".into() });
    let done = s.core.run_apply(&run.run_id, &|_| {}).await.unwrap();
    assert_eq!((done.state, done.failed), (RunState::Finished, 0));
    let writes = s.writes_since(since).await;
    assert_eq!(writes.len(), gaining.len());
    assert!(gaining.iter().all(|id| writes[*id].len() == 1));
    s.core.sync_org(&s.org_id, &|_| {}).await.unwrap();
    let after = s.report();
    assert!(gaining.iter().all(|id| after.users.iter().all(|u| u.person_id != *id)), "they have Calling now");
}
