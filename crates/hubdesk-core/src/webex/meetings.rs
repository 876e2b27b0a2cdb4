//! Meetings session types per user and site (webex-api.md §6; rules
//! S1–S5): a user's sites, their set on a site, and the PUT that replaces it.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::models::{Items, Person, SessionType};
use super::resources::urlencode;
use super::{WebexClient, WebexError};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserSessionTypes {
    #[serde(default)]
    site_url: String,
    #[serde(default)]
    session_types: Vec<SessionType>,
}

#[derive(Debug, Deserialize)]
struct Sites {
    #[serde(default)]
    sites: Vec<Site>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Site {
    site_url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReplaceBody<'a> {
    site_url: &'a str,
    person_id: &'a str,
    session_type_ids: &'a [String],
}

/// People per page when their calling data is not asked for (§2.2).
const PEOPLE_PAGE_WITHOUT_CALLING: u32 = 1000;

impl WebexClient {
    /// Every person of `org_id` with their licenses, without calling data,
    /// so a page holds ten times as many: who hosts on a site is known from
    /// a few requests, not one per person.
    pub fn people_with_licenses(&self, org_id: &str) -> super::Pager<Person> {
        let url = self.url(&format!("people?orgId={}&max={PEOPLE_PAGE_WITHOUT_CALLING}", urlencode(org_id)));
        super::Pager::new(self.clone(), url)
    }

    /// The people of `org_id` with this address (at most one).
    pub async fn people_by_email(&self, org_id: &str, email: &str) -> Result<Vec<Person>, WebexError> {
        let url = self.url(&format!("people?orgId={}&email={}", urlencode(org_id), urlencode(email)));
        let list: Items<Person> = self.get_json(&url).await?;
        Ok(list.items)
    }

    /// The user's sites as `/v1/meetingPreferences/sites` lists them.
    pub async fn user_meeting_sites(&self, email: &str) -> Result<Vec<String>, WebexError> {
        let url = self.url(&format!("meetingPreferences/sites?userEmail={}", urlencode(email)));
        let sites: Sites = self.get_json(&url).await?;
        Ok(sites.sites.into_iter().map(|s| s.site_url).collect())
    }

    /// The user's session types on a site, as Webex holds them now.
    pub async fn user_session_types(&self, person_id: &str, site_url: &str) -> Result<Vec<SessionType>, WebexError> {
        let url = self.url(&format!(
            "admin/meeting/userconfig/sessionTypes?siteUrl={}&personId={}",
            urlencode(site_url),
            urlencode(person_id)
        ));
        let list: Items<UserSessionTypes> = self.get_json(&url).await?;
        let item = list.items.into_iter().find(|i| i.site_url.is_empty() || i.site_url.eq_ignore_ascii_case(site_url));
        Ok(item.map(|i| i.session_types).unwrap_or_default())
    }

    /// Replaces the user's whole set on a site (S2); sent once, with the
    /// given tracking id. The answer is what Webex holds, if it could be read.
    pub async fn put_user_session_types(
        &self,
        person_id: &str,
        site_url: &str,
        ids: &[String],
        tracking_id: &str,
    ) -> Result<Option<Vec<SessionType>>, WebexError> {
        let url = self.url("admin/meeting/userconfig/sessionTypes");
        let body = ReplaceBody { site_url, person_id, session_type_ids: ids };
        let response = self.send_once(Method::PUT, &url, &body, tracking_id).await?;
        let held = self.read_body(response, &url).await.ok();
        Ok(held.and_then(|b| serde_json::from_slice::<UserSessionTypes>(&b).ok()).map(|u| u.session_types))
    }
}
