//! What the Meetings tab reads from the cache: a site's session types (as
//! the last sync found them), and the person when Webex cannot be reached.

use rusqlite::{params, OptionalExtension};

use super::{name_order, stored_person, Result, Store};
use crate::webex::models::{Person, SessionType};

impl Store {
    /// The site's session types as last synced, in id order ("1", "3",
    /// "11"...); `None` when the cache has none for the site.
    pub fn cached_session_types(&self, org_id: &str, site_url: &str) -> Result<Option<Vec<SessionType>>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, short_name, type FROM session_types
             WHERE org_id = ?1 AND site_url = ?2 COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![org_id, site_url], |r| {
            Ok(SessionType { id: r.get(0)?, name: r.get(1)?, short_name: r.get(2)?, kind: r.get(3)? })
        })?;
        let mut types: Vec<SessionType> = rows.collect::<std::result::Result<_, _>>()?;
        if types.is_empty() {
            return Ok(None);
        }
        in_id_order(&mut types);
        Ok(Some(types))
    }

    /// Every Meetings site of the org with its session types, as last
    /// synced: sites by URL, types in id order.
    pub fn cached_sites_with_types(&self, org_id: &str) -> Result<Vec<(String, Vec<SessionType>)>> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT site_url, id, name, short_name, type FROM session_types WHERE org_id = ?1 ORDER BY site_url",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            let t = SessionType { id: r.get(1)?, name: r.get(2)?, short_name: r.get(3)?, kind: r.get(4)? };
            Ok((r.get::<_, String>(0)?, t))
        })?;
        let mut sites: Vec<(String, Vec<SessionType>)> = Vec::new();
        for row in rows {
            let (site, t) = row?;
            match sites.last_mut() {
                Some((last, types)) if *last == site => types.push(t),
                _ => sites.push((site, vec![t])),
            }
        }
        for (_, types) in &mut sites {
            in_id_order(types);
        }
        Ok(sites)
    }

    /// A cached person of the org, by id or (with an `@`) by email.
    pub fn cached_person(&self, org_id: &str, person: &str) -> Result<Option<Person>> {
        let conn = self.reader();
        if !person.contains('@') {
            return Ok(stored_person::find(&conn, org_id, person)?.map(|(_, p)| p));
        }
        let Some(slot) = name_order::slot(&conn, org_id)? else { return Ok(None) };
        let sql = format!(
            "SELECT {} FROM people WHERE slot = ?1 AND email = ?2 COLLATE NOCASE LIMIT 1",
            stored_person::COLUMNS
        );
        let found = conn.query_row(&sql, params![slot, person], |r| stored_person::from_row(r, 0)).optional()?;
        found.transpose()
    }
}

/// Session types in the order of their numeric ids, whatever order they
/// were read in (the cache's table sorts ids as text).
pub fn in_id_order(types: &mut [SessionType]) {
    types.sort_by_key(|t| (t.id.parse::<u64>().unwrap_or(u64::MAX), t.id.clone()));
}
