//! The Meetings tab when Webex cannot be reached: the person, their
//! licenses and sites from the cache, each site's types from the last sync,
//! and for every site a sentence saying the user's set could not be read.
//! Nothing is written offline (see `set`).

use hubdesk_api::{ApiError, ErrorCode, MeetingsSite, MeetingsView};
use hubdesk_rules::meetings;

use super::{not_on_site, to_rule_type, Target};
use crate::Core;

impl Core {
    /// `meetings_show` from the cache; `error` is why Webex was not reached.
    pub(super) async fn meetings_show_offline(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: Option<&str>,
        error: ApiError,
    ) -> Result<MeetingsView, ApiError> {
        let org_id = match org_id {
            Some(org) => org.to_owned(),
            None => self.home_org_id().await?,
        };
        let Some(cached) = self.store.cached_person(&org_id, person)? else {
            return Err(ApiError::new(
                ErrorCode::Offline,
                format!(
                    "Webex cannot be reached and {person} is not in hubdesk's copy of the organization, so their \
                     Meetings sites cannot be shown. Try again when you are online."
                ),
            )
            .with_detail(error.detail.unwrap_or(error.message)));
        };
        let email = cached.emails.first().cloned().unwrap_or_else(|| person.to_owned());
        let licenses = self.store.licenses_of_org(&org_id)?;
        // The preference sites are only known live.
        let target = Target::new(org_id, cached, email, licenses, &[]);
        let sites = match site {
            Some(url) => vec![target
                .sites
                .iter()
                .find(|s| s.site_url.eq_ignore_ascii_case(url))
                .ok_or_else(|| not_on_site(&target, url))?],
            None => target.sites.iter().collect(),
        };
        let mut shown = Vec::with_capacity(sites.len());
        for site in sites {
            let url = &site.site_url;
            let site_types = self.store.cached_session_types(&target.org_id, url)?;
            let unread = match site_types {
                Some(_) => format!(
                    "hubdesk is offline, so {}'s session types on {url} could not be read from Webex. The site's \
                     types are from the last sync; the user's set shows once hubdesk is online again.",
                    target.email
                ),
                None => format!(
                    "hubdesk is offline, so {}'s session types on {url} could not be read from Webex, and the last \
                     sync did not list the site's types either. Try again when you are online.",
                    target.email
                ),
            };
            let site_types: Vec<_> = site_types.unwrap_or_default().into_iter().map(to_rule_type).collect();
            shown.push(MeetingsSite {
                site_url: url.clone(),
                role: site.role.clone(),
                types: meetings::type_rows(&site_types, None),
                unread: Some(unread),
            });
        }
        Ok(MeetingsView {
            org_id: target.org_id.clone(),
            person_id: target.person.id.clone(),
            email: target.email.clone(),
            display_name: target.person.display_name.clone(),
            sites: shown,
        })
    }
}
