//! The people of an org as the Calling report reads them: only the columns
//! it needs (work number, extension, location, licenses, account status),
//! none of the stored JSON. Parsing 100,000 people's JSON was two thirds
//! of the report's time (docs/benchmarks.md).

use hubdesk_api::AccountStatus;
use rusqlite::Connection;

use super::{name_order, stored_person, Result, Store};

/// One person's Calling facts as cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallingPersonRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub work_number: Option<String>,
    pub extension: Option<String>,
    pub location_id: Option<String>,
    pub licenses: Vec<String>,
    pub account: AccountStatus,
}

impl Store {
    /// Every person of the org, in name order.
    pub fn calling_people(&self, org_id: &str) -> Result<Vec<CallingPersonRow>> {
        let conn = self.reader();
        let Some(range) = name_order::org_range(&conn, org_id)? else { return Ok(Vec::new()) };
        people_between(&conn, range)
    }
}

fn people_between(conn: &Connection, (low, high): (i64, i64)) -> Result<Vec<CallingPersonRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, email, display_name, work_number, extension, location_id, licenses, account
         FROM people WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([low, high], |r| {
        Ok(CallingPersonRow {
            id: r.get(0)?,
            email: r.get(1)?,
            display_name: r.get(2)?,
            work_number: r.get(3)?,
            extension: r.get(4)?,
            location_id: r.get(5)?,
            licenses: stored_person::split_licenses(&r.get::<_, String>(6)?),
            account: AccountStatus::from_index(r.get(7)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
