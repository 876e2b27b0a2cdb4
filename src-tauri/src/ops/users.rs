//! The users screen: search the cache, show one person. Works offline.

use super::Core;
use crate::api::{ApiError, ChangeRow, PeoplePage, PeopleQuery, PersonDetail, SearchResults};

/// Hits shown by the search across orgs; the total says how many more.
const EVERYWHERE_LIMIT: u32 = 50;

impl Core {
    pub fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage, ApiError> {
        Ok(self.store.search_people(query)?)
    }

    /// The partner's search box: people of every cached org.
    pub fn search_everywhere(&self, text: &str) -> Result<SearchResults, ApiError> {
        Ok(self.store.search_everywhere(text, EVERYWHERE_LIMIT)?)
    }

    /// What the recent syncs of an org found changed, newest first.
    pub fn changes(&self, org_id: &str) -> Result<Vec<ChangeRow>, ApiError> {
        Ok(self.store.changes(org_id, 1000)?)
    }

    pub fn person_detail(&self, org_id: &str, person_id: &str) -> Result<PersonDetail, ApiError> {
        Ok(self.store.person_detail(org_id, person_id)?)
    }
}
