//! Webex Calling eligibility (C2–C5): why each user of an org without a
//! Calling license has none, from the cache alone (no network), with the
//! evidence and, for a number that is not E.164, the number it could be.

pub mod commands;
mod csv_export;
mod csv_import;
mod csv_org;
mod export;
mod fix_commands;
mod import_commands;

use std::collections::HashMap;

use hubdesk_api::{ApiError, CallingReport, ErrorCode};
use hubdesk_rules::calling::{diagnose, CallingLocation};

use crate::features::templates::facts;
use crate::store::Store;
use crate::Core;

pub use csv_export::calling_users_csv;
pub use csv_import::{calling_import_plan, import_preview, ImportPlan};
pub use export::{write_report, CallingFormat, CSV_HEADER};

impl Core {
    /// The report of `org_id` as last synced.
    pub fn calling_diagnose(&self, org_id: &str) -> Result<CallingReport, ApiError> {
        calling_diagnose(&self.store, org_id)
    }
}

pub fn calling_diagnose(store: &Store, org_id: &str) -> Result<CallingReport, ApiError> {
    if store.sync_status(org_id)?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "This organization has not been synced into this cache. Sync it first, or check the org id.",
        )
        .with_detail(format!("org {org_id} has not been synced into this database")));
    }
    let snapshot = facts::load(store, org_id)?;
    let locations: Vec<CallingLocation> = store
        .locations_with_country(org_id)?
        .into_iter()
        .map(|(id, name, country)| CallingLocation { id, name, country })
        .collect();
    let person_locations: HashMap<String, String> = store.person_locations(org_id)?.into_iter().collect();
    let users = diagnose(&snapshot.facts, &locations, &person_locations);
    Ok(CallingReport::new(org_id.to_owned(), users, Vec::new()))
}
