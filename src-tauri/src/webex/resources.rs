//! Typed calls for the resources hubdesk reads.

use super::models::{Items, License, Organization, Person};
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
        let url = self.url(&format!(
            "people?orgId={}&callingData=true&max={PEOPLE_PAGE_SIZE}",
            urlencode(org_id)
        ));
        Pager::new(self.clone(), url)
    }

    pub async fn licenses(&self, org_id: &str) -> Result<Vec<License>, WebexError> {
        let url = self.url(&format!("licenses?orgId={}", urlencode(org_id)));
        Pager::new(self.clone(), url).collect_all().await
    }
}

fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
