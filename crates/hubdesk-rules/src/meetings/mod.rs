//! Meetings session types per user and site (rules S1–S5, T16): the user's
//! sites and role on each, which of a site's types are paid, and the
//! troubleshooter's checklist for "I still cannot schedule after we paid".
//!
//! Pure: the core reads the person, the site's types and the user's set,
//! and these functions decide.

mod bulk;
mod check;
mod evidence;
mod message;
mod model;
mod reassign;

#[cfg(test)]
mod bulk_tests;
#[cfg(test)]
mod tests;

pub use bulk::{
    new_set, plan_bulk, same_set, BulkPlan, CurrentSet, ResolvedChange, TypeCount, TypesChange, UserTypesChange,
};
pub use check::{diagnose, Facts};
pub use evidence::Evidence;
pub use message::user_message;
pub use model::*;
pub use reassign::{license_to_reassign, reassign_consequence, reassign_notice};

use crate::templates::Kind;

/// Whether a session type is the free one. Webex marks no type as paid, so
/// hubdesk goes by what every site has: exactly one free type, the one a
/// Basic Meetings (free) host is left with, which Webex lists as "Free
/// Meeting" with the short name `FRE` (some sites spell it `FREE`). Every
/// other type of the site needs the paid plan (S1). docs/rules.md says the
/// same to the admin.
pub fn is_free(session_type: &SessionType) -> bool {
    let short = session_type.short_name.trim().to_ascii_uppercase();
    short == "FRE" || short == "FREE" || session_type.name.to_ascii_lowercase().starts_with("free")
}

/// A paid Meetings (host) license, from its Webex name.
pub fn is_paid_meetings_license(name: &str) -> bool {
    Kind::of(name) == Kind::Meeting
}

fn is_basic_meetings_license(name: &str) -> bool {
    Kind::of(name) == Kind::BasicMeetings
}

pub(crate) fn same_site(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The person's role on `site_url`: host with their paid license there,
/// else attendee if `siteUrls` says `#attendee`, else none.
pub fn role_on(person: &PersonFacts, site_url: &str) -> MeetingsRole {
    let host = person
        .licenses
        .iter()
        .find(|l| is_paid_meetings_license(&l.name) && l.site_url.as_deref().is_some_and(|s| same_site(s, site_url)));
    if let Some(license) = host {
        return MeetingsRole::Host { license_id: license.id.clone(), license_name: license.name.clone() };
    }
    let attends = person.site_urls.iter().any(|u| {
        u.split_once('#').is_some_and(|(site, role)| same_site(site, site_url) && role.eq_ignore_ascii_case("attendee"))
    });
    match attends {
        true => MeetingsRole::Attendee,
        false => MeetingsRole::None,
    }
}

/// Every site the person is on, hosts first (from their licenses' `siteUrl`),
/// then `siteUrls` (plain or `#attendee`), then `also` (the user's sites as
/// `/v1/meetingPreferences/sites` lists them), each once.
pub fn user_sites(person: &PersonFacts, also: &[String]) -> Vec<UserSite> {
    let mut urls: Vec<String> = Vec::new();
    let licensed =
        person.licenses.iter().filter(|l| is_paid_meetings_license(&l.name)).filter_map(|l| l.site_url.clone());
    let listed = person.site_urls.iter().map(|u| u.split('#').next().unwrap_or_default().to_owned());
    for url in licensed.chain(listed).chain(also.iter().cloned()) {
        if !url.is_empty() && !urls.iter().any(|u| same_site(u, &url)) {
            urls.push(url);
        }
    }
    urls.into_iter().map(|site_url| UserSite { role: role_on(person, &site_url), site_url }).collect()
}

/// The site's types as toggles: paid or not, and whether the user has each.
pub fn type_rows(site_types: &[SessionType], user_types: Option<&[SessionType]>) -> Vec<SessionTypeRow> {
    site_types
        .iter()
        .map(|t| SessionTypeRow {
            session_type: t.clone(),
            paid: !is_free(t),
            enabled: user_types.map(|set| set.iter().any(|u| u.id == t.id)),
        })
        .collect()
}

/// The site's paid types the user lacks (S1).
pub fn missing_paid<'a>(site_types: &'a [SessionType], user_types: &[SessionType]) -> Vec<&'a SessionType> {
    site_types.iter().filter(|t| !is_free(t) && !user_types.iter().any(|u| u.id == t.id)).collect()
}

/// The whole set to send so the user has every paid type (S2 replaces the set).
pub fn set_with_missing(site_types: &[SessionType], user_types: &[SessionType]) -> Vec<String> {
    site_types.iter().filter(|t| !is_free(t) || user_types.iter().any(|u| u.id == t.id)).map(|t| t.id.clone()).collect()
}

/// Ids or short names (any case) to the site's ids; the first unknown one is the error.
pub fn resolve_types(site_types: &[SessionType], wanted: &[String]) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    for token in wanted.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let found = site_types.iter().find(|t| t.id == token || t.short_name.eq_ignore_ascii_case(token));
        let found = found.ok_or_else(|| token.to_owned())?;
        if !ids.contains(&found.id) {
            ids.push(found.id.clone());
        }
    }
    Ok(ids)
}

/// Names of types, for evidence and messages: "Pro Meeting (PRO), Webinar (WBN)".
pub fn type_names<'a>(types: impl IntoIterator<Item = &'a SessionType>) -> String {
    types.into_iter().map(|t| format!("{} ({})", t.name, t.short_name)).collect::<Vec<_>>().join(", ")
}

pub(crate) fn holds_basic_meetings(person: &PersonFacts) -> bool {
    person.licenses.iter().any(|l| is_basic_meetings_license(&l.name))
}
