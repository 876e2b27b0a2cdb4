//! Webex Calling eligibility (C2–C5): why each user of an org without a
//! Calling license has none, from the cache alone (no network), with the
//! evidence and, for a number that is not E.164, the number it could be;
//! the C7 mismatches of users who have Calling; and the fixes (C1, C4, C6,
//! C7), previewed from the cache and sent through the journal.

pub mod commands;
mod csv_export;
mod csv_import;
mod export;
mod fix_apply;
mod fix_commands;
mod fix_journal;
mod fixes;
mod import_commands;
mod kept_report;
mod template_fix;

use std::collections::HashSet;

use hubdesk_api::{AccountStatus, ApiError, CallingMismatch, CallingReport, ErrorCode};
use hubdesk_rules::calling::{diagnose, mismatches, CallingLocation};

use hubdesk_rules::templates::hash::FastMap;
use hubdesk_rules::templates::{OrgFacts, PersonFact};

use crate::features::templates::facts;
use crate::store::{CallingPersonRow, Store};
use crate::Core;

pub use csv_export::calling_users_csv;
pub use csv_import::{calling_import_plan, import_org, import_preview, ImportPlan};
pub use export::{write_report, CallingFormat, CSV_HEADER};
pub use fixes::{FixPreviews, MAX_ASKS};
pub use kept_report::KeptReport;

impl Core {
    /// The whole report of `org_id` as last synced, computed now (the
    /// command line and the CSV; the window reads the kept one a page at a
    /// time, see `kept_report`).
    pub fn calling_diagnose(&self, org_id: &str) -> Result<CallingReport, ApiError> {
        calling_diagnose(&self.store, org_id)
    }
}

pub fn calling_diagnose(store: &Store, org_id: &str) -> Result<CallingReport, ApiError> {
    Ok(report_of(&CallingFacts::load(store, org_id)?))
}

/// What the report and the fixes are computed from: one org's cache. The
/// facts hold what Calling reads (people's numbers, licenses and
/// locations, the inventory); not groups or Meetings roles, which only
/// templates need.
pub struct CallingFacts {
    pub org_id: String,
    pub facts: OrgFacts,
    pub locations: Vec<CallingLocation>,
    pub person_locations: FastMap<String, String>,
    pub extensions: FastMap<String, String>,
}

impl CallingFacts {
    pub fn load(store: &Store, org_id: &str) -> Result<CallingFacts, ApiError> {
        ensure_synced(store, org_id)?;
        let licenses = facts::license_facts(store, org_id)?;
        let paid = facts::paid_licenses(&licenses);
        // The inventory is read on a thread and connection of its own
        // while the people are read here: each is 100,000 rows in a large
        // org, and reading them was most of the report's time.
        let (people, numbers) = std::thread::scope(|scope| {
            let numbers = scope.spawn(|| store.inventory_numbers_apart(org_id).map(facts::number_facts));
            let people = store.calling_people(org_id).map(|rows| CallingPeople::load(rows, &paid));
            (people, numbers.join().expect("reading the inventory panicked"))
        });
        let CallingPeople { people, person_locations, extensions } = people?;
        Ok(CallingFacts {
            org_id: org_id.to_owned(),
            facts: facts::org_facts(store, org_id, licenses, people, Vec::new(), numbers?)?,
            locations: calling_locations(store, org_id)?,
            person_locations,
            extensions,
        })
    }
}

/// Refuses an org that was never synced into this cache: its report
/// would be empty, and look like good news.
fn ensure_synced(store: &Store, org_id: &str) -> Result<(), ApiError> {
    if store.sync_status(org_id)?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "This organization has not been synced into this cache. Sync it first, or check the org id.",
        )
        .with_detail(format!("org {org_id} has not been synced into this database")));
    }
    Ok(())
}

/// The org's locations with the country a national number is read in.
fn calling_locations(store: &Store, org_id: &str) -> Result<Vec<CallingLocation>, ApiError> {
    Ok(store
        .locations_with_country(org_id)?
        .into_iter()
        .map(|(id, name, country)| CallingLocation { id, name, country })
        .collect())
}

/// The people as the rules read them, with where the directory puts each.
struct CallingPeople {
    people: Vec<PersonFact>,
    person_locations: FastMap<String, String>,
    extensions: FastMap<String, String>,
}

impl CallingPeople {
    fn load(rows: Vec<CallingPersonRow>, paid: &HashSet<&str>) -> CallingPeople {
        let mut person_locations = FastMap::default();
        let mut extensions = FastMap::default();
        let mut people = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(location_id) = &row.location_id {
                person_locations.insert(row.id.clone(), location_id.clone());
            }
            if let Some(extension) = &row.extension {
                extensions.insert(row.id.clone(), extension.clone());
            }
            people.push(person_fact(row, paid));
        }
        CallingPeople { people, person_locations, extensions }
    }
}

/// A cached person as the Calling rules read them.
fn person_fact(row: CallingPersonRow, paid: &HashSet<&str>) -> PersonFact {
    PersonFact {
        // Calling users carry their location (webex-api.md §3).
        has_calling_line: row.location_id.is_some() || row.extension.is_some(),
        active: row.account != AccountStatus::InvitePending,
        created_with_licenses: row.licenses.iter().any(|l| paid.contains(l.as_str())),
        attendee_sites: Vec::new(),
        admin_sites: Vec::new(),
        groups: Vec::new(),
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        work_number: row.work_number,
        licenses: row.licenses,
    }
}

pub fn report_of(f: &CallingFacts) -> CallingReport {
    let facts = &f.facts;
    let users = diagnose(facts, &f.locations, &f.person_locations);
    let people: FastMap<&str, _> = facts.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let found = mismatches(facts, &f.person_locations).into_iter().filter_map(|m| {
        let person = people.get(m.person_id.as_str())?;
        let location_name =
            m.location_id.as_ref().and_then(|id| f.locations.iter().find(|l| &l.id == id)).map(|l| l.name.clone());
        Some(CallingMismatch {
            email: person.email.clone(),
            display_name: person.display_name.clone(),
            extension: f.extensions.get(&m.person_id).cloned(),
            person_id: m.person_id,
            work_number: m.work_number,
            calling_number: m.calling_number,
            location_id: m.location_id,
            location_name,
            suggested_fix: m.suggested_fix,
        })
    });
    CallingReport::new(f.org_id.clone(), users, found.collect())
}
