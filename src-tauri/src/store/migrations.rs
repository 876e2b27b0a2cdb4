//! Schema migrations, newest last. Never edit a migration that has shipped:
//! add a new one.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use super::{Result, StoreError};

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

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
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
        let api: crate::api::ApiError = err.into();
        assert_eq!(api.code, crate::api::ErrorCode::DatabaseTooNew);
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
