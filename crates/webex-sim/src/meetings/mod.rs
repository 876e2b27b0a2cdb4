//! Webex Meetings (webex-api.md §6; rules S1–S5): a user's sites and
//! preferred site, the session types of a site, a user's session types and
//! the PUT that replaces them, and the session types a host can schedule
//! with. A host left with only the free type is rule S1's user: the list
//! of what they can schedule shows nothing but free, 40-minute meetings.

mod host;
mod site_types;
mod sites;
mod user_types;

use axum::routing::get;
use axum::Router;

use crate::http::{ApiError, Caller};
use crate::state::Shared;
use crate::tenant::{LicenseKind, OrgIdx, PersonIdx, Tenant};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/meetingPreferences/sites", get(sites::list).put(sites::set_default))
        .route("/v1/admin/meeting/config/sessionTypes", get(site_types::list))
        .route("/v1/admin/meeting/userconfig/sessionTypes", get(user_types::list).put(user_types::replace))
        .route("/v1/meetings/sessionTypes", get(host::list))
        .route("/v1/meetings/sessionTypes/{sessionTypeId}", get(host::get))
}

/// The slot of `url` among the org's sites.
fn site_slot(tenant: &Tenant, org: OrgIdx, url: &str) -> Option<usize> {
    tenant.org(org).sites.iter().position(|s| s.url.eq_ignore_ascii_case(url))
}

/// The sites a person is set up on: where they host, then where they attend.
fn user_sites(tenant: &Tenant, person: PersonIdx) -> Vec<usize> {
    let holder = tenant.person(person);
    let mut sites: Vec<usize> =
        tenant.licenses_of(holder).filter(|l| l.kind == LicenseKind::Meeting).filter_map(|l| l.site).collect();
    sites.extend(holder.attendee_sites.iter().filter(|s| !sites.contains(s)).collect::<Vec<_>>());
    sites
}

/// The preferred site: the one chosen, else the first the user is on.
fn preferred_site(tenant: &Tenant, person: PersonIdx) -> Option<usize> {
    let sites = user_sites(tenant, person);
    let chosen = tenant.person(person).default_site.map(usize::from);
    chosen.filter(|s| sites.contains(s)).or(sites.first().copied())
}

/// The user an admin names by email (in an org the admin manages), or the caller.
fn target_user(tenant: &Tenant, caller: &Caller, email: Option<&str>) -> Result<PersonIdx, ApiError> {
    let Some(email) = email else { return Ok(caller.person) };
    let person = tenant.find_person_by_email(email).ok_or_else(|| ApiError::not_found("User not found."))?;
    caller.check_org(tenant, tenant.person(person).org)?;
    Ok(person)
}
