//! Reads for license templates (groups with their direct members, the
//! Calling inventory) and the write-through of a license change Webex
//! confirmed, so the cache does not offer the same change again before the
//! next sync.

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::webex::models::Person;

/// A cached group: `(id, name, usage)`.
pub type GroupRow = (String, String, Option<String>);

/// A number of the Calling inventory: `(number, location id, owner name or id)`.
pub type NumberRow = (String, String, Option<String>);

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
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT phone_number, location_id, COALESCE(owner_name, owner_id) FROM numbers
             WHERE org_id = ?1 AND phone_number IS NOT NULL AND location_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn calling_location_ids(&self, org_id: &str) -> Result<Vec<String>> {
        let conn = self.reader();
        let mut stmt = conn.prepare("SELECT id FROM locations WHERE org_id = ?1 AND calling_enabled = 1")?;
        let rows = stmt.query_map([org_id], |r| r.get(0))?;
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
        let text: Option<String> = tx
            .query_row("SELECT json FROM people WHERE org_id = ?1 AND id = ?2", [org_id, person_id], |r| r.get(0))
            .map(Some)
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
        let Some(text) = text else { return Ok(()) };
        let mut person: Person = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        person.licenses = licenses.to_vec();
        person.site_urls = site_urls.to_vec();
        let json = serde_json::to_string(&person).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.execute("UPDATE people SET json = ?3 WHERE org_id = ?1 AND id = ?2", params![org_id, person_id, json])?;
        // The units the change took or gave back, so the next plan counts
        // what is really left (T12).
        let before: Vec<String> = {
            let mut stmt = tx.prepare("SELECT license_id FROM person_licenses WHERE org_id = ?1 AND person_id = ?2")?;
            let rows = stmt.query_map([org_id, person_id], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        {
            let mut consume =
                tx.prepare("UPDATE licenses SET consumed_units = consumed_units + ?3 WHERE org_id = ?1 AND id = ?2")?;
            for gained in licenses.iter().filter(|l| !before.contains(l)) {
                consume.execute(params![org_id, gained, 1])?;
            }
            for lost in before.iter().filter(|l| !licenses.contains(l)) {
                consume.execute(params![org_id, lost, -1])?;
            }
        }
        tx.execute("DELETE FROM person_licenses WHERE org_id = ?1 AND person_id = ?2", [org_id, person_id])?;
        for license in licenses {
            tx.execute(
                "INSERT OR IGNORE INTO person_licenses (org_id, person_id, license_id) VALUES (?1, ?2, ?3)",
                params![org_id, person_id, license],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
