//! One org's cache as the CSV export and import read it: what the report
//! is computed from (`CallingFacts`) and the report itself (C2–C5).

use hubdesk_api::{ApiError, CallingUser};
use hubdesk_rules::calling::{diagnose, PlanFacts};

use super::CallingFacts;
use crate::store::Store;

pub(super) struct CallingOrg {
    pub cached: CallingFacts,
    /// The users without Calling and why.
    pub report: Vec<CallingUser>,
}

impl CallingOrg {
    pub fn load(store: &Store, org_id: &str) -> Result<CallingOrg, ApiError> {
        let cached = CallingFacts::load(store, org_id)?;
        let report = diagnose(&cached.facts, &cached.locations, &cached.person_locations);
        Ok(CallingOrg { cached, report })
    }

    pub fn plan_facts(&self) -> PlanFacts<'_> {
        PlanFacts {
            facts: &self.cached.facts,
            locations: &self.cached.locations,
            person_locations: &self.cached.person_locations,
            report: &self.report,
        }
    }
}
