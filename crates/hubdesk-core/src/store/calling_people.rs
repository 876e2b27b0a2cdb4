//! The people of an org as the Calling report reads them: only the columns
//! it needs (work number, extension, location, licenses, account status),
//! none of the stored JSON. Parsing 100,000 people's JSON was two thirds
//! of the report's time (docs/benchmarks.md).

use hubdesk_api::AccountStatus;
use rusqlite::types::Type;
use rusqlite::Row;

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
        let mut people = Vec::new();
        self.each_calling_person(org_id, |person| {
            people.push(person.whole()?);
            Ok(())
        })?;
        Ok(people)
    }

    /// Every person of the org in name order, passed to `visit` one at a
    /// time, without copying what it does not read: an import looks at
    /// everyone's email and number, and reads a few of 100,000 in full.
    pub fn each_calling_person(
        &self,
        org_id: &str,
        mut visit: impl FnMut(&CallingPersonView<'_>) -> Result<()>,
    ) -> Result<()> {
        let conn = self.reader();
        let Some((low, high)) = name_order::org_range(&conn, org_id)? else { return Ok(()) };
        let mut stmt = conn.prepare(PEOPLE_BETWEEN)?;
        let mut rows = stmt.query([low, high])?;
        while let Some(row) = rows.next()? {
            visit(&CallingPersonView(row))?;
        }
        Ok(())
    }
}

const PEOPLE_BETWEEN: &str = "SELECT id, email, display_name, work_number, extension, location_id, licenses, account
     FROM people WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid";

/// One person as `each_calling_person` passes them.
pub struct CallingPersonView<'r>(&'r Row<'r>);

impl CallingPersonView<'_> {
    pub fn email(&self) -> Result<&str> {
        Ok(text(self.0, 1)?.unwrap_or_default())
    }

    pub fn work_number(&self) -> Result<Option<&str>> {
        text(self.0, 3)
    }

    pub fn location_id(&self) -> Result<Option<&str>> {
        text(self.0, 5)
    }

    /// The whole row, copied.
    pub fn whole(&self) -> Result<CallingPersonRow> {
        Ok(person_row(self.0)?)
    }
}

/// A text column without copying it (`None` for NULL).
pub(super) fn text<'r>(row: &'r Row<'_>, column: usize) -> Result<Option<&'r str>> {
    let value = row.get_ref(column)?;
    Ok(value
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(e)))?)
}

fn person_row(r: &Row<'_>) -> rusqlite::Result<CallingPersonRow> {
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
}
