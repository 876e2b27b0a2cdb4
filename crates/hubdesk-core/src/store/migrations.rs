//! Schema migrations, newest last. Never edit a migration that has shipped:
//! add a new one.

use std::path::Path;

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use super::{name_order, Result, StoreError};
use crate::webex::models::{Person, PhoneNumber};

const MIGRATIONS: &[&str] = &[
    // 1: the foundation cache.
    r#"
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE orgs (
        id           TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        created      TEXT,
        is_home      INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE people (
        org_id         TEXT NOT NULL,
        id             TEXT NOT NULL,
        display_name   TEXT NOT NULL,
        email          TEXT NOT NULL,
        status         TEXT NOT NULL,
        work_number    TEXT,
        extension      TEXT,
        -- words the search index holds: name, email, numbers (see people.rs)
        search_text    TEXT NOT NULL,
        -- the whole person as Webex returned it, for the detail pane
        json           TEXT NOT NULL,
        UNIQUE (org_id, id)
    );
    CREATE INDEX people_by_name ON people (org_id, display_name COLLATE NOCASE);
    -- Word-prefix search over every cached org (external content: the
    -- text lives once, in people). Prefix indexes keep short prefixes fast.
    CREATE VIRTUAL TABLE people_fts USING fts5(
        search_text, content = 'people', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );
    CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
    CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END;
    CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
    CREATE TABLE licenses (
        org_id            TEXT NOT NULL,
        id                TEXT NOT NULL,
        name              TEXT NOT NULL,
        total_units       INTEGER NOT NULL,
        consumed_units    INTEGER NOT NULL,
        consumed_by_users INTEGER,
        subscription_id   TEXT,
        site_url          TEXT,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE person_licenses (
        org_id     TEXT NOT NULL,
        person_id  TEXT NOT NULL,
        license_id TEXT NOT NULL,
        PRIMARY KEY (org_id, person_id, license_id)
    ) WITHOUT ROWID;
    CREATE TABLE groups (
        org_id       TEXT NOT NULL,
        id           TEXT NOT NULL,
        display_name TEXT NOT NULL,
        usage        TEXT,
        member_size  INTEGER,
        json         TEXT NOT NULL,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE group_members (
        org_id      TEXT NOT NULL,
        group_id    TEXT NOT NULL,
        member_id   TEXT NOT NULL,
        member_type TEXT,
        PRIMARY KEY (org_id, group_id, member_id)
    ) WITHOUT ROWID;
    CREATE TABLE locations (
        org_id          TEXT NOT NULL,
        id              TEXT NOT NULL,
        name            TEXT NOT NULL,
        calling_enabled INTEGER NOT NULL,
        routing_prefix  TEXT,
        json            TEXT NOT NULL,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    -- The Calling inventory: one row per number, or per extension held
    -- without a number.
    CREATE TABLE numbers (
        org_id       TEXT NOT NULL,
        phone_number TEXT,
        extension    TEXT,
        location_id  TEXT,
        state        TEXT,
        owner_id     TEXT,
        owner_type   TEXT,
        owner_name   TEXT
    );
    CREATE INDEX numbers_by_number ON numbers (org_id, phone_number);
    CREATE TABLE session_types (
        org_id     TEXT NOT NULL,
        site_url   TEXT NOT NULL,
        id         TEXT NOT NULL,
        name       TEXT NOT NULL,
        short_name TEXT,
        type       TEXT,
        PRIMARY KEY (org_id, site_url, id)
    ) WITHOUT ROWID;
    -- BroadWorks subscribers, kept under the partner's (home) org.
    CREATE TABLE subscribers (
        org_id             TEXT NOT NULL,
        id                 TEXT NOT NULL,
        user_id            TEXT,
        email              TEXT,
        display_name       TEXT NOT NULL,
        package            TEXT,
        status             TEXT NOT NULL,
        provisioning_id    TEXT,
        last_status_change TEXT,
        json               TEXT NOT NULL,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    -- What changed in an org between two syncs, newest first when read.
    CREATE TABLE changes (
        org_id       TEXT NOT NULL,
        at_ms        INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        person_id    TEXT NOT NULL,
        display_name TEXT NOT NULL,
        detail       TEXT
    );
    CREATE INDEX changes_by_org ON changes (org_id, at_ms);
    CREATE TABLE sync_status (
        org_id          TEXT NOT NULL,
        resource        TEXT NOT NULL,
        last_attempt_ms INTEGER,
        last_success_ms INTEGER,
        last_error      TEXT,
        item_count      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (org_id, resource)
    ) WITHOUT ROWID;
    "#,
];

/// 2: people's rowids follow their names inside a range per org (see
/// name_order.rs), and a leaner search index: no positions (no phrase
/// queries), no per-row sizes (no ranking), letters and digits split (see
/// search.rs). The hook renumbers cached people and rebuilds the index.
const NAME_ORDER: &str = r#"
    CREATE TABLE org_slots (
        org_id TEXT PRIMARY KEY,
        slot   INTEGER NOT NULL UNIQUE
    );
    -- A row here, only ever inside a write transaction, holds back the
    -- insert trigger: a first sync indexes all its rows in one statement.
    CREATE TABLE people_fts_paused (paused INTEGER);
    DROP TRIGGER people_fts_insert;
    DROP TRIGGER people_fts_delete;
    DROP TRIGGER people_fts_update;
    DROP TABLE people_fts;
    -- Rowids are in name order now: this index only repeated them.
    DROP INDEX people_by_name;
    CREATE VIRTUAL TABLE people_fts USING fts5(
        search_text, content = 'people', content_rowid = 'rowid',
        tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'", prefix = '1 2 3',
        detail = none, columnsize = 0
    );
    -- The index's words, for looking up the words a typed prefix stands for.
    CREATE VIRTUAL TABLE people_vocab USING fts5vocab(people_fts, row);
"#;

/// The triggers of migration 2, made by its hook once the rows are renumbered.
const NAME_ORDER_TRIGGERS: &str = r#"
    CREATE TRIGGER people_fts_insert AFTER INSERT ON people
    WHEN NOT EXISTS (SELECT 1 FROM people_fts_paused) BEGIN
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
    CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END;
    CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
"#;

/// 3: each fact once, and short index keys (see stored_person.rs). Who
/// holds which license moves into a column of `people` (the ids, sorted,
/// joined by spaces): the table it replaces repeated a 90-character org id
/// and person id in each of 400,000 rows for an org of 100,000. And the
/// unique index on (org id, person id), 180 bytes a key inserted in random
/// order, gives way to a table of 64-bit hashes of the pair written in
/// order (`person_keys`); queries over one org go by its rowid range (see
/// name_order.rs). SQLite cannot drop a table constraint, so `people` is
/// rebuilt, rowids kept (the search index points at them); the hook fills
/// in the keys, then makes the triggers.
const EACH_FACT_ONCE: &str = r#"
    CREATE TABLE people_v3 (
        org_id         TEXT NOT NULL,
        id             TEXT NOT NULL,
        -- what looking up one person goes by: stored_person::id_key(org_id, id)
        id_key         INTEGER NOT NULL,
        display_name   TEXT NOT NULL,
        email          TEXT NOT NULL,
        status         TEXT NOT NULL,
        work_number    TEXT,
        extension      TEXT,
        -- words the search index holds: name, email, numbers (see search.rs)
        search_text    TEXT NOT NULL,
        -- the license ids the person holds, sorted, joined by spaces
        licenses       TEXT NOT NULL,
        -- the rest of the person as Webex returned it, for the detail pane
        json           TEXT NOT NULL
    );
    INSERT INTO people_v3 (rowid, org_id, id, id_key, display_name, email, status, work_number, extension,
                           search_text, licenses, json)
    SELECT rowid, org_id, id, 0, display_name, email, status, work_number, extension, search_text,
           COALESCE((SELECT GROUP_CONCAT(license_id, ' ') FROM (
               SELECT license_id FROM person_licenses pl
               WHERE pl.org_id = people.org_id AND pl.person_id = people.id
               ORDER BY license_id)), ''),
           json
    FROM people;
    DROP TABLE person_licenses;
    DROP TABLE people;
    ALTER TABLE people_v3 RENAME TO people;
    -- How one person is found: their id_key and rowid, written in key
    -- order (appending) rather than as an index on people, whose entries
    -- would arrive in the people's name order, all over the index.
    CREATE TABLE person_keys (
        id_key       INTEGER NOT NULL,
        person_rowid INTEGER NOT NULL,
        PRIMARY KEY (id_key, person_rowid)
    ) WITHOUT ROWID;
"#;

/// Migration 3's triggers besides migration 2's: a person's key goes with them.
const KEY_TRIGGER: &str = r#"
    CREATE TRIGGER person_keys_delete AFTER DELETE ON people BEGIN
        DELETE FROM person_keys WHERE id_key = old.id_key AND person_rowid = old.rowid;
    END;
"#;

/// Migration 3's hook: the keys, then the triggers.
fn key_people(tx: &Transaction<'_>) -> HookResult {
    let mut keys: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare("SELECT rowid, org_id, id FROM people")?;
        let rows = stmt.query_map([], |r| {
            Ok((super::stored_person::id_key(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?), r.get(0)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = tx.prepare("UPDATE people SET id_key = ?1 WHERE rowid = ?2")?;
    for (key, rowid) in &keys {
        update.execute([key, rowid])?;
    }
    super::stored_person::write_keys(tx, &mut keys).map_err(|e| HookError::Hook(e.to_string()))?;
    tx.execute_batch(NAME_ORDER_TRIGGERS)?;
    tx.execute_batch(KEY_TRIGGER)?;
    Ok(())
}

/// The schema version this build writes: migration 1's parts count as one,
/// then migrations 2, 3, 4 (the cache's application id), 5 (the users
/// table's), 6 (BroadWorks subscribers searchable, and enterprises) and 7
/// (the Calling report kept, and each org's generation).
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64 + 6;

fn migrations() -> Migrations<'static> {
    Migrations::new(all_migrations())
}

fn all_migrations() -> Vec<M<'static>> {
    let mut all: Vec<M<'static>> = MIGRATIONS.iter().map(|sql| M::up(sql)).collect();
    all.push(M::up_with_hook(NAME_ORDER, renumber_people));
    all.push(M::up_with_hook(EACH_FACT_ONCE, key_people));
    all.push(M::up_with_hook("", mark_as_cache));
    all.push(M::up_with_hook(super::users_table_migration::SQL, super::users_table_migration::hook));
    all.push(M::up_with_hook(super::broadworks::MIGRATION, super::broadworks::migrate));
    all.push(M::up(super::calling_report::MIGRATION));
    all
}

/// Migrations 1 to 3: the schema a cache had before the users table's.
#[cfg(test)]
pub(super) fn up_to_migration_3() -> Migrations<'static> {
    let mut all = all_migrations();
    all.truncate(MIGRATIONS.len() + 2);
    Migrations::new(all)
}

/// Migrations 1 to 5: the schema a cache had before BroadWorks' (6).
#[cfg(test)]
pub(super) fn up_to_migration_5() -> Migrations<'static> {
    let mut all = all_migrations();
    all.truncate(MIGRATIONS.len() + 4);
    Migrations::new(all)
}

/// Migration 4: the file says it is a hubdesk cache (`PRAGMA
/// application_id`), so that it is told apart from any other database
/// before anything writes to it (see `files::sqlite`).
fn mark_as_cache(tx: &Transaction<'_>) -> HookResult {
    tx.pragma_update(None, "application_id", crate::files::CACHE_APPLICATION_ID)?;
    Ok(())
}

/// Migration 2's hook: gives every cached org a slot, its people rowids in
/// name order and search text in the new form, then indexes them.
fn renumber_people(tx: &Transaction<'_>) -> HookResult {
    let orgs: Vec<String> = {
        let mut stmt = tx.prepare("SELECT DISTINCT org_id FROM people")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for org_id in orgs {
        let slot = name_order::slot_or_new(tx, &org_id).map_err(|e| HookError::Hook(e.to_string()))?;
        let mut people = cached_people(tx, &org_id)?;
        people.sort_by(|a, b| name_order::name_cmp(&a.1.display_name, &a.1.id, &b.1.display_name, &b.1.id));
        let mut update = tx.prepare("UPDATE people SET rowid = ?1, search_text = ?2 WHERE rowid = ?3")?;
        // New rowids start at slot 1's range, above any rowid SQLite handed out.
        for ((old, person), new) in people.iter().zip(name_order::spread(slot, people.len())) {
            update.execute(rusqlite::params![new, super::search::search_text(person), old])?;
        }
    }
    tx.execute_batch("INSERT INTO people_fts (people_fts) VALUES ('rebuild');")?;
    tx.execute_batch(NAME_ORDER_TRIGGERS)?;
    Ok(())
}

/// An org's cached people with their rowids; a row whose JSON no longer
/// parses is searched by its columns.
fn cached_people(tx: &Transaction<'_>, org_id: &str) -> rusqlite::Result<Vec<(i64, Person)>> {
    let mut stmt = tx
        .prepare("SELECT rowid, id, display_name, email, work_number, extension, json FROM people WHERE org_id = ?1")?;
    let rows = stmt.query_map([org_id], |r| {
        let json: String = r.get(6)?;
        let person = match serde_json::from_str::<Person>(&json) {
            Ok(person) => person,
            Err(_) => Person {
                id: r.get(1)?,
                display_name: r.get(2)?,
                emails: vec![r.get(3)?],
                phone_numbers: r
                    .get::<_, Option<String>>(4)?
                    .map(|value| vec![PhoneNumber { kind: "work".into(), value, primary: true }])
                    .unwrap_or_default(),
                extension: r.get(5)?,
                ..Default::default()
            },
        };
        Ok((r.get(0)?, person))
    })?;
    rows.collect()
}

/// Refuses a database from a newer build (its tables may mean something this
/// build does not know), then applies any pending migrations.
pub(super) fn guard_and_migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > LATEST_VERSION {
        return Err(StoreError::TooNew { path: path.to_owned(), found, known: LATEST_VERSION });
    }
    migrations().to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_and_typed_text_share_one_tokenizer() {
        assert!(NAME_ORDER.contains(crate::store::search::TOKENIZER));
    }

    #[test]
    fn a_first_sync_makes_the_insert_trigger_again_as_migration_2_made_it() {
        assert!(NAME_ORDER_TRIGGERS.contains(super::super::people_sync::FTS_INSERT_TRIGGER.trim()));
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn newer_database_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        drop(crate::store::Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        drop(conn);
        let err = crate::store::Store::open(&path).err().expect("a newer schema must be refused");
        assert!(matches!(err, StoreError::TooNew { found, .. } if found == LATEST_VERSION + 1));
        assert!(err.to_string().contains("newer hubdesk"), "{err}");
        let api: hubdesk_api::ApiError = err.into();
        assert_eq!(api.code, hubdesk_api::ErrorCode::DatabaseTooNew);
    }

    /// A cache written by a build that knew only migration 1: its own rowids
    /// and search text (org token, words not split), indexed by its triggers.
    fn version_1_cache(path: &Path) {
        let mut conn = Connection::open(path).unwrap();
        Migrations::new(vec![M::up(MIGRATIONS[0])]).to_latest(&mut conn).unwrap();
        let people = [
            ("b", "p9", "Zoe Holm", "zoe@b.com"),
            ("a", "p2", "Bo Berg", "bo@a.com"),
            ("a", "p1", "Ann Lee", "ann17@a.com"),
        ];
        for (org, id, name, email) in people {
            let json = serde_json::to_string(&Person {
                id: id.into(),
                display_name: name.into(),
                emails: vec![email.into()],
                ..Default::default()
            })
            .unwrap();
            conn.execute(
                "INSERT INTO people (org_id, id, display_name, email, status, search_text, json)
                 VALUES (?1, ?2, ?3, ?4, 'active', '\"xorg0123\" ' || ?3 || ' ' || ?4, ?5)",
                rusqlite::params![org, id, name, email, json],
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO person_licenses VALUES ('a', 'p1', 'L1');
             INSERT INTO sync_status (org_id, resource, last_success_ms, item_count) VALUES ('a', 'people', 1, 2);",
        )
        .unwrap();
    }

    #[test]
    fn migrations_2_and_3_renumber_a_version_1_cache_and_keep_it_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        version_1_cache(&path);
        let store = crate::store::Store::open(&path).unwrap();
        let query = |org: &str, text: &str| {
            let q = hubdesk_api::PeopleQuery { org_id: org.into(), text: text.into(), limit: 10, ..Default::default() };
            store.search_people(&q).unwrap().rows.into_iter().map(|r| r.display_name).collect::<Vec<_>>()
        };
        assert_eq!(query("a", ""), ["Ann Lee", "Bo Berg"], "by name, not by the old rowids");
        assert_eq!(query("a", "berg"), ["Bo Berg"]);
        assert_eq!(query("a", "ann17"), ["Ann Lee"], "search text rebuilt in the new form");
        assert_eq!(query("b", "zoe"), ["Zoe Holm"]);
        assert!(query("a", "xorg0123").is_empty(), "the old org token is gone");
        assert_eq!(store.search_everywhere("b", 10).unwrap().total, 2, "Bo Berg, and Zoe by her domain");
        // Migration 3: Ann's license moved into her row, and everyone has a key.
        let detail = store.person_detail("a", "p1").unwrap();
        assert_eq!(detail.licenses.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["L1"]);
        assert_eq!(store.person_detail("b", "p9").unwrap().display_name, "Zoe Holm");
        // The last sync is still the baseline: the next one reports who left
        // (and not that Ann lost or gained a license).
        let ann = Person {
            id: "p1".into(),
            display_name: "Ann Lee".into(),
            licenses: vec!["L1".into()],
            ..Default::default()
        };
        store.replace_people("a", &[ann]).unwrap();
        let changes = store.changes("a", 10).unwrap();
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, hubdesk_api::ChangeKind::PersonRemoved);
    }

    #[test]
    fn migration_4_marks_an_older_cache_as_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        version_1_cache(&path);
        let app_id = |path: &Path| -> i32 {
            Connection::open(path).unwrap().pragma_query_value(None, "application_id", |r| r.get(0)).unwrap()
        };
        assert_eq!(app_id(&path), 0, "written before the mark existed");
        drop(crate::store::Store::open(&path).unwrap());
        assert_eq!(app_id(&path), crate::files::CACHE_APPLICATION_ID);
        let fresh = dir.path().join("fresh.sqlite");
        drop(crate::store::Store::open(&fresh).unwrap());
        assert_eq!(app_id(&fresh), crate::files::CACHE_APPLICATION_ID, "a new cache is marked too");
    }

    #[test]
    fn reopening_keeps_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        drop(crate::store::Store::open(&path).unwrap());
        drop(crate::store::Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, LATEST_VERSION);
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }
}
