//! User commands: the cache's people, searched and shown. Work offline.

use hubdesk_api::{
    ApiError, PeopleFilter, PeopleFilterOptions, PeoplePage, PeopleQuery, PeopleSelection, PersonDetail, SearchResults,
};

use crate::commands::Caller;

pub async fn search_people(caller: &Caller, query: PeopleQuery) -> Result<PeoplePage, ApiError> {
    caller.core.search_people(&query)
}

pub async fn people_filter_options(caller: &Caller, org_id: String) -> Result<PeopleFilterOptions, ApiError> {
    caller.core.people_filter_options(&org_id)
}

pub async fn people_selection(
    caller: &Caller,
    org_id: String,
    text: String,
    filter: PeopleFilter,
) -> Result<PeopleSelection, ApiError> {
    caller.core.people_selection(&org_id, &text, &filter)
}

pub async fn search_everywhere(caller: &Caller, text: String) -> Result<SearchResults, ApiError> {
    caller.core.search_everywhere(&text)
}

pub async fn get_person(caller: &Caller, org_id: String, person_id: String) -> Result<PersonDetail, ApiError> {
    caller.core.person_detail(&org_id, &person_id)
}
