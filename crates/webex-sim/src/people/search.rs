//! Which people a `GET /v1/people` request means, and one page of them.
//!
//! Sources: the `id` list (up to 85), the `email`, or an org's people
//! (`orgId`, by default the caller's own). Filters on top: `displayName`
//! prefix (display, first or last name, any case), `locationId` (Calling
//! users of that location), `roles`. Lookups by id or email reach every org
//! the caller manages; ids it cannot see come back in `notFoundIds`.

use crate::http::{ApiError, Caller, QueryParams};
use crate::ids::{self, IdType};
use crate::tenant::{LocationIdx, OrgIdx, Person, PersonIdx, Tenant};

/// Most ids one `id=` list may hold.
pub const MAX_IDS: usize = 85;

enum Source {
    /// Explicit people (from `id` or `email`); the cursor is a position in the list.
    Listed(Vec<PersonIdx>),
    /// An org's people; the cursor is a person index, so it survives
    /// people being added or removed between pages.
    Org(OrgIdx),
}

pub struct Search {
    source: Source,
    name_prefix: Option<String>,
    location: Option<LocationIdx>,
    roles: Option<Vec<String>>,
    pub by_id: bool,
    pub not_found_ids: Vec<String>,
}

pub struct Page {
    pub people: Vec<PersonIdx>,
    /// Cursor of the next page, when there is one.
    pub next: Option<usize>,
}

impl Search {
    pub fn from_params(tenant: &Tenant, caller: &Caller, params: &QueryParams) -> Result<Search, ApiError> {
        let org_param = params.get("orgId").map(|id| caller.org_param(tenant, Some(id))).transpose()?;
        let location = location_param(tenant, caller, params.get("locationId"), org_param)?;
        let mut search = Search {
            source: Source::Org(org_param.or(location.map(|l| tenant.location(l).org)).unwrap_or(caller.org)),
            name_prefix: params.get("displayName").map(str::to_lowercase),
            location,
            roles: params.get("roles").map(role_names).transpose()?,
            by_id: false,
            not_found_ids: Vec::new(),
        };
        if let Some(id_list) = params.get("id") {
            search.by_id = true;
            search.source = Source::Listed(search.resolve_ids(tenant, caller, id_list, org_param)?);
        } else if let Some(email) = params.get("email") {
            let found = tenant.find_person_by_email(email).filter(|&p| visible(tenant, caller, p, org_param));
            search.source = Source::Listed(found.into_iter().collect());
        }
        Ok(search)
    }

    /// Listing a whole org needs the admin scope; a lookup does not.
    pub fn lists_whole_org(&self) -> bool {
        matches!(self.source, Source::Org(_)) && self.name_prefix.is_none()
    }

    fn resolve_ids(
        &mut self,
        tenant: &Tenant,
        caller: &Caller,
        list: &str,
        org: Option<OrgIdx>,
    ) -> Result<Vec<PersonIdx>, ApiError> {
        let wanted: Vec<&str> = list.split(',').map(str::trim).filter(|id| !id.is_empty()).collect();
        if wanted.len() > MAX_IDS {
            return Err(ApiError::bad_request(format!("id accepts up to {MAX_IDS} person ids.")));
        }
        let mut found = Vec::with_capacity(wanted.len());
        for id in wanted {
            let person = ids::decode_uuid(IdType::People, id).and_then(|uuid| tenant.find_person(&uuid));
            match person.filter(|&p| visible(tenant, caller, p, org)) {
                Some(p) => found.push(p),
                None => self.not_found_ids.push(id.to_string()),
            }
        }
        Ok(found)
    }

    /// Up to `size` matching people from cursor `start`.
    pub fn page(&self, tenant: &Tenant, start: usize, size: usize) -> Page {
        match &self.source {
            Source::Listed(list) => {
                let mut hits = (start..list.len()).filter(|&pos| self.matches(tenant.person(list[pos])));
                let people = hits.by_ref().take(size).map(|pos| list[pos]).collect();
                Page { people, next: hits.next() }
            }
            Source::Org(org) => {
                let members = &tenant.org(*org).members;
                let from = members.partition_point(|p| p.get() < start);
                let mut hits = members[from..].iter().copied().filter(|&p| self.matches(tenant.person(p)));
                let people = hits.by_ref().take(size).collect();
                Page { people, next: hits.next().map(PersonIdx::get) }
            }
        }
    }

    fn matches(&self, person: &Person) -> bool {
        let name_ok = self.name_prefix.as_deref().is_none_or(|prefix| {
            [&*person.display_name, &*person.first_name, &*person.last_name]
                .iter()
                .any(|name| starts_with_lowercase(name, prefix))
        });
        let location_ok = self.location.is_none_or(|l| person.calling.is_some() && person.location == l);
        let roles_ok = self
            .roles
            .as_ref()
            .is_none_or(|roles| person.admin.is_some_and(|role| roles.iter().any(|r| r == role.webex_role())));
        name_ok && location_ok && roles_ok
    }
}

/// Whether the caller may see this person (and it is in `org`, if one was named).
fn visible(tenant: &Tenant, caller: &Caller, person: PersonIdx, org: Option<OrgIdx>) -> bool {
    let person_org = tenant.person(person).org;
    tenant.manages(caller.org, person_org) && org.is_none_or(|o| o == person_org)
}

fn location_param(
    tenant: &Tenant,
    caller: &Caller,
    id: Option<&str>,
    org: Option<OrgIdx>,
) -> Result<Option<LocationIdx>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    let uuid = ids::decode_uuid(IdType::Location, id)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid locationId '{id}'.")))?;
    let location = tenant.find_location(&uuid).ok_or_else(|| ApiError::not_found("Location not found."))?;
    let location_org = tenant.location(location).org;
    caller.check_org(tenant, location_org)?;
    if org.is_some_and(|o| o != location_org) {
        return Err(ApiError::bad_request("locationId is not a location of orgId."));
    }
    Ok(Some(location))
}

/// Role ids (`ROLE/id_full_admin`...) to role names.
fn role_names(list: &str) -> Result<Vec<String>, ApiError> {
    list.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            ids::decode(IdType::Role, id).ok_or_else(|| ApiError::bad_request(format!("Invalid role id '{id}'.")))
        })
        .collect()
}

/// Case-insensitive prefix test; `prefix` is already lower case.
fn starts_with_lowercase(text: &str, prefix: &str) -> bool {
    let mut text = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| text.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ignores_case_with_diacritics() {
        assert!(starts_with_lowercase("Søren Ødegård", "sø"));
        assert!(starts_with_lowercase("Ødegård", "øde"));
        assert!(starts_with_lowercase("Élodie", "élo"));
        assert!(!starts_with_lowercase("Soren", "sø"));
        assert!(!starts_with_lowercase("Å", "åsa"));
    }
}
