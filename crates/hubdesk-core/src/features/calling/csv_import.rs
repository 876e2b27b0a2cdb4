//! A users CSV the admin edited, read back and planned against the cache
//! (C4): the work numbers it changes, the rows it leaves, the rows refused
//! with their line. Nothing is sent here; the plan becomes a fix preview.

use std::io::Read;
use std::path::Path;

use hubdesk_api::{ApiError, CallingFixPreview, CallingFixSkip, CallingFixSkipReason, CallingImportPreview, ErrorCode};
use hubdesk_rules::calling::{
    plan_import, read_sheet, ImportOrg, ImportOrgBuilder, NumberSet, Sheet, SheetError, MOST_BYTES,
};

pub use hubdesk_rules::calling::ImportPlan;

use super::{calling_locations, ensure_synced, person_fact};
use crate::features::templates::facts;
use crate::store::{Store, StoreError};
use crate::Core;

impl Core {
    /// Reads the CSV at `path` (at most `MOST_BYTES`) and plans it.
    pub fn calling_import_plan(&self, org_id: &str, path: &Path) -> Result<ImportPlan, ApiError> {
        let bytes = read_bounded(path)?;
        self.calling_import_plan_of(org_id, &bytes)
    }

    /// Plans a CSV already read (`bytes`: the file as it is).
    pub fn calling_import_plan_of(&self, org_id: &str, bytes: &[u8]) -> Result<ImportPlan, ApiError> {
        calling_import_plan(&self.store, org_id, bytes)
    }

    /// Takes the plan's changes into a fix preview `calling_fix_apply`
    /// sends. A user who already has Calling is left out (skipped): once
    /// provisioned, Webex ignores a new directory number (C7), so the
    /// change would not give the number; the Calling screen's "Number
    /// differs" reprovisions, behind its typed confirmation (C8).
    pub fn calling_import_fix_preview(
        &self,
        org_id: &str,
        plan: &mut ImportPlan,
    ) -> Result<CallingFixPreview, ApiError> {
        let (changes, provisioned): (Vec<_>, Vec<_>) =
            std::mem::take(&mut plan.changes).into_iter().partition(|c| c.reason.is_some());
        let skipped = provisioned
            .into_iter()
            .map(|c| CallingFixSkip { person_id: c.person_id, email: c.email, why: CallingFixSkipReason::HasCalling })
            .collect();
        self.calling_store_fix_preview(org_id, changes, skipped, true)
    }
}

pub fn calling_import_plan(store: &Store, org_id: &str, bytes: &[u8]) -> Result<ImportPlan, ApiError> {
    let sheet = read_sheet(bytes).map_err(|e| unreadable(&e))?;
    Ok(plan_import(&sheet, &import_org(store, org_id, &sheet)?))
}

/// What the plan of `sheet` reads of the org's cache (see `ImportOrg`):
/// one pass over its people, reading in full only the users whose row may
/// change their number, while the inventory's numbers are read on a thread
/// and connection of its own; then the facts of the numbers those users hold.
pub fn import_org<'s>(store: &Store, org_id: &str, sheet: &'s Sheet) -> Result<ImportOrg<'s>, ApiError> {
    ensure_synced(store, org_id)?;
    let licenses = facts::license_facts(store, org_id)?;
    let paid = facts::paid_licenses(&licenses);
    let mut org = ImportOrgBuilder::new(
        sheet,
        licenses.clone(),
        calling_locations(store, org_id)?,
        store.calling_location_ids(org_id)?,
    );
    let (people, numbers) = std::thread::scope(|scope| {
        let numbers = scope.spawn(|| {
            let mut numbers = NumberSet::default();
            store.each_inventory_number_apart(org_id, |n| numbers.insert(n)).map(|()| numbers)
        });
        let people = store.each_calling_person(org_id, |p| {
            org.person(p.email()?, p.work_number()?, p.location_id()?, || {
                Ok::<_, StoreError>(person_fact(p.whole()?, &paid))
            })
        });
        (people, numbers.join().expect("reading the inventory panicked"))
    });
    people?;
    let held = store.inventory_numbers_among(org_id, org.held_by_changing_users())?;
    org.inventory(numbers?, facts::number_facts(held));
    Ok(org.finish())
}

/// The window's preview of an import: the plan's counts and rejections,
/// and `fix`, the stored preview of its changes (`calling_fix_apply`).
pub fn import_preview(file_name: String, plan: ImportPlan, fix: CallingFixPreview) -> CallingImportPreview {
    CallingImportPreview { file_name, rows: plan.rows, unchanged: plan.unchanged, fix, rejections: plan.rejections }
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, ApiError> {
    let cannot = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "The file could not be read. Check that it exists and that you may read it.",
        )
        .with_detail(format!("cannot read {}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    // One byte more than allowed tells a file that is too large.
    file.take(MOST_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > MOST_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len(), |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        return Err(unreadable(&SheetError::TooLarge { bytes: size }));
    }
    Ok(bytes)
}

fn unreadable(e: &SheetError) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, e.message()).with_detail(format!("users CSV refused: {e:?}"))
}
