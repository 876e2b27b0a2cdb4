//! Meetings session types through `Core` against the demo tenant's named
//! people (rules S1–S5, T16): each cause is named, the S1 fix makes the
//! diagnosis pass and is audited, and bad input changes nothing.

use hubdesk_api::{Cause, CheckName, CheckStatus, ErrorCode, MeetingsRole};
use hubdesk_core::Core;

const DOMAIN: &str = "fjordby-logistik.example";
const SITE: &str = "fjordby-logistik.webex.com";

async fn signed_in() -> (tempfile::TempDir, Core, String) {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_demo().await.expect("demo sign-in");
    let org = core.list_orgs().unwrap().into_iter().find(|o| o.display_name.starts_with("Fjordby")).unwrap().id;
    (dir, core, org)
}

fn who(local: &str) -> String {
    format!("{local}@{DOMAIN}")
}

#[tokio::test(flavor = "multi_thread")]
async fn each_seeded_cause_is_named_and_the_s1_fix_passes_and_is_audited() {
    let (_dir, core, org) = signed_in().await;
    let cases = [
        ("sam.sessionless", Cause::PaidTypesMissing),
        ("otto.othersite", Cause::LicenseOnOtherSite),
        ("bea.basic", Cause::BasicMeetingsOnly),
        ("ada.attendee", Cause::AttendeeOnly),
        ("nils.neversigned", Cause::NeverSignedIn),
    ];
    for (local, cause) in cases {
        let d = core.meetings_diagnose(Some(&org), &who(local), None, None).await.unwrap();
        assert_eq!(d.verdict, Some(cause), "{local}: {d:#?}");
        assert_eq!(d.site_url, SITE, "{local}: the site with the problem comes first");
    }

    // rule S1: Sam hosts on the site with the free type only.
    let view = core.meetings_show(Some(&org), &who("sam.sessionless"), None).await.unwrap();
    let site = view.sites.iter().find(|s| s.site_url == SITE).unwrap();
    assert!(matches!(site.role, MeetingsRole::Host { .. }) && site.unread.is_none());
    let enabled: Vec<(&str, bool, Option<bool>)> =
        site.types.iter().map(|r| (r.session_type.short_name.as_str(), r.paid, r.enabled)).collect();
    assert_eq!(enabled, [("FRE", false, Some(true)), ("PRO", true, Some(false)), ("PRV", true, Some(false))]);

    // rule S2: the whole set goes (ids or short names), and is read back (S5).
    let saved = core
        .meetings_set(Some(&org), &who("sam.sessionless"), SITE, &["1".into(), "pro".into(), "PRV".into()])
        .await
        .unwrap();
    assert!(saved.check.matches(), "{saved:?}");
    assert_eq!(saved.check.read_back, ["1", "3", "11"]);
    let d = core.meetings_diagnose(Some(&org), &who("sam.sessionless"), Some(SITE), Some(&saved.check)).await.unwrap();
    assert!(d.passes(), "{d:#?}");
    let saved_check = d.checks.iter().find(|c| c.name == CheckName::SavedToSite).unwrap();
    assert_eq!(saved_check.status, CheckStatus::Pass);
    assert_eq!(d.user_message.len(), 4);

    // Every save is in the audit log with its tracking id.
    let audit = core.audit_list(&org).unwrap();
    let entry = audit.iter().find(|a| a.email == who("sam.sessionless")).expect("audited");
    assert_eq!(entry.tracking_id.as_deref(), Some(saved.tracking_id.as_str()));
    assert!(entry.summary.contains(SITE) && entry.summary.contains("1,3,11"), "{}", entry.summary);

    // rule S5: off, save, on, save; both answers kept, the set ends whole.
    let steps = core.meetings_force_refresh(Some(&org), &who("sam.sessionless"), SITE).await.unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].check.read_back, ["1"]);
    assert_eq!(steps[1].check.read_back, ["1", "3", "11"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_with_a_sentence_and_changes_nothing() {
    let (_dir, core, org) = signed_in().await;
    let unknown = core.meetings_show(Some(&org), &who("nobody.here"), None).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert!(unknown.message.contains("nobody.here"), "{}", unknown.message);
    let before = core.meetings_show(Some(&org), &who("sam.sessionless"), Some(SITE)).await.unwrap();
    let bad_type = core.meetings_set(Some(&org), &who("sam.sessionless"), SITE, &["WBN".into()]).await.unwrap_err();
    assert_eq!(bad_type.code, ErrorCode::InvalidInput);
    assert!(bad_type.message.contains("WBN") && bad_type.message.contains("Pro Meeting"), "{}", bad_type.message);
    let not_on = core.meetings_set(Some(&org), &who("bea.basic"), SITE, &["3".into()]).await.unwrap_err();
    assert_eq!(not_on.code, ErrorCode::InvalidInput, "{}", not_on.message);
    let attendee = core.meetings_set(Some(&org), &who("ada.attendee"), SITE, &["3".into()]).await.unwrap_err();
    assert!(attendee.message.contains("no paid Meetings license"), "{}", attendee.message);
    let after = core.meetings_show(Some(&org), &who("sam.sessionless"), Some(SITE)).await.unwrap();
    assert_eq!(before, after, "nothing changed");
    assert!(core.audit_list(&org).unwrap().is_empty(), "nothing audited");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_enable_fix_adds_only_the_missing_paid_types_and_offers_every_site() {
    let (_dir, core, org) = signed_in().await;
    let sam = who("sam.sessionless");
    let d = core.meetings_diagnose(Some(&org), &sam, None, None).await.unwrap();
    assert!(d.sites.iter().any(|s| s == SITE), "the diagnosed site is among those offered: {:?}", d.sites);
    assert_eq!(d.sites.iter().filter(|s| s.eq_ignore_ascii_case(SITE)).count(), 1, "each site once: {:?}", d.sites);

    // rule S1, S2: the set sent is the free type Sam had plus every paid one.
    let saved = core.meetings_enable_missing(Some(&org), &sam, SITE).await.unwrap();
    assert_eq!(saved.check.sent, ["1", "3", "11"]);
    assert!(saved.check.matches(), "{saved:?}");
    let d = core.meetings_diagnose(Some(&org), &sam, Some(SITE), Some(&saved.check)).await.unwrap();
    assert_eq!(d.verdict, None, "{d:#?}");

    // Someone without a paid license on the site gets a sentence, not a PUT.
    let refused = core.meetings_enable_missing(Some(&org), &who("bea.basic"), SITE).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput, "{}", refused.message);
    assert_eq!(core.audit_list(&org).unwrap().len(), 1, "only Sam's save is audited");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_org_sites_and_their_types_come_from_the_cache() {
    let (_dir, core, org) = signed_in().await;
    core.sync_org(&org, &|_| {}).await.unwrap();
    let sites = core.meetings_sites(&org).unwrap();
    let site = sites.iter().find(|s| s.site_url == SITE).expect("the org's main site");
    let types: Vec<(&str, bool, Option<bool>)> =
        site.types.iter().map(|r| (r.session_type.short_name.as_str(), r.paid, r.enabled)).collect();
    // rule S1: the free type told apart; no user's set is involved.
    assert_eq!(types, [("FRE", false, None), ("PRO", true, None), ("PRV", true, None)]);
}
