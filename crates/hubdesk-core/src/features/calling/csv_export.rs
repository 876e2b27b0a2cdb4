//! The org's users as Control Hub's users CSV (webex-api.md §9) with the
//! report's `Reason` and `Suggested Number`, for the spreadsheet round trip:
//! every user, with Calling or not, so the file can be edited and imported
//! back (`csv_import`).

use std::collections::HashMap;
use std::path::Path;

use hubdesk_api::{ApiError, ErrorCode};
use hubdesk_rules::calling::{diagnose, write_users_csv, CsvUser};

use super::CallingFacts;
use crate::files::write_atomically;
use crate::store::Store;
use crate::Core;

impl Core {
    /// The CSV of `org_id` as last synced, and how many users it holds.
    pub fn calling_users_csv(&self, org_id: &str) -> Result<(Vec<u8>, usize), ApiError> {
        calling_users_csv(&self.store, org_id)
    }

    /// Writes the CSV to `path` whole or not at all (a temporary file,
    /// 0600, renamed over it); the number of users written.
    pub fn calling_export_csv(&self, org_id: &str, path: &Path) -> Result<usize, ApiError> {
        let (bytes, users) = self.calling_users_csv(org_id)?;
        write_atomically(path, |out| {
            out.write_all(&bytes).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    "The file could not be written. Check the folder and its free space.",
                )
                .with_detail(format!("cannot write {}: {e}", path.display()))
            })
        })?;
        Ok(users)
    }
}

/// The CSV of `org_id` as last synced, and how many users it holds.
pub fn calling_users_csv(store: &Store, org_id: &str) -> Result<(Vec<u8>, usize), ApiError> {
    let cached = CallingFacts::load(store, org_id)?;
    let report = diagnose(&cached.facts, &cached.locations, &cached.person_locations);
    let people = store.people_of_org(org_id)?;
    let location_names: HashMap<&str, &str> =
        cached.locations.iter().map(|l| (l.id.as_str(), l.name.as_str())).collect();
    let users = people.iter().map(|p| CsvUser {
        person_id: &p.id,
        first_name: p.first_name.as_deref().unwrap_or_default(),
        last_name: p.last_name.as_deref().unwrap_or_default(),
        display_name: &p.display_name,
        email: p.primary_email(),
        work_number: p.work_number().unwrap_or_default(),
        extension: p.extension.as_deref().unwrap_or_default(),
        location: p.location_id.as_deref().and_then(|id| location_names.get(id).copied()).unwrap_or_default(),
        licenses: &p.licenses,
    });
    let bytes = write_users_csv(Vec::new(), &cached.facts.licenses, users, &report).map_err(|e| {
        ApiError::new(ErrorCode::Internal, "The users CSV could not be made.")
            .with_detail(format!("cannot write the Calling users CSV: {e}"))
    })?;
    Ok((bytes, people.len()))
}
