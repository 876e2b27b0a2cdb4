//! The Calling report kept in the cache: computed once after the org's
//! people, numbers, locations or licenses change, then read a window at a
//! time. Computing it for 100,000 users takes most of a second
//! (docs/benchmarks.md); the screen opens on the counts and the rows it
//! shows, which are read here in milliseconds.
//!
//! Whether the kept report still holds is the org's generation: a counter
//! every write of the org's synced data bumps in its own transaction
//! (`bump_generation`), and the report is kept with the generation it was
//! computed from. Its users are keyed by the person's rowid, so a page
//! comes off in the people's name order and the users table's search index
//! finds them (see `search`).

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use hubdesk_api::{
    CallingReason, CallingReport, CallingStatusRow, CallingSummary, CallingUser, CallingUserPage, CallingUserQuery,
};
use hubdesk_rules::templates::hash::FastMap;

use super::search::{fts_query, MAX_PAGE};
use super::{name_order, stored_person, Result, Store, StoreError};

/// Migration 7: the org's generation and the kept report.
pub(super) const MIGRATION: &str = r#"
    CREATE TABLE org_generations (
        org_id     TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
    );
    CREATE TABLE calling_reports (
        org_id     TEXT PRIMARY KEY,
        -- the org's generation the report was computed from
        generation INTEGER NOT NULL,
        counts     TEXT NOT NULL,
        mismatches TEXT NOT NULL
    );
    -- One row per user without Calling; rowids are the people's.
    CREATE TABLE calling_report_users (
        person_rowid INTEGER PRIMARY KEY,
        -- the position of the reason in CallingReason::ALL
        reason       INTEGER NOT NULL,
        person_id    TEXT NOT NULL,
        user         TEXT NOT NULL
    );
    CREATE INDEX calling_report_users_by_reason ON calling_report_users (reason, person_rowid);
"#;

/// Counts what changed in an org's synced data; called inside the
/// transaction that writes it, so a report computed before cannot be kept
/// as if it were computed after.
pub(super) fn bump_generation(tx: &Transaction<'_>, org_id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO org_generations (org_id, generation) VALUES (?1, 1)
         ON CONFLICT (org_id) DO UPDATE SET generation = generation + 1",
        [org_id],
    )?;
    Ok(())
}

fn generation(conn: &Connection, org_id: &str) -> Result<i64> {
    let found = conn.query_row("SELECT generation FROM org_generations WHERE org_id = ?1", [org_id], |r| r.get(0));
    Ok(found.optional()?.unwrap_or(0))
}

fn reason_index(reason: CallingReason) -> i64 {
    CallingReason::ALL.iter().position(|&r| r == reason).unwrap_or_default() as i64
}

fn reason_at(index: i64) -> Result<CallingReason> {
    usize::try_from(index)
        .ok()
        .and_then(|i| CallingReason::ALL.get(i).copied())
        .ok_or_else(|| corrupt(format!("reason {index}")))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(corrupt)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(corrupt)
}

/// `value` as JSON in `buffer` (cleared first), for one insert of many.
fn json_in<'b, T: serde::Serialize>(buffer: &'b mut Vec<u8>, value: &T) -> Result<&'b str> {
    buffer.clear();
    serde_json::to_writer(&mut *buffer, value).map_err(corrupt)?;
    std::str::from_utf8(buffer).map_err(corrupt)
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("calling report: {e}"))
}

/// A read of the kept report, in one snapshot of the cache.
struct Kept<'a> {
    conn: &'a Connection,
    org_id: &'a str,
    range: (i64, i64),
}

impl<'a> Kept<'a> {
    /// The org's kept report, when it was computed from the cache as it is
    /// (or, `at`, from that generation of it).
    fn open(conn: &'a Connection, org_id: &'a str, at: Option<i64>) -> Result<Option<Kept<'a>>> {
        let kept: Option<i64> = conn
            .query_row("SELECT generation FROM calling_reports WHERE org_id = ?1", [org_id], |r| r.get(0))
            .optional()?;
        let wanted = match at {
            Some(generation) => generation,
            None => generation(conn, org_id)?,
        };
        if kept != Some(wanted) {
            return Ok(None);
        }
        // A kept report of an org without people has no rows to range over.
        let range = name_order::org_range(conn, org_id)?.unwrap_or((0, -1));
        Ok(Some(Kept { conn, org_id, range }))
    }

    fn summary(&self) -> Result<CallingSummary> {
        let (counts, mismatches): (String, String) = self.conn.query_row(
            "SELECT counts, mismatches FROM calling_reports WHERE org_id = ?1",
            [self.org_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(CallingSummary {
            org_id: self.org_id.to_owned(),
            counts: from_json(&counts)?,
            mismatches: from_json(&mismatches)?,
        })
    }

    /// The condition and parameters for the users a query finds: `?1`, `?2`
    /// the org's rowids, `?3` the reason's position or NULL, `?4` the
    /// search index's query or NULL.
    fn matching(&self, query: &CallingUserQuery) -> Result<(&'static str, Option<i64>, Option<String>)> {
        let text = fts_query(self.conn, &query.text)?;
        let condition = "person_rowid BETWEEN ?1 AND ?2 AND (?3 IS NULL OR reason = ?3)
             AND (?4 IS NULL OR person_rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?4
                                                 AND rowid BETWEEN ?1 AND ?2))";
        Ok((condition, query.reason.map(reason_index), text))
    }

    fn page(&self, query: &CallingUserQuery, offset: u32, limit: u32) -> Result<CallingUserPage> {
        let (condition, reason, text) = self.matching(query)?;
        let (low, high) = self.range;
        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) FROM calling_report_users WHERE {condition}"),
            params![low, high, reason, text],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT user FROM calling_report_users WHERE {condition} ORDER BY person_rowid LIMIT ?5 OFFSET ?6"
        ))?;
        let texts =
            stmt.query_map(params![low, high, reason, text, limit.min(MAX_PAGE), offset], |r| r.get::<_, String>(0))?;
        let users = texts.map(|t| from_json::<CallingUser>(&t?)).collect::<Result<Vec<_>>>()?;
        Ok(CallingUserPage { total, offset, users })
    }

    fn ids(&self, query: &CallingUserQuery, most: u32) -> Result<Vec<String>> {
        let (condition, reason, text) = self.matching(query)?;
        let (low, high) = self.range;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT person_id FROM calling_report_users WHERE {condition} ORDER BY person_rowid LIMIT ?5"
        ))?;
        let ids = stmt.query_map(params![low, high, reason, text, most], |r| r.get(0))?;
        Ok(ids.collect::<std::result::Result<_, _>>()?)
    }

    /// The user's row, through the people's key (a rowid outside the org
    /// cannot be theirs).
    fn user_row<T>(
        &self,
        person_id: &str,
        column: &str,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let Some(rowid) = stored_person::rowid_of(self.conn, self.org_id, person_id)? else { return Ok(None) };
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {column} FROM calling_report_users WHERE person_rowid = ?1"))?;
        Ok(stmt.query_row([rowid], |r| read(r)).optional()?)
    }
}

impl Store {
    /// The org's generation: how many writes of its synced data there were.
    pub fn org_generation(&self, org_id: &str) -> Result<i64> {
        generation(&self.reader(), org_id)
    }

    /// Keeps `report`, computed from the cache at `generation_then`. If the
    /// org has changed since, the next read finds it old and computes it
    /// again; what asked for it meanwhile still reads it (`at`).
    pub fn keep_calling_report(&self, report: &CallingReport, generation_then: i64) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let (low, high) = name_order::org_range(&tx, &report.org_id)?.unwrap_or((0, -1));
        tx.execute("DELETE FROM calling_report_users WHERE person_rowid BETWEEN ?1 AND ?2", [low, high])?;
        {
            let rowids: FastMap<String, i64> = {
                let mut stmt = tx.prepare("SELECT id, rowid FROM people WHERE rowid BETWEEN ?1 AND ?2")?;
                let rows = stmt.query_map([low, high], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<std::result::Result<_, _>>()?
            };
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO calling_report_users (person_rowid, reason, person_id, user) VALUES (?1, ?2, ?3, ?4)",
            )?;
            // One buffer for every user's JSON: 66,666 of them in an org of 100,000.
            let mut json = Vec::with_capacity(1024);
            for user in &report.users {
                let Some(rowid) = rowids.get(&user.person_id) else { continue };
                insert.execute(params![rowid, reason_index(user.reason), user.person_id, json_in(&mut json, user)?])?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO calling_reports (org_id, generation, counts, mismatches) VALUES (?1, ?2, ?3, ?4)",
            params![report.org_id, generation_then, to_json(&report.counts)?, to_json(&report.mismatches)?],
        )?;
        tx.commit()?;
        // Tens of megabytes for a large org: copied into the file off the
        // writer, as after a sync, rather than left to slow every read.
        self.checkpoint_soon();
        Ok(())
    }

    /// `read` of the org's kept report, in one snapshot of the cache;
    /// `None` when no report is kept for the cache as it is now (or, `at`,
    /// for that generation of it).
    fn read_kept<T>(
        &self,
        org_id: &str,
        at: Option<i64>,
        read: impl FnOnce(&Kept<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let reader = self.reader();
        let conn = reader.unchecked_transaction()?;
        Kept::open(&conn, org_id, at)?.map(|kept| read(&kept)).transpose()
    }

    /// The kept report's counts and C7 list.
    pub fn calling_summary(&self, org_id: &str, at: Option<i64>) -> Result<Option<CallingSummary>> {
        self.read_kept(org_id, at, |kept| kept.summary())
    }

    /// A window of the kept report's users the query finds.
    pub fn calling_users_page(
        &self,
        org_id: &str,
        query: &CallingUserQuery,
        offset: u32,
        limit: u32,
        at: Option<i64>,
    ) -> Result<Option<CallingUserPage>> {
        self.read_kept(org_id, at, |kept| kept.page(query, offset, limit))
    }

    /// The ids of the first `most` users the query finds.
    pub fn calling_user_ids(
        &self,
        org_id: &str,
        query: &CallingUserQuery,
        most: u32,
        at: Option<i64>,
    ) -> Result<Option<Vec<String>>> {
        self.read_kept(org_id, at, |kept| kept.ids(query, most))
    }

    /// One user of the kept report (`Some(None)`: not in it, so they have
    /// Calling or are not in the org).
    pub fn calling_user(&self, org_id: &str, person_id: &str, at: Option<i64>) -> Result<Option<Option<CallingUser>>> {
        self.read_kept(org_id, at, |kept| {
            let text = kept.user_row(person_id, "user", |r| r.get::<_, String>(0))?;
            text.map(|t| from_json(&t)).transpose()
        })
    }

    /// Each person's reason in the kept report (`None`: they have Calling).
    pub fn calling_statuses(
        &self,
        org_id: &str,
        person_ids: &[String],
        at: Option<i64>,
    ) -> Result<Option<Vec<CallingStatusRow>>> {
        self.read_kept(org_id, at, |kept| {
            person_ids
                .iter()
                .map(|id| {
                    let reason = kept.user_row(id, "reason", |r| r.get::<_, i64>(0))?;
                    Ok(CallingStatusRow { person_id: id.clone(), reason: reason.map(reason_at).transpose()? })
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use hubdesk_api::{CallingEvidence, CallingReason};

    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::Person;

    const ORG: &str = "org-a";

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: id.into(),
            display_name: name.into(),
            emails: vec![format!("{id}@x.example")],
            org_id: ORG.into(),
            ..Person::default()
        }
    }

    fn user(id: &str, name: &str, reason: CallingReason) -> CallingUser {
        CallingUser {
            person_id: id.into(),
            email: format!("{id}@x.example"),
            display_name: name.into(),
            reason,
            evidence: CallingEvidence::default(),
            suggested_number: None,
            suggested_fix: None,
        }
    }

    /// Four people; three without Calling (Anna, Bo and Dorte), in the
    /// people's order.
    fn kept() -> (tempfile::TempDir, Store, CallingReport) {
        let (dir, store) = temp_store();
        let people =
            [person("a", "Anna Berg"), person("b", "Bo Holm"), person("c", "Carl Dahl"), person("d", "Dorte Berg")];
        store.replace_people(ORG, &people).unwrap();
        let report = CallingReport::new(
            ORG.into(),
            vec![
                user("a", "Anna Berg", CallingReason::NoWorkNumber),
                user("b", "Bo Holm", CallingReason::Eligible),
                user("d", "Dorte Berg", CallingReason::NoWorkNumber),
            ],
            Vec::new(),
        );
        let generation = store.org_generation(ORG).unwrap();
        store.keep_calling_report(&report, generation).unwrap();
        (dir, store, report)
    }

    fn ids(page: &CallingUserPage) -> Vec<&str> {
        page.users.iter().map(|u| u.person_id.as_str()).collect()
    }

    #[test]
    fn the_kept_report_is_read_until_the_org_changes() {
        let (_dir, store, report) = kept();
        assert_eq!(store.calling_summary(ORG, None).unwrap(), Some(report.summary()));
        // A sync writes the org: what was kept no longer holds...
        store.replace_people(ORG, &[person("a", "Anna Berg")]).unwrap();
        assert_eq!(store.calling_summary(ORG, None).unwrap(), None);
        // ...though what asked for the generation it was computed at reads it.
        let then = store.org_generation(ORG).unwrap() - 1;
        assert!(store.calling_summary(ORG, Some(then)).unwrap().is_some());
        // Another org's report is its own.
        assert_eq!(store.calling_summary("org-b", None).unwrap(), None);
    }

    #[test]
    fn a_license_recorded_after_a_run_makes_the_report_old() {
        let (_dir, store, _) = kept();
        store.record_person_licenses(ORG, "b", &["calling".into()], &[]).unwrap();
        assert_eq!(store.calling_summary(ORG, None).unwrap(), None);
    }

    #[test]
    fn pages_follow_the_people_order_by_reason_and_typed_text() {
        let (_dir, store, _) = kept();
        let page = |reason, text: &str, offset, limit| {
            let query = CallingUserQuery { reason, text: text.into() };
            store.calling_users_page(ORG, &query, offset, limit, None).unwrap().unwrap()
        };
        let all = page(None, "", 0, 10);
        assert_eq!((all.total, ids(&all)), (3, vec!["a", "b", "d"]));
        let second = page(None, "", 1, 1);
        assert_eq!((second.total, second.offset, ids(&second)), (3, 1, vec!["b"]));
        let no_number = page(Some(CallingReason::NoWorkNumber), "", 0, 10);
        assert_eq!((no_number.total, ids(&no_number)), (2, vec!["a", "d"]));
        // Carl has Calling: "berg" finds Anna and Dorte, "holm" only Bo.
        let berg = page(None, "berg", 0, 10);
        assert_eq!((berg.total, ids(&berg)), (2, vec!["a", "d"]));
        let holm = page(Some(CallingReason::NoWorkNumber), "holm", 0, 10);
        assert_eq!((holm.total, ids(&holm)), (0, Vec::<&str>::new()));
        let ids =
            store.calling_user_ids(ORG, &CallingUserQuery { reason: None, text: "berg".into() }, 1, None).unwrap();
        assert_eq!(ids, Some(vec!["a".to_owned()]), "at most as many as asked");
    }

    #[test]
    fn one_user_and_the_users_tables_statuses() {
        let (_dir, store, report) = kept();
        assert_eq!(store.calling_user(ORG, "b", None).unwrap(), Some(Some(report.users[1].clone())));
        assert_eq!(store.calling_user(ORG, "c", None).unwrap(), Some(None), "Carl has Calling");
        assert_eq!(store.calling_user(ORG, "nobody", None).unwrap(), Some(None));
        let statuses = store.calling_statuses(ORG, &["a".into(), "c".into()], None).unwrap().unwrap();
        assert_eq!(statuses[0].reason, Some(CallingReason::NoWorkNumber));
        assert_eq!(statuses[1].reason, None);
    }
}
