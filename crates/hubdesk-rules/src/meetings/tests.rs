//! The Meetings rules by name: S1–S5 and T16.

use super::check::Facts;
use super::*;

const SITE: &str = "acme.webex.com";
const OTHER: &str = "acme-events.webex.com";

fn st(id: &str, short: &str, name: &str) -> SessionType {
    SessionType { id: id.into(), short_name: short.into(), name: name.into(), kind: "meeting".into() }
}

fn site_types() -> Vec<SessionType> {
    vec![st("1", "FRE", "Free Meeting (40 minutes)"), st("3", "PRO", "Pro Meeting"), st("11", "PRV", "Private Meeting")]
}

fn license(name: &str, site: Option<&str>) -> HeldLicense {
    HeldLicense { id: format!("id-{name}-{site:?}"), name: name.into(), site_url: site.map(Into::into) }
}

fn basic() -> Vec<HeldLicense> {
    vec![license("Messaging", None), license("Basic Meetings", None)]
}

fn host_on(site: &str) -> PersonFacts {
    let mut licenses = basic();
    licenses.push(license("Meeting - Webex Meeting Center", Some(site)));
    PersonFacts { login_enabled: true, invite_pending: false, licenses, site_urls: vec![site.into()] }
}

fn run(person: &PersonFacts, user: Option<&[SessionType]>, save: Option<&SaveCheck>) -> Diagnosis {
    let types = site_types();
    diagnose(Facts { person, site_url: SITE, site_types: Some(&types), user_types: user, last_save: save })
}

fn status(d: &Diagnosis, name: CheckName) -> CheckStatus {
    d.checks.iter().find(|c| c.name == name).unwrap().status
}

#[test]
fn s1_a_host_with_the_free_type_only_lacks_the_paid_ones() {
    let free = vec![site_types()[0].clone()];
    let d = run(&host_on(SITE), Some(&free), None);
    assert_eq!(d.verdict, Some(Cause::PaidTypesMissing));
    let check = d.checks.iter().find(|c| c.name == CheckName::PaidTypesEnabled).unwrap();
    assert_eq!(check.status, CheckStatus::Fail);
    assert!(check.evidence.contains("Pro Meeting (PRO)") && check.evidence.contains("Private Meeting (PRV)"));
    assert!(!check.evidence.contains("Free"), "the free type is not missing: {}", check.evidence);
    assert_eq!(check.fixes, [Fix::EnableMissingTypes]);
    assert!(!d.passes());
}

#[test]
fn s1_the_free_type_is_told_apart_by_its_short_name_or_name() {
    assert!(is_free(&st("1", "FRE", "Free Meeting")));
    assert!(is_free(&st("7", "free", "Whatever")));
    assert!(is_free(&st("8", "XYZ", "Free meeting (40 min)")));
    assert!(!is_free(&st("3", "PRO", "Pro Meeting")));
    let rows = type_rows(&site_types(), Some(&[site_types()[1].clone()]));
    let paid: Vec<(bool, Option<bool>)> = rows.iter().map(|r| (r.paid, r.enabled)).collect();
    assert_eq!(paid, [(false, Some(false)), (true, Some(true)), (true, Some(false))]);
    assert!(type_rows(&site_types(), None).iter().all(|r| r.enabled.is_none()), "unread set: unknown, not off");
}

#[test]
fn s2_the_set_sent_is_the_whole_set_with_the_missing_types_added() {
    let free = vec![site_types()[0].clone()];
    assert_eq!(set_with_missing(&site_types(), &free), ["1", "3", "11"]);
    // A user without the free type keeps not having it; only paid ones are added.
    assert_eq!(set_with_missing(&site_types(), &[]), ["3", "11"]);
    assert_eq!(resolve_types(&site_types(), &["prv".into(), "3".into(), "PRO".into()]).unwrap(), ["11", "3"]);
    assert_eq!(resolve_types(&site_types(), &["WBN".into()]), Err("WBN".to_owned()));
}

#[test]
fn s2_a_host_with_every_paid_type_passes_and_may_force_a_refresh() {
    let d = run(&host_on(SITE), Some(&site_types()[1..]), None);
    assert!(d.passes(), "{d:?}");
    assert_eq!(d.verdict, None);
    assert_eq!(status(&d, CheckName::SavedToSite), CheckStatus::Skipped, "nothing saved yet");
    let types = d.checks.iter().find(|c| c.name == CheckName::PaidTypesEnabled).unwrap();
    assert_eq!(types.fixes, [Fix::ForceRefresh]);
}

#[test]
fn s3_s4_the_user_message_names_the_site_in_four_languages() {
    let messages = user_message(SITE);
    let languages: Vec<&str> = messages.iter().map(|m| m.language.as_str()).collect();
    assert_eq!(languages, ["en", "fr", "da", "sv"]);
    for m in &messages {
        assert!(m.text.contains(SITE) && m.text.contains("40"), "{m:?}");
    }
    assert!(messages[0].text.contains("sign out of the Webex app"));
    assert!(messages[1].text.contains("Déconnectez-vous"));
    assert!(messages[2].text.contains("Log ud"));
    assert!(messages[3].text.contains("Logga ut"));
}

#[test]
fn s5_a_license_on_the_other_site_basic_only_and_attendee_only_are_named() {
    let d = run(&host_on(OTHER), None, None);
    assert_eq!(d.verdict, Some(Cause::LicenseOnOtherSite));
    assert!(d.checks[1].evidence.contains(OTHER), "{}", d.checks[1].evidence);
    assert_eq!(status(&d, CheckName::PaidTypesEnabled), CheckStatus::Skipped);
    let basic_only = PersonFacts { login_enabled: true, licenses: basic(), ..Default::default() };
    assert_eq!(run(&basic_only, None, None).verdict, Some(Cause::BasicMeetingsOnly));
    let attendee = PersonFacts { site_urls: vec![format!("{SITE}#attendee")], ..basic_only.clone() };
    assert_eq!(role_on(&attendee, SITE), MeetingsRole::Attendee);
    assert_eq!(run(&attendee, None, None).verdict, Some(Cause::AttendeeOnly));
    let nothing = PersonFacts { login_enabled: true, ..Default::default() };
    assert_eq!(run(&nothing, None, None).verdict, Some(Cause::NoMeetingsLicense));
    assert_eq!(run(&host_on(SITE), None, None).checks[1].fixes, [Fix::ReassignLicense]);
}

#[test]
fn s5_a_save_read_back_different_fails_and_offers_refresh_and_reassign() {
    let sent: Vec<String> = vec!["11".into(), "1".into(), "3".into()];
    let same = SaveCheck::new(SITE, &sent, &["3".into(), "1".into(), "11".into()]);
    assert!(same.matches());
    assert_eq!(same.sent, ["1", "3", "11"], "numeric order");
    let d = run(&host_on(SITE), Some(&site_types()), Some(&same));
    assert_eq!(status(&d, CheckName::SavedToSite), CheckStatus::Pass);
    let differs = SaveCheck::new(SITE, &sent, &["1".into()]);
    let d = run(&host_on(SITE), Some(&site_types()), Some(&differs));
    assert_eq!(d.verdict, Some(Cause::NotSaved));
    let saved = d.checks.iter().find(|c| c.name == CheckName::SavedToSite).unwrap();
    assert_eq!(saved.fixes, [Fix::ForceRefresh, Fix::ReassignLicense]);
    let elsewhere = SaveCheck::new(OTHER, &sent, &sent);
    let d = run(&host_on(SITE), Some(&site_types()), Some(&elsewhere));
    assert_eq!(d.verdict, Some(Cause::NotSaved), "saved to another site than the one diagnosed");
}

#[test]
fn t16_a_user_who_never_signed_in_fails_first_whatever_else_holds() {
    let mut person = host_on(SITE);
    person.invite_pending = true;
    let d = run(&person, Some(&site_types()), None);
    assert_eq!(d.verdict, Some(Cause::NeverSignedIn));
    assert_eq!(status(&d, CheckName::PaidTypesEnabled), CheckStatus::Pass, "the other checks still run");
    person.invite_pending = false;
    person.login_enabled = false;
    assert_eq!(run(&person, Some(&site_types()), None).verdict, Some(Cause::LoginDisabled));
}

#[test]
fn the_user_sites_list_hosts_then_attendee_and_preference_sites_once() {
    let mut person = host_on(SITE);
    person.site_urls.push(format!("{OTHER}#attendee"));
    let sites = user_sites(&person, &[SITE.to_uppercase(), "third.webex.com".into()]);
    let urls: Vec<&str> = sites.iter().map(|s| s.site_url.as_str()).collect();
    assert_eq!(urls, [SITE, OTHER, "third.webex.com"]);
    assert!(matches!(sites[0].role, MeetingsRole::Host { .. }));
    assert_eq!(sites[1].role, MeetingsRole::Attendee);
    assert_eq!(sites[2].role, MeetingsRole::None);
}

#[test]
fn s5_the_license_to_reassign_is_the_paid_one_of_the_site_and_webex_must_be_able_to_give_it_back() {
    let host = host_on(SITE);
    let license = license_to_reassign(&host, &SITE.to_uppercase(), "ann@acme.example").unwrap();
    assert_eq!(license.name, "Meeting - Webex Meeting Center");
    assert_eq!(license.site_url.as_deref(), Some(SITE));

    let elsewhere = license_to_reassign(&host_on(OTHER), SITE, "ann@acme.example").unwrap_err();
    assert!(elsewhere.contains("no paid Meetings license on acme.webex.com"), "{elsewhere}");
    assert!(elsewhere.contains("Nothing was changed"), "{elsewhere}");

    // Without Basic Meetings Webex would refuse it back (700004): never taken away.
    let mut no_basic = host_on(SITE);
    no_basic.licenses.retain(|l| l.name != "Basic Meetings");
    let refused = license_to_reassign(&no_basic, SITE, "ann@acme.example").unwrap_err();
    assert!(refused.contains("Basic Meetings") && refused.contains("Nothing was changed"), "{refused}");
    assert!(!refused.contains("Messaging"), "{refused}");
}

#[test]
fn s5_the_troubleshooter_carries_what_reassigning_costs_for_a_host_only() {
    let d = run(&host_on(SITE), Some(&site_types()), None);
    let notice = d.reassign.expect("a host may have the license re-assigned");
    assert_eq!((notice.license_name.as_str(), notice.site_url.as_str()), ("Meeting - Webex Meeting Center", SITE));
    assert!(notice.text.contains("cannot host or schedule meetings on acme.webex.com"), "{}", notice.text);
    assert!(notice.text.contains("not reset"), "{}", notice.text);
    assert!(run(&host_on(OTHER), None, None).reassign.is_none(), "no license on the site, nothing to re-assign");
}
