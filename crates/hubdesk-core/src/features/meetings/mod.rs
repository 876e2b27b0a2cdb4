//! Meetings session types per user and site (rules S1–S5, T16): the
//! Meetings tab (`meetings_show`), the save that replaces a user's set and
//! reads it back (`meetings_set`, `meetings_force_refresh`), the
//! troubleshooter (`meetings_diagnose`) and its last resort, the license
//! removed and assigned again through the apply journal
//! (`meetings_reassign_license`); for many users on one site, the preview
//! and the journaled apply (`bulk`, `bulk_apply`). The person, their
//! licenses and sets are read live; a site's session types come from the
//! cache when the last sync has the site. Offline, the tab answers from the
//! cache (`offline`). The rules decide (hubdesk_rules::meetings).

pub mod bulk;
pub mod bulk_apply;
pub mod commands;
mod diagnose;
mod fixes;
mod offline;
mod reassign;
mod set;
mod sites;

pub use hubdesk_rules::meetings::reassign_consequence;

use hubdesk_api::{ApiError, ErrorCode, MeetingsSite, MeetingsView};
use hubdesk_rules::meetings::{self, HeldLicense, PersonFacts, SessionType, UserSite};

use crate::store::in_id_order;
use crate::webex::models::{License, Person, SessionType as WireType};
use crate::webex::{WebexClient, WebexError};
use crate::Core;

/// The person a Meetings command is about, read live.
pub(crate) struct Target {
    pub org_id: String,
    pub person: Person,
    pub email: String,
    pub facts: PersonFacts,
    pub sites: Vec<UserSite>,
    /// Every Meetings site of the org (from its licenses), first site first.
    pub org_sites: Vec<String>,
    /// The org's licenses, as read.
    pub org_licenses: Vec<License>,
}

impl Target {
    /// What the rules need of `person`, given the org's `licenses` and the
    /// sites `/v1/meetingPreferences/sites` lists for them.
    fn new(org_id: String, person: Person, email: String, licenses: Vec<License>, preferred: &[String]) -> Target {
        let held = licenses
            .iter()
            .filter(|l| person.licenses.contains(&l.id))
            .map(|l| HeldLicense { id: l.id.clone(), name: l.name.clone(), site_url: l.site_url.clone() })
            .collect();
        let facts = PersonFacts {
            login_enabled: person.login_enabled.unwrap_or(true),
            invite_pending: person.invite_pending.unwrap_or(false),
            licenses: held,
            site_urls: person.site_urls.clone(),
        };
        let mut org_sites: Vec<String> = Vec::new();
        for site in
            licenses.iter().filter(|l| meetings::is_paid_meetings_license(&l.name)).filter_map(|l| l.site_url.clone())
        {
            if !org_sites.iter().any(|s| s.eq_ignore_ascii_case(&site)) {
                org_sites.push(site);
            }
        }
        let sites = meetings::user_sites(&facts, preferred);
        Target { org_id, person, email, facts, sites, org_sites, org_licenses: licenses }
    }
}

pub(crate) fn to_rule_type(t: WireType) -> SessionType {
    SessionType {
        id: t.id,
        short_name: t.short_name.unwrap_or_default(),
        name: t.name,
        kind: t.kind.unwrap_or_default(),
    }
}

fn not_found(person: &str) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("No user {person} in this org. Check the address, then try again."))
}

impl Core {
    /// Finds the person (an email or a person id) in `org_id` (default: the
    /// admin's own org) and reads what the rules need, in two round trips.
    pub(crate) async fn meetings_target(
        &self,
        client: &WebexClient,
        org_id: Option<&str>,
        person: &str,
    ) -> Result<Target, ApiError> {
        let org_id = match org_id {
            Some(org) => org.to_owned(),
            None => self.home_org_id().await?,
        };
        let by_email = person.contains('@');
        let person_id = match by_email {
            true => {
                client.people_by_email(&org_id, person).await?.into_iter().next().ok_or_else(|| not_found(person))?.id
            }
            false => person.to_owned(),
        };
        // The preference sites add sites no license or siteUrl shows; not
        // essential, so a failure leaves them out. With the address known,
        // all three reads go together.
        let sites_of = |email: String| async move { client.user_meeting_sites(&email).await.unwrap_or_default() };
        let (read, licenses, preferred) = futures::join!(
            client.person(&person_id),
            client.licenses(&org_id),
            sites_of(if by_email { person.to_owned() } else { String::new() })
        );
        let read = read.map_err(|e| match e {
            WebexError::Api { status: 404, .. } => not_found(person),
            e => e.into(),
        })?;
        let licenses = licenses?;
        let email = read.emails.first().cloned().unwrap_or_else(|| person.to_owned());
        let preferred = match by_email {
            true => preferred,
            false => sites_of(email.clone()).await,
        };
        Ok(Target::new(org_id, read, email, licenses, &preferred))
    }

    /// The user's Meetings tab: each site with its role, its types and the
    /// user's set, read live (`unread` says when it could not be).
    pub async fn meetings_show(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: Option<&str>,
    ) -> Result<MeetingsView, ApiError> {
        let client = self.client().await?;
        let target = match self.meetings_target(&client, org_id, person).await {
            Ok(target) => target,
            // Webex cannot be reached: what the cache knows, said to be so.
            Err(e) if e.code == ErrorCode::Network => return self.meetings_show_offline(org_id, person, site, e).await,
            Err(e) => return Err(e),
        };
        let sites: Vec<&UserSite> = match site {
            Some(url) => vec![target
                .sites
                .iter()
                .find(|s| s.site_url.eq_ignore_ascii_case(url))
                .ok_or_else(|| not_on_site(&target, url))?],
            None => target.sites.iter().collect(),
        };
        let reads = sites.iter().map(|s| self.read_site(&client, &target, &s.site_url));
        let reads = futures::future::join_all(reads).await;
        let sites = sites
            .into_iter()
            .zip(reads)
            .map(|(site, (site_types, user_types))| {
                let unread = match (&site_types, &user_types) {
                    (Err(e), _) | (_, Err(e)) => Some(ApiError::from(e.clone()).message),
                    _ => None,
                };
                let site_types = site_types.unwrap_or_default();
                let types = meetings::type_rows(&site_types, user_types.ok().as_deref());
                MeetingsSite { site_url: site.site_url.clone(), role: site.role.clone(), types, unread }
            })
            .collect();
        Ok(MeetingsView {
            org_id: target.org_id,
            person_id: target.person.id.clone(),
            email: target.email,
            display_name: target.person.display_name.clone(),
            sites,
        })
    }
}

pub(crate) fn not_on_site(target: &Target, url: &str) -> ApiError {
    let on: Vec<&str> = target.sites.iter().map(|s| s.site_url.as_str()).collect();
    let on = match on.is_empty() {
        true => "no Meetings site".to_owned(),
        false => on.join(", "),
    };
    ApiError::new(ErrorCode::InvalidInput, format!("{} is not on {url}: they are on {on}.", target.email))
}

impl Core {
    /// The site's session types: from the cache when the last sync has the
    /// site (no round trip), else from Webex.
    pub(crate) async fn site_types(
        &self,
        client: &WebexClient,
        org_id: &str,
        site_url: &str,
    ) -> Result<Vec<SessionType>, WebexError> {
        match self.store.cached_session_types(org_id, site_url) {
            Ok(Some(cached)) => return Ok(cached.into_iter().map(to_rule_type).collect()),
            Ok(None) => {}
            Err(e) => tracing::warn!(%site_url, "the cached session types could not be read, reading them live: {e}"),
        }
        self.live_site_types(client, site_url).await
    }

    /// The site's session types as Webex lists them now, in id order (as
    /// the cache gives them).
    pub(crate) async fn live_site_types(
        &self,
        client: &WebexClient,
        site_url: &str,
    ) -> Result<Vec<SessionType>, WebexError> {
        let mut live = client.site_session_types(site_url).await?;
        in_id_order(&mut live);
        Ok(live.into_iter().map(to_rule_type).collect())
    }

    /// The site's types and the user's set on it (always live), read together.
    pub(crate) async fn read_site(
        &self,
        client: &WebexClient,
        target: &Target,
        site_url: &str,
    ) -> (Result<Vec<SessionType>, WebexError>, Result<Vec<SessionType>, WebexError>) {
        let user = async {
            let types = client.user_session_types(&target.person.id, site_url).await?;
            Ok(types.into_iter().map(to_rule_type).collect())
        };
        futures::join!(self.site_types(client, &target.org_id, site_url), user)
    }
}
