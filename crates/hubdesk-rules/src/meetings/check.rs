//! The troubleshooter's checklist for one user and one site (S1–S5, T16).
//! Each check says pass, fail or skipped with its evidence; the verdict is
//! the cause of the first failing one, in the order an admin would look.

use super::evidence::Evidence;
use super::model::*;
use super::{
    holds_basic_meetings, is_paid_meetings_license, missing_paid, reassign_notice, role_on, type_names, user_message,
};

/// Everything the checks look at, read by the core beforehand.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub person: &'a PersonFacts,
    pub site_url: &'a str,
    /// `None`: could not be read.
    pub site_types: Option<&'a [SessionType]>,
    /// The user's set as read live; `None`: could not be read.
    pub user_types: Option<&'a [SessionType]>,
    /// The last save made from the troubleshooter, read back.
    pub last_save: Option<&'a SaveCheck>,
}

pub fn diagnose(facts: Facts<'_>) -> Diagnosis {
    let role = role_on(facts.person, facts.site_url);
    let checks = vec![
        signed_in(facts.person),
        paid_license(facts.person, facts.site_url, &role),
        paid_types(&facts, &role),
        saved(&facts),
    ];
    let verdict = checks.iter().find(|c| c.status == CheckStatus::Fail).and_then(|c| c.cause);
    let reassign = match &role {
        MeetingsRole::Host { license_id, license_name } => {
            let held = HeldLicense {
                id: license_id.clone(),
                name: license_name.clone(),
                site_url: Some(facts.site_url.to_owned()),
            };
            Some(reassign_notice(&held, facts.site_url))
        }
        _ => None,
    };
    Diagnosis {
        site_url: facts.site_url.to_owned(),
        sites: vec![facts.site_url.to_owned()],
        verdict_text: verdict_text(verdict, facts.site_url),
        checks,
        verdict,
        user_message: user_message(facts.site_url),
        reassign,
    }
}

fn check(name: CheckName, status: CheckStatus, found: Evidence, cause: Option<Cause>, fixes: Vec<Fix>) -> Check {
    Check { name, status, evidence: found.text(), found, cause, fixes }
}

/// T16: entitlements reach a user at their first sign-in. Webex's `status`
/// is presence (active, inactive, in a call...) and says nothing of this.
fn signed_in(person: &PersonFacts) -> Check {
    let name = CheckName::SignedIn;
    if !person.login_enabled {
        return check(name, CheckStatus::Fail, Evidence::LoginDisabled, Some(Cause::LoginDisabled), vec![]);
    }
    if person.invite_pending {
        return check(name, CheckStatus::Fail, Evidence::NeverSignedIn, Some(Cause::NeverSignedIn), vec![]);
    }
    check(name, CheckStatus::Pass, Evidence::SignedIn, None, vec![])
}

fn paid_license(person: &PersonFacts, site_url: &str, role: &MeetingsRole) -> Check {
    let name = CheckName::PaidLicenseOnSite;
    if let MeetingsRole::Host { license_name, .. } = role {
        let found = Evidence::HostWith { license: license_name.clone(), site: site_url.to_owned() };
        return check(name, CheckStatus::Pass, found, None, vec![Fix::ReassignLicense]);
    }
    let elsewhere: Vec<String> = person
        .licenses
        .iter()
        .filter(|l| is_paid_meetings_license(&l.name))
        .filter_map(|l| l.site_url.as_ref().map(|s| format!("{} on {s}", l.name)))
        .collect();
    let site = site_url.to_owned();
    let (cause, found) = if !elsewhere.is_empty() {
        (Cause::LicenseOnOtherSite, Evidence::LicenseElsewhere { site, elsewhere: elsewhere.join(", ") })
    } else if *role == MeetingsRole::Attendee {
        (Cause::AttendeeOnly, Evidence::AttendeeOnly { site })
    } else if holds_basic_meetings(person) {
        (Cause::BasicMeetingsOnly, Evidence::BasicOnly)
    } else {
        (Cause::NoMeetingsLicense, Evidence::NoLicense)
    };
    check(name, CheckStatus::Fail, found, Some(cause), vec![Fix::AssignLicense])
}

/// S1, S2: the site's paid types must all be in the user's set.
fn paid_types(facts: &Facts<'_>, role: &MeetingsRole) -> Check {
    let name = CheckName::PaidTypesEnabled;
    let skipped = |found: Evidence| check(name, CheckStatus::Skipped, found, None, vec![]);
    if !matches!(role, MeetingsRole::Host { .. }) {
        return skipped(Evidence::NeedsPaidLicense);
    }
    let Some(site_types) = facts.site_types else { return skipped(Evidence::SiteTypesUnread) };
    let Some(user_types) = facts.user_types else { return skipped(Evidence::UserTypesUnread) };
    let missing = missing_paid(site_types, user_types);
    let site = facts.site_url.to_owned();
    if missing.is_empty() {
        let found = Evidence::HasEveryPaidType { site, types: paid_names(site_types) };
        return check(name, CheckStatus::Pass, found, None, vec![Fix::ForceRefresh]);
    }
    let found = Evidence::MissingTypes { site, types: type_names(missing) };
    check(name, CheckStatus::Fail, found, Some(Cause::PaidTypesMissing), vec![Fix::EnableMissingTypes])
}

fn paid_names(site_types: &[SessionType]) -> String {
    type_names(site_types.iter().filter(|t| !super::is_free(t)))
}

/// S5: after a save, what Webex holds on the intended site is what was sent.
fn saved(facts: &Facts<'_>) -> Check {
    let name = CheckName::SavedToSite;
    let Some(save) = facts.last_save else {
        return check(name, CheckStatus::Skipped, Evidence::NothingSaved, None, vec![]);
    };
    let wrong_site = !save.site_url.eq_ignore_ascii_case(facts.site_url);
    let (sent, held) = (save.sent.join(","), save.read_back.join(","));
    if wrong_site || !save.matches() {
        let found = match wrong_site {
            true => Evidence::SavedElsewhere { saved: save.site_url.clone(), site: facts.site_url.to_owned() },
            false => Evidence::SavedDiffers { site: save.site_url.clone(), sent, held },
        };
        let fixes = vec![Fix::ForceRefresh, Fix::ReassignLicense];
        return check(name, CheckStatus::Fail, found, Some(Cause::NotSaved), fixes);
    }
    let found = Evidence::SavedSame { site: save.site_url.clone(), sent };
    check(name, CheckStatus::Pass, found, None, vec![Fix::ForceRefresh, Fix::ReassignLicense])
}

fn verdict_text(verdict: Option<Cause>, site: &str) -> String {
    match verdict {
        None => format!("Everything checked passes on {site}. If the user still cannot schedule, force a refresh, then re-assign the license (S5)."),
        Some(Cause::NeverSignedIn) => "The user has never signed in: Webex applies licenses at the first sign-in (T16).".to_owned(),
        Some(Cause::LoginDisabled) => "The user cannot sign in (sign-in is disabled).".to_owned(),
        Some(Cause::LicenseOnOtherSite) => format!("The user's paid Meetings license is on another site, not on {site}."),
        Some(Cause::BasicMeetingsOnly) => "The user has Basic Meetings only, the free plan cut at 40 minutes.".to_owned(),
        Some(Cause::AttendeeOnly) => format!("The user is only an attendee on {site} and cannot host."),
        Some(Cause::NoMeetingsLicense) => "The user has no Meetings license.".to_owned(),
        Some(Cause::PaidTypesMissing) => format!("The user lacks paid session types on {site} (S1)."),
        Some(Cause::NotSaved) => format!("Webex does not hold what was saved on {site} (S5)."),
    }
}
