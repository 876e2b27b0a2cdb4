//! The window reads the Calling report kept in the cache (see
//! `store::calling_report`): the counts, then the rows it shows. When the
//! org has changed since the report was kept (a sync, a finished run), the
//! report is computed again and kept first, once however many screens ask
//! at the same time.

use std::sync::Mutex;

use hubdesk_api::{ApiError, CallingStatusRow, CallingSummary, CallingUser, CallingUserPage, CallingUserQuery};

use super::{calling_diagnose, MAX_ASKS};
use crate::store::{self, Store};
use crate::Core;

/// Most people one status call answers for (the users table asks for the
/// rows it draws).
const MAX_STATUSES: usize = 1_000;

/// Held while the report is computed and kept, so that screens asking at
/// the same time wait for one computation instead of each making its own.
#[derive(Default)]
pub struct KeptReport(Mutex<()>);

impl KeptReport {
    /// `read` of the kept report; when none is kept for the cache as it is,
    /// the report is computed and kept, and `read` answers from that one
    /// even if a sync has changed the org meanwhile.
    fn read<T>(
        &self,
        store: &Store,
        org_id: &str,
        read: impl Fn(Option<i64>) -> store::Result<Option<T>>,
    ) -> Result<T, ApiError> {
        if let Some(found) = read(None)? {
            return Ok(found);
        }
        let _computing = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // Another screen may have kept it while this one waited.
        if let Some(found) = read(None)? {
            return Ok(found);
        }
        let generation = store.org_generation(org_id)?;
        let report = calling_diagnose(store, org_id)?;
        store.keep_calling_report(&report, generation)?;
        read(Some(generation))?.ok_or_else(|| ApiError::internal("the Calling report just kept was not found"))
    }
}

impl Core {
    /// C2–C5: how many users of the org have each reason, and C7's list.
    pub fn calling_summary(&self, org_id: &str) -> Result<CallingSummary, ApiError> {
        self.calling_report.read(&self.store, org_id, |at| self.store.calling_summary(org_id, at))
    }

    /// A window of the report's users that `query` finds.
    pub fn calling_users(
        &self,
        org_id: &str,
        query: &CallingUserQuery,
        offset: u32,
        limit: u32,
    ) -> Result<CallingUserPage, ApiError> {
        self.calling_report
            .read(&self.store, org_id, |at| self.store.calling_users_page(org_id, query, offset, limit, at))
    }

    /// One user of the report; `None` when they have Calling.
    pub fn calling_user(&self, org_id: &str, person_id: &str) -> Result<Option<CallingUser>, ApiError> {
        self.calling_report.read(&self.store, org_id, |at| self.store.calling_user(org_id, person_id, at))
    }

    /// The ids of every user `query` finds (at most `MAX_ASKS`).
    pub fn calling_user_ids(&self, org_id: &str, query: &CallingUserQuery) -> Result<Vec<String>, ApiError> {
        let most = MAX_ASKS as u32;
        self.calling_report.read(&self.store, org_id, |at| self.store.calling_user_ids(org_id, query, most, at))
    }

    /// Each person's reason (`None`: has Calling), at most `MAX_STATUSES`.
    pub fn calling_statuses(&self, org_id: &str, person_ids: &[String]) -> Result<Vec<CallingStatusRow>, ApiError> {
        let person_ids = &person_ids[..person_ids.len().min(MAX_STATUSES)];
        self.calling_report.read(&self.store, org_id, |at| self.store.calling_statuses(org_id, person_ids, at))
    }
}
