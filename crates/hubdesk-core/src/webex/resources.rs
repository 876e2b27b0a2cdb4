//! Typed calls for the resources hubdesk reads.

use super::models::{
    CallingLocation, Enterprise, Group, GroupMember, Items, License, Location, Locations, NumberEntry, Organization,
    Person, PhoneNumbers, SessionType, Subscriber,
};
use super::{Pager, WebexClient, WebexError};

/// Page size for people with calling data: the documented cap (§2.2).
pub const PEOPLE_PAGE_SIZE: u32 = 100;

impl WebexClient {
    pub async fn me(&self) -> Result<Person, WebexError> {
        self.get_json(&self.url("people/me")).await
    }

    /// Every org the token can manage: its own and, for a partner, customers.
    /// Not paginated (§5.1).
    pub async fn organizations(&self) -> Result<Vec<Organization>, WebexError> {
        let list: Items<Organization> = self.get_json(&self.url("organizations")).await?;
        Ok(list.items)
    }

    /// People of an org with their calling data (numbers, extension, location).
    pub fn people(&self, org_id: &str) -> Pager<Person> {
        let url = self.url(&format!("people?orgId={}&callingData=true&max={PEOPLE_PAGE_SIZE}", urlencode(org_id)));
        Pager::new(self.clone(), url)
    }

    pub async fn licenses(&self, org_id: &str) -> Result<Vec<License>, WebexError> {
        let url = self.url(&format!("licenses?orgId={}", urlencode(org_id)));
        Pager::<License>::new(self.clone(), url).collect_all().await
    }
}

pub(super) fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Groups of an org, with SCIM paging (`startIndex` from 1, `count`).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScimPage<T> {
    #[serde(default)]
    total_results: u32,
    #[serde(default = "Vec::new", alias = "groups", alias = "members")]
    resources: Vec<T>,
}

const GROUPS_PAGE: u32 = 100;
const MEMBERS_PAGE: u32 = 500;

impl WebexClient {
    /// Every group of an org. SCIM paging by index rather than Link, since
    /// Webex documents `startIndex`/`count` for groups (§2.2).
    pub async fn groups(&self, org_id: &str) -> Result<Vec<Group>, WebexError> {
        let base = format!("groups?orgId={}&count={GROUPS_PAGE}", urlencode(org_id));
        self.scim_all(&base, GROUPS_PAGE).await
    }

    /// Every member of a group (people, and nested groups: rule T3).
    pub async fn group_members(&self, group_id: &str) -> Result<Vec<GroupMember>, WebexError> {
        let base = format!("groups/{}/members?count={MEMBERS_PAGE}", urlencode(group_id));
        self.scim_all(&base, MEMBERS_PAGE).await
    }

    async fn scim_all<T: serde::de::DeserializeOwned>(&self, base: &str, page: u32) -> Result<Vec<T>, WebexError> {
        let mut all = Vec::new();
        let mut start = 1;
        loop {
            let got: ScimPage<T> = self.get_json(&self.url(&format!("{base}&startIndex={start}"))).await?;
            let n = got.resources.len() as u32;
            all.extend(got.resources);
            start += n;
            if n == 0 || n < page.min(got.total_results) || start > got.total_results {
                return Ok(all);
            }
        }
    }

    pub async fn locations(&self, org_id: &str) -> Result<Vec<Location>, WebexError> {
        Pager::<Location>::new(self.clone(), self.url(&format!("locations?orgId={}&max=1000", urlencode(org_id))))
            .collect_all()
            .await
    }

    /// The locations enabled for Webex Calling (rule C2 needs them).
    pub async fn calling_locations(&self, org_id: &str) -> Result<Vec<CallingLocation>, WebexError> {
        let url = self.url(&format!("telephony/config/locations?orgId={}&max=1000", urlencode(org_id)));
        Pager::<CallingLocation, Locations<CallingLocation>>::new(self.clone(), url).collect_all().await
    }

    /// The Calling number inventory, numbers and extensions with owners.
    pub fn numbers(&self, org_id: &str) -> Pager<NumberEntry, PhoneNumbers<NumberEntry>> {
        Pager::new(self.clone(), self.url(&format!("telephony/config/numbers?orgId={}&max=2000", urlencode(org_id))))
    }

    /// The session types a Meetings site offers.
    pub async fn site_session_types(&self, site_url: &str) -> Result<Vec<SessionType>, WebexError> {
        let url = self.url(&format!("admin/meeting/config/sessionTypes?siteUrl={}", urlencode(site_url)));
        let list: Items<SessionType> = self.get_json(&url).await?;
        Ok(list.items)
    }

    /// BroadWorks subscribers the partner manages; with `changed_since`
    /// (ISO 8601) only those whose status changed since then.
    pub fn subscribers(&self, changed_since: Option<&str>) -> Pager<Subscriber> {
        let mut path = "broadworks/subscribers?max=100".to_owned();
        if let Some(since) = changed_since {
            path.push_str(&format!("&lastStatusChange={}", urlencode(since)));
        }
        Pager::new(self.clone(), self.url(&path))
    }

    /// The BroadWorks enterprises of the partner's customers (at most 1,000
    /// a page).
    pub fn broadworks_enterprises(&self) -> Pager<Enterprise> {
        Pager::new(self.clone(), self.url("broadworks/enterprises?max=1000"))
    }
}
