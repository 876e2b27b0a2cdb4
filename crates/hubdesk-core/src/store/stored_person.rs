//! How a person is kept in the `people` table: each fact once. The id, the
//! org and the licenses have columns of their own (`id`, `org_id`,
//! `licenses`, the ids joined by spaces); the `json` column keeps the rest.
//! Webex ids are long (about 90 characters, a license's about 130), so the
//! JSON used to carry half its weight twice, and who holds which license
//! was a third copy in a table of its own.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{Result, StoreError};
use crate::webex::models::{Person, PhoneNumber};

/// The key a person is looked up by (through `person_keys`): a 64-bit
/// FNV-1a hash of their org id and id. Not unique in principle, so lookups
/// check the id too ([`find`]); stable across builds, since it is stored.
pub(super) fn id_key(org_id: &str, id: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in org_id.bytes().chain([0]).chain(id.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash as i64
}

/// The condition that finds one person: org id `?1`, id `?2`, their
/// [`id_key`] `?3`.
const BY_ID: &str = "rowid IN (SELECT person_rowid FROM person_keys WHERE id_key = ?3) AND org_id = ?1 AND id = ?2";

/// One cached person with their rowid, through their key.
pub(super) fn find(conn: &Connection, org_id: &str, person_id: &str) -> Result<Option<(i64, Person)>> {
    let sql = format!("SELECT rowid, {COLUMNS} FROM people WHERE {BY_ID}");
    let key = id_key(org_id, person_id);
    let found = conn
        .query_row(&sql, params![org_id, person_id, key], |r| Ok((r.get::<_, i64>(0)?, from_row(r, 1)?)))
        .optional()?;
    found.map(|(rowid, person)| Ok((rowid, person?))).transpose()
}

/// The rowid of one cached person, through their key.
pub(super) fn rowid_of(conn: &Connection, org_id: &str, person_id: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT rowid FROM people WHERE {BY_ID}"))?;
    Ok(stmt.query_row(params![org_id, person_id, id_key(org_id, person_id)], |r| r.get(0)).optional()?)
}

/// Records `(id_key, rowid)` pairs, sorted first: appended in key order,
/// 100,000 of them cost a fraction of what index entries in name order do.
pub(super) fn write_keys(tx: &rusqlite::Transaction<'_>, keys: &mut [(i64, i64)]) -> Result<()> {
    keys.sort_unstable();
    let mut insert = tx.prepare("INSERT OR REPLACE INTO person_keys (id_key, person_rowid) VALUES (?1, ?2)")?;
    for (key, rowid) in keys.iter() {
        insert.execute([key, rowid])?;
    }
    Ok(())
}

/// The columns [`from_row`] reads, in its order.
pub(super) const COLUMNS: &str = "id, org_id, licenses, json";

/// A person from [`COLUMNS`] starting at column `first`.
pub(super) fn from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<Result<Person>> {
    let (id, org_id): (String, String) = (row.get(first)?, row.get(first + 1)?);
    let (licenses, json): (String, String) = (row.get(first + 2)?, row.get(first + 3)?);
    Ok(person(id, org_id, &licenses, &json))
}

/// A person put back together. A row written before migration 3 has all
/// of it in the JSON; the columns win.
pub(super) fn person(id: String, org_id: String, licenses: &str, json: &str) -> Result<Person> {
    let mut person: Person = serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    person.id = id;
    person.org_id = org_id;
    person.licenses = split_licenses(licenses);
    Ok(person)
}

/// The `licenses` column: the ids, sorted, joined by spaces (Webex ids hold
/// no spaces).
pub(super) fn licenses_text(licenses: &[String]) -> String {
    let mut sorted: Vec<&str> = licenses.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.join(" ")
}

pub(super) fn split_licenses(text: &str) -> Vec<String> {
    text.split_ascii_whitespace().map(str::to_owned).collect()
}

/// The `json` column: the person without what has a column of its own.
pub(super) fn json(person: &Person) -> Result<String> {
    serde_json::to_string(&Rest::of(person)).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A person's fields besides id, org and licenses, named as in Webex.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rest<'a> {
    emails: &'a [String],
    phone_numbers: &'a [PhoneNumber],
    extension: &'a Option<String>,
    location_id: &'a Option<String>,
    display_name: &'a str,
    first_name: &'a Option<String>,
    last_name: &'a Option<String>,
    roles: &'a [String],
    department: &'a Option<String>,
    title: &'a Option<String>,
    created: &'a Option<String>,
    last_activity: &'a Option<String>,
    status: &'a Option<String>,
    invite_pending: &'a Option<bool>,
    login_enabled: &'a Option<bool>,
    site_urls: &'a [String],
}

impl<'a> Rest<'a> {
    fn of(person: &'a Person) -> Rest<'a> {
        // Every field named, none skipped with `..`: a field added to
        // `Person` fails to compile here until it is stored too.
        let Person {
            id: _,
            org_id: _,
            licenses: _,
            emails,
            phone_numbers,
            extension,
            location_id,
            display_name,
            first_name,
            last_name,
            roles,
            department,
            title,
            created,
            last_activity,
            status,
            invite_pending,
            login_enabled,
            site_urls,
        } = person;
        Rest {
            emails,
            phone_numbers,
            extension,
            location_id,
            display_name,
            first_name,
            last_name,
            roles,
            department,
            title,
            created,
            last_activity,
            status,
            invite_pending,
            login_enabled,
            site_urls,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everyone_set() -> Person {
        Person {
            id: "P1".into(),
            emails: vec!["ann@x.com".into()],
            phone_numbers: vec![PhoneNumber { kind: "work".into(), value: "+4533000001".into(), primary: true }],
            extension: Some("1001".into()),
            location_id: Some("LOC".into()),
            display_name: "Ann Berg".into(),
            first_name: Some("Ann".into()),
            last_name: Some("Berg".into()),
            org_id: "ORG".into(),
            roles: vec!["R1".into()],
            licenses: vec!["L2".into(), "L1".into()],
            department: Some("Sales".into()),
            title: Some("Lead".into()),
            created: Some("2020-01-01T00:00:00.000Z".into()),
            last_activity: Some("2026-01-01T00:00:00.000Z".into()),
            status: Some("active".into()),
            invite_pending: Some(false),
            login_enabled: Some(true),
            site_urls: vec!["acme.webex.com".into()],
        }
    }

    #[test]
    fn a_person_comes_back_whole_from_columns_and_json() {
        let p = everyone_set();
        let json = json(&p).unwrap();
        assert!(!json.contains("ORG") && !json.contains("L1") && !json.contains("\"P1\""), "{json}");
        let back = person("P1".into(), "ORG".into(), &licenses_text(&p.licenses), &json).unwrap();
        assert_eq!(back, Person { licenses: vec!["L1".into(), "L2".into()], ..p });
    }

    #[test]
    fn the_id_key_is_stable_and_tells_org_and_id_apart() {
        // Stored in every row: a change here would orphan every cache.
        assert_eq!(id_key("", ""), 0xaf63_bd4c_8601_b7df_u64 as i64);
        assert_ne!(id_key("ab", "c"), id_key("a", "bc"));
    }

    /// The lookups have indexes to go by: a scan of every cached person
    /// would not fail any other test, only be slow.
    #[test]
    fn one_person_and_one_org_are_found_through_an_index() {
        let (_dir, store) = crate::store::temp_store();
        let conn = store.reader();
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|row| row.unwrap()).collect::<Vec<_>>().join("; ")
        };
        let one = plan(&format!(
            "SELECT {COLUMNS} FROM people WHERE {}",
            BY_ID.replace("?3", "1").replace("?1", "'o'").replace("?2", "'p'")
        ));
        assert!(one.contains("person_keys"), "{one}");
        assert!(!one.contains("SCAN"), "{one}");
        let org = plan("SELECT COUNT(*) FROM people WHERE rowid BETWEEN 1 AND 9");
        assert!(org.contains("rowid>? AND rowid<?"), "{org}");
    }

    #[test]
    fn a_row_from_before_migration_3_reads_too() {
        let p = everyone_set();
        let old_json = serde_json::to_string(&p).unwrap();
        let back = person("P1".into(), "ORG".into(), "L1 L2", &old_json).unwrap();
        assert_eq!(back.licenses, ["L1", "L2"]);
        assert_eq!(back.display_name, "Ann Berg");
    }
}
