//! Organizations the token manages: a partner's home org and its customers.

use rusqlite::params;

use super::{Result, Store};
use crate::webex::models::Organization;
use hubdesk_api::{OrgSummary, SyncResource};

impl Store {
    /// Replaces the list of organizations. Cached people of orgs that are no
    /// longer listed stay until the user removes them: losing access to a
    /// customer should not silently erase what an admin may still need to read.
    pub fn replace_orgs(&self, home_org_id: &str, orgs: &[Organization]) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM orgs", [])?;
        {
            let mut insert =
                tx.prepare("INSERT INTO orgs (id, display_name, created, is_home) VALUES (?1, ?2, ?3, ?4)")?;
            for org in orgs {
                insert.execute(params![org.id, org.display_name, org.created, org.id == home_org_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every cached org, the home org first, then by name.
    pub fn org_summaries(&self) -> Result<Vec<OrgSummary>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT o.id, o.display_name, o.is_home,
                    (SELECT COUNT(*) FROM people p, org_slots slots
                     WHERE slots.org_id = o.id AND p.rowid {}),
                    (SELECT s.last_success_ms FROM sync_status s WHERE s.org_id = o.id AND s.resource = ?1)
             FROM orgs o
             ORDER BY o.is_home DESC, o.display_name COLLATE NOCASE",
            super::name_order::range_sql("slots.slot")
        ))?;
        let rows = stmt.query_map([SyncResource::People.as_str()], |row| {
            Ok(OrgSummary {
                id: row.get(0)?,
                display_name: row.get(1)?,
                is_home: row.get(2)?,
                people_count: row.get(3)?,
                last_synced_ms: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::temp_store;
    use crate::webex::models::Organization;

    fn org(id: &str, name: &str) -> Organization {
        Organization { id: id.into(), display_name: name.into(), created: None }
    }

    #[test]
    fn home_org_comes_first_then_by_name() {
        let (_dir, store) = temp_store();
        store.replace_orgs("home", &[org("b", "Bravo"), org("home", "Zulu Partner"), org("a", "alpha")]).unwrap();
        let names: Vec<_> = store.org_summaries().unwrap().into_iter().map(|o| o.display_name).collect();
        assert_eq!(names, ["Zulu Partner", "alpha", "Bravo"]);
    }

    #[test]
    fn replacing_drops_orgs_no_longer_listed() {
        let (_dir, store) = temp_store();
        store.replace_orgs("a", &[org("a", "A"), org("b", "B")]).unwrap();
        store.replace_orgs("a", &[org("a", "A")]).unwrap();
        assert_eq!(store.org_summaries().unwrap().len(), 1);
    }
}
