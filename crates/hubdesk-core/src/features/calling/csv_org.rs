//! One org's cache as the CSV export and import read it: the facts the
//! report is computed from, the locations with their countries, where the
//! directory puts each person, and the report itself (C2–C5).

use std::collections::HashMap;

use hubdesk_api::{ApiError, CallingUser, ErrorCode};
use hubdesk_rules::calling::{diagnose, CallingLocation, PlanFacts};
use hubdesk_rules::templates::OrgFacts;

use crate::features::templates::facts;
use crate::store::Store;

pub(super) struct CallingOrg {
    pub facts: OrgFacts,
    pub locations: Vec<CallingLocation>,
    pub person_locations: HashMap<String, String>,
    /// The users without Calling and why.
    pub report: Vec<CallingUser>,
}

impl CallingOrg {
    pub fn load(store: &Store, org_id: &str) -> Result<CallingOrg, ApiError> {
        if store.sync_status(org_id)?.is_empty() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "This organization has not been synced into this cache. Sync it first, or check the org id.",
            )
            .with_detail(format!("org {org_id} has not been synced into this database")));
        }
        let facts = facts::load(store, org_id)?.facts;
        let locations: Vec<CallingLocation> = store
            .locations_with_country(org_id)?
            .into_iter()
            .map(|(id, name, country)| CallingLocation { id, name, country })
            .collect();
        let person_locations: HashMap<String, String> = store.person_locations(org_id)?.into_iter().collect();
        let report = diagnose(&facts, &locations, &person_locations);
        Ok(CallingOrg { facts, locations, person_locations, report })
    }

    pub fn plan_facts(&self) -> PlanFacts<'_> {
        PlanFacts {
            facts: &self.facts,
            locations: &self.locations,
            person_locations: &self.person_locations,
            report: &self.report,
        }
    }
}
