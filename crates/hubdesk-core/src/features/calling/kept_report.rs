//! The last org's Calling report, kept while the cache has not changed, so
//! opening the screen again (or another org and back) does not recompute
//! what is already known: a report of 100,000 users takes most of a second
//! (docs/benchmarks.md). SQLite's `data_version` says whether anything, in
//! this process or another, has committed to the cache since.

use std::sync::Mutex;

use hubdesk_api::{ApiError, CallingReport};

use crate::store::Store;

#[derive(Default)]
pub struct KeptReport(Mutex<Option<Kept>>);

struct Kept {
    org_id: String,
    data_version: i64,
    report: CallingReport,
}

impl KeptReport {
    /// The report of `org_id`: the kept one when the cache is as it was,
    /// else `compute`'s, kept if nothing was committed while it ran.
    pub fn get_or_compute(
        &self,
        store: &Store,
        org_id: &str,
        compute: impl FnOnce() -> Result<CallingReport, ApiError>,
    ) -> Result<CallingReport, ApiError> {
        let before = store.data_version()?;
        let mut kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(k) = kept.as_ref().filter(|k| k.org_id == org_id && k.data_version == before) {
            return Ok(k.report.clone());
        }
        let report = compute()?;
        *kept = (store.data_version()? == before).then(|| Kept {
            org_id: org_id.to_owned(),
            data_version: before,
            report: report.clone(),
        });
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::Person;

    fn report(org_id: &str) -> CallingReport {
        CallingReport::new(org_id.to_owned(), Vec::new(), Vec::new())
    }

    #[test]
    fn the_report_is_computed_again_only_when_the_cache_has_changed() {
        let (_dir, store) = temp_store();
        let kept = KeptReport::default();
        let computed = Cell::new(0);
        let get = |org: &str| {
            kept.get_or_compute(&store, org, || {
                computed.set(computed.get() + 1);
                Ok(report(org))
            })
            .unwrap()
        };
        assert_eq!(get("org-a"), report("org-a"));
        assert_eq!(get("org-a"), report("org-a"));
        assert_eq!(computed.get(), 1, "unchanged cache: the kept report");
        get("org-b");
        assert_eq!(computed.get(), 2, "another org is its own report");
        get("org-b");
        assert_eq!(computed.get(), 2);
        // A sync writes the people: what was kept no longer holds.
        let person = Person { id: "p1".into(), emails: vec!["p1@x.example".into()], ..Person::default() };
        store.replace_people("org-b", &[person]).unwrap();
        get("org-b");
        assert_eq!(computed.get(), 3, "a commit to the cache computes again");
    }

    #[test]
    fn a_report_that_fails_is_not_kept() {
        let (_dir, store) = temp_store();
        let kept = KeptReport::default();
        let failed = kept.get_or_compute(&store, "org", || Err(ApiError::internal("no")));
        assert!(failed.is_err());
        assert_eq!(kept.get_or_compute(&store, "org", || Ok(report("org"))).unwrap(), report("org"));
    }
}
