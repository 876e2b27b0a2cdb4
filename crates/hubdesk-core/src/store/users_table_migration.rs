//! Migration "users table": what the users table sorts and filters by.
//! `people` gains the org's slot (so an index can hold one org's people
//! together: an index cannot use the rowid), the account status, the
//! location and the number as it sorts, with an index for each order that
//! is not by name; the search text gains the filter words (`facets`) and
//! the reversed words of names (`search`). The hook fills the columns,
//! rewrites the search text and rebuilds the index, then makes the indexes.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

use super::{name_order, people_sync, search, stored_person};
use crate::webex::models::{Person, PhoneNumber};
use hubdesk_api::AccountStatus;

pub(super) const SQL: &str = r#"
    ALTER TABLE people ADD COLUMN slot INTEGER NOT NULL DEFAULT 0;
    -- AccountStatus::index: 0 active, 1 invite pending, 2 deactivated
    ALTER TABLE people ADD COLUMN account INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE people ADD COLUMN location_id TEXT;
    -- the work number's digits as they sort (people_sync::number_key)
    ALTER TABLE people ADD COLUMN number_key TEXT NOT NULL DEFAULT '~';
    -- every word of the cached names, folded, backwards (name_ends.rs)
    CREATE TABLE name_ends (reversed TEXT PRIMARY KEY) WITHOUT ROWID;
    -- The search index gathers 16 MB of words in memory before it writes
    -- them out (FTS5's default is 1 MB). With the filter words a sync's
    -- people came out in many more small segments, each one more place
    -- every search has to look: at a million people the search across orgs
    -- took a p99 of 22 ms instead of 6.
    INSERT INTO people_fts (people_fts, rank) VALUES ('hashsize', 16777216);
"#;

/// Made once the rows are filled in: an index built from sorted rows costs
/// a fraction of one kept up row by row. Each holds the rowid last, so it
/// gives its order then names. `people_by_slot` is the org's rowids alone:
/// counting them, or skipping to the middle of them, along a person's row
/// of over a kilobyte read the whole org. Location is the location's id:
/// the table orders locations by name itself
/// (`people_query::location_groups`).
const INDEXES: &str = r#"
    CREATE INDEX people_by_slot ON people (slot);
    CREATE INDEX people_by_email ON people (slot, email COLLATE NOCASE);
    CREATE INDEX people_by_number ON people (slot, number_key);
    CREATE INDEX people_by_location ON people (slot, location_id);
"#;

/// Migration 2's update trigger, dropped while the rows are rewritten: the
/// index is rebuilt once at the end instead.
const UPDATE_TRIGGER: &str = r#"
    CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
"#;

/// Rows read and rewritten at a time.
const BATCH: i64 = 5_000;

pub(super) fn hook(tx: &Transaction<'_>) -> HookResult {
    super::name_ends::prepare(tx).map_err(hook_error)?;
    tx.execute_batch("DROP TRIGGER people_fts_update;")?;
    let mut read = tx.prepare(
        "SELECT rowid, id, org_id, licenses, json, display_name, email, work_number, extension
         FROM people WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    )?;
    let mut update = tx.prepare(
        "UPDATE people SET slot = ?2, account = ?3, location_id = ?4, number_key = ?5, search_text = ?6
         WHERE rowid = ?1",
    )?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, Person)> = read
            .query_map(rusqlite::params![after, BATCH], |r| Ok((r.get(0)?, cached_person(r)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some((last, _)) = batch.last() else { break };
        after = *last;
        super::name_ends::record(tx, batch.iter().map(|(_, p)| p.display_name.as_str())).map_err(hook_error)?;
        for (rowid, p) in &batch {
            update.execute(rusqlite::params![
                rowid,
                name_order::slot_of(*rowid),
                AccountStatus::of(p.invite_pending, p.login_enabled).index(),
                p.location_id,
                people_sync::number_key(p.work_number()),
                search::search_text(p),
            ])?;
        }
    }
    tx.execute_batch("INSERT INTO people_fts (people_fts) VALUES ('rebuild');")?;
    tx.execute_batch(UPDATE_TRIGGER)?;
    tx.execute_batch(INDEXES)?;
    Ok(())
}

fn hook_error(e: super::StoreError) -> rusqlite_migration::HookError {
    rusqlite_migration::HookError::Hook(e.to_string())
}

/// The person of a row; one whose JSON no longer parses is searched and
/// sorted by its columns.
fn cached_person(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let (id, org_id, licenses, json): (String, String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    Ok(match stored_person::person(id.clone(), org_id, &licenses, &json) {
        Ok(person) => person,
        Err(_) => Person {
            id,
            display_name: r.get(5)?,
            emails: vec![r.get(6)?],
            phone_numbers: r
                .get::<_, Option<String>>(7)?
                .map(|value| vec![PhoneNumber { kind: "work".into(), value, primary: true }])
                .unwrap_or_default(),
            extension: r.get(8)?,
            licenses: stored_person::split_licenses(&licenses),
            ..Default::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use rusqlite::{params, Connection};

    use super::super::{migrations, name_order, stored_person, Store};
    use crate::webex::models::{Person, PhoneNumber};
    use hubdesk_api::{AccountStatus, PeopleFilter, PeopleQuery, PeopleSort, SortKey};

    /// A cache as the build before this migration wrote it: one org, its
    /// people with the search text of the time (no name ends, no filter words).
    fn version_3_cache(path: &std::path::Path, people: &[Person]) {
        let mut conn = Connection::open(path).unwrap();
        migrations::up_to_migration_3().to_latest(&mut conn).unwrap();
        conn.execute("INSERT INTO org_slots (org_id, slot) VALUES ('org', 1)", []).unwrap();
        for (p, rowid) in people.iter().zip(name_order::spread(1, people.len())) {
            let old_search_text = format!("{} {}", p.display_name.to_lowercase(), p.emails[0].replace(['@', '.'], " "));
            conn.execute(
                "INSERT INTO people (rowid, org_id, id, id_key, display_name, email, status, work_number, extension,
                                     search_text, licenses, json)
                 VALUES (?1, 'org', ?2, ?3, ?4, ?5, 'active', ?6, NULL, ?7, ?8, ?9)",
                params![
                    rowid,
                    p.id,
                    stored_person::id_key("org", &p.id),
                    p.display_name,
                    p.emails[0],
                    p.work_number(),
                    old_search_text,
                    stored_person::licenses_text(&p.licenses),
                    stored_person::json(p).unwrap(),
                ],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO person_keys (id_key, person_rowid) VALUES (?1, ?2)",
                params![stored_person::id_key("org", &p.id), rowid],
            )
            .unwrap();
        }
    }

    /// Nothing would fail with FTS5's 1 MB, only be slower to search.
    #[test]
    fn the_search_index_gathers_16_mb_before_writing() {
        let (_dir, store) = crate::store::temp_store();
        let size: i64 =
            store.reader().query_row("SELECT v FROM people_fts_config WHERE k = 'hashsize'", [], |r| r.get(0)).unwrap();
        assert_eq!(size, 16 << 20);
    }

    #[test]
    fn a_cache_from_before_is_filled_in_and_can_be_searched_filtered_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let person = |id: &str, name: &str, email: &str, number: &str| Person {
            id: id.into(),
            display_name: name.into(),
            emails: vec![email.into()],
            phone_numbers: vec![PhoneNumber { kind: "work".into(), value: number.into(), primary: true }],
            licenses: vec!["L1".into()],
            ..Default::default()
        };
        let people = [
            person("1", "Ann Berg", "zed@x.dk", "+4533165404"),
            Person {
                invite_pending: Some(true),
                location_id: Some("LOC".into()),
                ..person("2", "Cy Frølund", "cy@x.dk", "004533141647")
            },
        ];
        version_3_cache(&path, &people);
        let store = Store::open(&path).unwrap();
        let names = |query: PeopleQuery| -> Vec<String> {
            let query = PeopleQuery { org_id: "org".into(), limit: 10, ..query };
            store.search_people(&query).unwrap().rows.into_iter().map(|r| r.display_name).collect()
        };
        assert_eq!(names(PeopleQuery { text: "lund".into(), ..Default::default() }), ["Cy Frølund"]);
        let pending = PeopleFilter { status: Some(AccountStatus::InvitePending), ..Default::default() };
        assert_eq!(names(PeopleQuery { filter: pending, ..Default::default() }), ["Cy Frølund"]);
        let calling = PeopleFilter { calling: true, license: Some("L1".into()), ..Default::default() };
        assert_eq!(names(PeopleQuery { filter: calling, ..Default::default() }), ["Cy Frølund"]);
        for (key, first) in
            [(SortKey::Email, "Cy Frølund"), (SortKey::Number, "Cy Frølund"), (SortKey::Location, "Cy Frølund")]
        {
            let sort = PeopleSort { key, descending: false };
            assert_eq!(names(PeopleQuery { sort, ..Default::default() })[0], first, "{key:?}");
        }
        let rows =
            store.search_people(&PeopleQuery { org_id: "org".into(), limit: 10, ..Default::default() }).unwrap().rows;
        assert_eq!(rows[1].account, AccountStatus::InvitePending);
        assert_eq!(rows[1].phone.as_ref().map(|n| n.display.as_str()), Some("+45 33 14 16 47"));
        // A resync after the migration changes nothing that was not changed.
        store.replace_people("org", &people).unwrap();
        assert!(store.changes("org", 10).unwrap().is_empty());
    }
}
