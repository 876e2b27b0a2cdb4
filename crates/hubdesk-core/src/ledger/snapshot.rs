//! The people and direct groups templates were last enforced against.

use std::collections::HashMap;

use rusqlite::params;

use super::{Ledger, Result};

impl Ledger {
    /// person id → their direct groups (sorted), as last enforced.
    pub fn enforced_people(&self, org_id: &str) -> Result<HashMap<String, Vec<String>>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT person_id, groups FROM enforced_people WHERE org_id = ?1")?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut people = HashMap::new();
        for row in rows {
            let (person, groups) = row?;
            let groups = groups.split(' ').filter(|g| !g.is_empty()).map(str::to_owned).collect();
            people.insert(person, groups);
        }
        Ok(people)
    }

    /// Replaces the snapshot with the org as it is now.
    pub fn set_enforced_people(&self, org_id: &str, people: &[(String, Vec<String>)]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM enforced_people WHERE org_id = ?1", [org_id])?;
        {
            let mut insert =
                tx.prepare("INSERT INTO enforced_people (org_id, person_id, groups) VALUES (?1, ?2, ?3)")?;
            for (person, groups) in people {
                let mut sorted = groups.clone();
                sorted.sort();
                insert.execute(params![org_id, person, sorted.join(" ")])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::ledger::temp_ledger;

    #[test]
    fn the_snapshot_round_trips_and_is_replaced_whole() {
        let (_dir, ledger) = temp_ledger();
        assert!(ledger.enforced_people("o").unwrap().is_empty());
        ledger
            .set_enforced_people("o", &[("p1".into(), vec!["g2".into(), "g1".into()]), ("p2".into(), vec![])])
            .unwrap();
        let people = ledger.enforced_people("o").unwrap();
        assert_eq!(people["p1"], vec!["g1".to_owned(), "g2".to_owned()]);
        assert!(people["p2"].is_empty());
        ledger.set_enforced_people("o", &[("p3".into(), vec![])]).unwrap();
        assert_eq!(ledger.enforced_people("o").unwrap().len(), 1);
    }
}
