//! A person as a row of the users table (and of the search across orgs).

use hubdesk_api::{AccountStatus, PersonRow};
use hubdesk_rules::phone::readable_number;

/// The columns [`person_row`] reads, of `people p`: licenses named and
/// sorted, the location named when the cache knows it.
pub(super) const COLUMNS: &str = "p.id, p.display_name, p.email, p.status, p.work_number, p.extension,
    (SELECT GROUP_CONCAT(name, char(31)) FROM
        (SELECT l.name FROM licenses l
         WHERE l.org_id = p.org_id AND instr(' ' || p.licenses || ' ', ' ' || l.id || ' ') > 0
         ORDER BY l.name)),
    p.account,
    (SELECT loc.name FROM locations loc WHERE loc.org_id = p.org_id AND loc.id = p.location_id)";

/// A row from [`COLUMNS`] starting at column `first`. The number is read
/// here rather than stored: libphonenumber takes microseconds a number,
/// too much for each of a sync's 100,000 people, nothing for a window.
pub(super) fn person_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<PersonRow> {
    let licenses: Option<String> = row.get(first + 6)?;
    let phone_number: Option<String> = row.get(first + 4)?;
    Ok(PersonRow {
        id: row.get(first)?,
        display_name: row.get(first + 1)?,
        email: row.get(first + 2)?,
        status: row.get(first + 3)?,
        account: AccountStatus::from_index(row.get(first + 7)?),
        phone: phone_number.as_deref().map(readable_number),
        phone_number,
        extension: row.get(first + 5)?,
        licenses: licenses.map(|s| s.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default(),
        location_name: row.get(first + 8)?,
    })
}
