//! Reads for license templates (groups with their direct members, the
//! Calling inventory) and the write-through of a license change Webex
//! confirmed, so the cache does not offer the same change again before the
//! next sync.

use rusqlite::params;

use super::{stored_person, Result, Store, StoreError};

/// A cached group: `(id, name, usage)`.
pub type GroupRow = (String, String, Option<String>);

/// A number of the Calling inventory: `(number, location id, owner name or
/// id, owner type, owner id)`.
pub type NumberRow = (String, String, Option<String>, Option<String>, Option<String>);

impl Store {
    pub fn groups_of_org(&self, org_id: &str) -> Result<Vec<GroupRow>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT id, display_name, usage FROM groups WHERE org_id = ?1 ORDER BY display_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// `(group id, person id)` for people who are direct members (T3: a
    /// nested group is a member of type `group`, its people are not).
    pub fn direct_memberships(&self, org_id: &str) -> Result<Vec<(String, String)>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT group_id, member_id FROM group_members
             WHERE org_id = ?1 AND COALESCE(member_type, 'user') = 'user'",
        )?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Numbers (not bare extensions) of the inventory with their location.
    pub fn inventory_numbers(&self, org_id: &str) -> Result<Vec<NumberRow>> {
        inventory_numbers_on(&self.reader(), org_id)
    }

    /// `inventory_numbers` on a connection of its own, so another thread
    /// can read it while the reader reads the people (the Calling report).
    pub fn inventory_numbers_apart(&self, org_id: &str) -> Result<Vec<NumberRow>> {
        inventory_numbers_on(&crate::files::sqlite::open_read_only(self.path())?, org_id)
    }

    pub fn calling_location_ids(&self, org_id: &str) -> Result<Vec<String>> {
        let conn = self.reader();
        let mut stmt = conn.prepare("SELECT id FROM locations WHERE org_id = ?1 AND calling_enabled = 1")?;
        let rows = stmt.query_map([org_id], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every location with its name and the country of its address (ISO
    /// alpha-2, as the Locations API gives it): `(id, name, country)`.
    pub fn locations_with_country(&self, org_id: &str) -> Result<Vec<(String, String, Option<String>)>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT id, name, NULLIF(TRIM(json_extract(json, '$.address.country')), '') FROM locations
             WHERE org_id = ?1 AND json_valid(json)",
        )?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Records what Webex says a person now holds (licenses, and site urls
    /// as `site` for a host and `site#attendee` for an attendee).
    pub fn record_person_licenses(
        &self,
        org_id: &str,
        person_id: &str,
        licenses: &[String],
        site_urls: &[String],
    ) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let Some((rowid, mut person)) = stored_person::find(&tx, org_id, person_id)? else { return Ok(()) };
        super::calling_report::bump_generation(&tx, org_id)?;
        let before = std::mem::replace(&mut person.licenses, licenses.to_vec());
        person.site_urls = site_urls.to_vec();
        tx.execute(
            "UPDATE people SET json = ?2, licenses = ?3 WHERE rowid = ?1",
            params![rowid, stored_person::json(&person)?, stored_person::licenses_text(licenses)],
        )?;
        // The units the change took or gave back, so the next plan counts
        // what is really left (T12).
        let mut consume =
            tx.prepare("UPDATE licenses SET consumed_units = consumed_units + ?3 WHERE org_id = ?1 AND id = ?2")?;
        for gained in licenses.iter().filter(|l| !before.contains(l)) {
            consume.execute(params![org_id, gained, 1])?;
        }
        for lost in before.iter().filter(|l| !licenses.contains(l)) {
            consume.execute(params![org_id, lost, -1])?;
        }
        drop(consume);
        tx.commit()?;
        Ok(())
    }

    /// Each number of the inventory (`inventory_numbers`), passed to
    /// `visit` without a copy, on a connection of its own: an import only
    /// needs to know which numbers there are, while it reads the people.
    pub fn each_inventory_number_apart(&self, org_id: &str, mut visit: impl FnMut(&str)) -> Result<()> {
        let conn = crate::files::sqlite::open_read_only(self.path())?;
        let mut stmt = conn.prepare(&format!("SELECT phone_number FROM numbers WHERE {IN_INVENTORY}"))?;
        let mut rows = stmt.query([org_id])?;
        while let Some(row) = rows.next()? {
            visit(super::calling_people::text(row, 0)?.unwrap_or_default());
        }
        Ok(())
    }

    /// The rows of `inventory_numbers` whose number is one of `numbers`.
    pub fn inventory_numbers_among(&self, org_id: &str, numbers: &[String]) -> Result<Vec<NumberRow>> {
        let numbers = serde_json::to_string(numbers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "{INVENTORY_ROWS} {IN_INVENTORY} AND phone_number IN (SELECT value FROM json_each(?2))"
        ))?;
        let rows = stmt.query_map(rusqlite::params![org_id, numbers], number_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The org's (`?1`) inventory: numbers with a location.
const IN_INVENTORY: &str = "org_id = ?1 AND phone_number IS NOT NULL AND location_id IS NOT NULL";

/// `NumberRow`s of the org's inventory.
const INVENTORY_ROWS: &str =
    "SELECT phone_number, location_id, COALESCE(owner_name, owner_id), owner_type, owner_id FROM numbers WHERE";

fn inventory_numbers_on(conn: &rusqlite::Connection, org_id: &str) -> Result<Vec<NumberRow>> {
    let mut stmt = conn.prepare(&format!("{INVENTORY_ROWS} {IN_INVENTORY}"))?;
    let rows = stmt.query_map([org_id], number_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn number_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NumberRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

#[cfg(test)]
mod tests {
    use crate::webex::models::{IdName, NumberEntry, NumberOwner};

    fn entry(number: Option<&str>, location: Option<&str>, owner: Option<&str>) -> NumberEntry {
        NumberEntry {
            phone_number: number.map(Into::into),
            extension: None,
            state: Some("ACTIVE".into()),
            location: location.map(|id| IdName { id: id.into(), name: None }),
            owner: owner.map(|id| NumberOwner { id: id.into(), kind: "PEOPLE".into(), display_name: None }),
        }
    }

    /// The import reads which numbers the inventory has, then the facts of
    /// a few: both see the inventory as the report does (a number with no
    /// location or no text is not in it), and only the org's own.
    #[test]
    fn the_inventory_read_a_number_at_a_time_and_a_few_facts_is_the_reports_inventory() {
        let (_dir, store) = super::super::temp_store();
        let numbers = [
            entry(Some("+4533141647"), Some("cph"), Some("ann")),
            entry(Some("+4533141648"), Some("cph"), None),
            entry(Some("+4533141649"), None, None),
            entry(None, Some("cph"), None),
        ];
        store.replace_numbers("org-a", &numbers).unwrap();
        store.replace_numbers("org-b", &[entry(Some("+4533141650"), Some("aar"), None)]).unwrap();

        let mut seen = Vec::new();
        store.each_inventory_number_apart("org-a", |n| seen.push(n.to_owned())).unwrap();
        seen.sort();
        let mut whole: Vec<String> = store.inventory_numbers("org-a").unwrap().into_iter().map(|row| row.0).collect();
        whole.sort();
        assert_eq!(seen, whole);
        assert_eq!(seen, ["+4533141647", "+4533141648"]);

        let asked = ["+4533141647", "+4533141649", "+4533141650", "+4599999999"].map(String::from);
        let among = store.inventory_numbers_among("org-a", &asked).unwrap();
        assert_eq!(
            among,
            [("+4533141647".into(), "cph".into(), Some("ann".into()), Some("PEOPLE".into()), Some("ann".into()))]
        );
        assert!(store.inventory_numbers_among("org-a", &[]).unwrap().is_empty());
    }
}
