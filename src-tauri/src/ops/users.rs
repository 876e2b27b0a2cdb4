//! The users screen: search the cache, show one person. Works offline.

use super::Core;
use crate::api::{ApiError, PeoplePage, PeopleQuery, PersonDetail};

impl Core {
    pub fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage, ApiError> {
        Ok(self.store.search_people(query)?)
    }

    pub fn person_detail(&self, org_id: &str, person_id: &str) -> Result<PersonDetail, ApiError> {
        Ok(self.store.person_detail(org_id, person_id)?)
    }
}
