//! The users screen: search, filter and sort the cache, show one person.
//! Works offline.

use hubdesk_api::{
    ApiError, PeopleFilter, PeopleFilterOptions, PeoplePage, PeopleQuery, PeopleSelection, PersonDetail, SearchResults,
};

use crate::Core;

pub mod commands;
mod export;

pub use export::{export_people, ExportFormat};

/// Hits shown by the search across orgs; the total says how many more.
const EVERYWHERE_LIMIT: u32 = 50;
/// People an action on the whole table takes at once: the largest orgs'
/// (beyond it, narrow the table or use the command line).
const SELECTION_LIMIT: u32 = 100_000;

impl Core {
    pub fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage, ApiError> {
        Ok(self.store.search_people(query)?)
    }

    pub fn people_filter_options(&self, org_id: &str) -> Result<PeopleFilterOptions, ApiError> {
        Ok(self.store.people_filter_options(org_id)?)
    }

    /// Everyone the users table shows for `text` and `filter`: what an action
    /// on "all of them" acts on.
    pub fn people_selection(
        &self,
        org_id: &str,
        text: &str,
        filter: &PeopleFilter,
    ) -> Result<PeopleSelection, ApiError> {
        let (person_ids, total) = self.store.matching_person_ids(org_id, text, filter, SELECTION_LIMIT)?;
        Ok(PeopleSelection { person_ids, total })
    }

    /// The partner's search box: people of every cached org.
    pub fn search_everywhere(&self, text: &str) -> Result<SearchResults, ApiError> {
        Ok(self.store.search_everywhere(text, EVERYWHERE_LIMIT)?)
    }

    pub fn person_detail(&self, org_id: &str, person_id: &str) -> Result<PersonDetail, ApiError> {
        Ok(self.store.person_detail(org_id, person_id)?)
    }
}
