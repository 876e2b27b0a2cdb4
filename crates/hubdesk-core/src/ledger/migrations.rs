//! The ledger's schema, newest last. Never edit a migration that has
//! shipped: add a new one.

use std::path::Path;

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookResult, Migrations, M};

use super::{LedgerError, Result};

const MIGRATIONS: &[&str] = &[
    // 1: templates, the apply journal, the audit log.
    r#"
    -- T1 and T7: per org, the assignment mode and the group-transition
    -- preserve setting.
    CREATE TABLE org_settings (
        org_id                    TEXT PRIMARY KEY,
        mode                      TEXT NOT NULL,
        group_transition_preserve INTEGER NOT NULL
    );
    CREATE TABLE templates (
        org_id     TEXT NOT NULL,
        id         TEXT NOT NULL,
        json       TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    -- T6: licenses a template gave, by the license id the user holds.
    CREATE TABLE grants (
        org_id      TEXT NOT NULL,
        person_id   TEXT NOT NULL,
        license_id  TEXT NOT NULL,
        template_id TEXT NOT NULL,
        PRIMARY KEY (org_id, person_id, license_id, template_id)
    ) WITHOUT ROWID;
    -- The people and direct groups templates were last enforced against:
    -- a later sync compares with it to find new users (T2, T3) and group
    -- moves (T7).
    CREATE TABLE enforced_people (
        org_id    TEXT NOT NULL,
        person_id TEXT NOT NULL,
        groups    TEXT NOT NULL,
        PRIMARY KEY (org_id, person_id)
    ) WITHOUT ROWID;
    CREATE TABLE runs (
        id         TEXT PRIMARY KEY,
        org_id     TEXT NOT NULL,
        action     TEXT NOT NULL,
        actor      TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        state      TEXT NOT NULL
    );
    CREATE INDEX runs_by_org ON runs (org_id, created_ms);
    -- One PATCH /v1/licenses/users per entry. `state` goes pending →
    -- in_flight (committed before the request leaves) → done / partial /
    -- failed / skipped.
    CREATE TABLE entries (
        run_id       TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        person_id    TEXT NOT NULL,
        email        TEXT NOT NULL,
        display_name TEXT NOT NULL,
        change       TEXT NOT NULL,
        grants       TEXT NOT NULL,
        state        TEXT NOT NULL,
        error        TEXT,
        tracking_id  TEXT,
        finished_ms  INTEGER,
        PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE audit (
        at_ms       INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        org_id      TEXT NOT NULL,
        person_id   TEXT NOT NULL,
        email       TEXT NOT NULL,
        summary     TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        tracking_id TEXT,
        run_id      TEXT NOT NULL
    );
    CREATE INDEX audit_by_org ON audit (org_id, at_ms);
    "#,
    // 2: the audit log also records changes to templates and their
    // settings (JSON of an AuditEvent; NULL for a user's license change).
    r#"
    ALTER TABLE audit ADD COLUMN event TEXT;
    "#,
];

/// The migrations after 3 (the mark), from 4 on. Append only.
const AFTER_MARK: &[&str] = &[
    // 4: an entry's payload when it is not a license change (JSON of a
    // Meetings session-types change, S2); NULL for license entries.
    r#"
    ALTER TABLE entries ADD COLUMN payload TEXT;
    "#,
    // 5: the BroadWorks onboarding check (B1, B2): what the admin ticked as
    // verified in Partner Hub, per customer template (provisioning id).
    r#"
    CREATE TABLE onboarding_checks (
        provisioning_id TEXT NOT NULL,
        item            TEXT NOT NULL,
        checked         INTEGER NOT NULL,
        at_ms           INTEGER NOT NULL,
        actor           TEXT NOT NULL,
        PRIMARY KEY (provisioning_id, item)
    ) WITHOUT ROWID;
    "#,
];

/// The schema version this build writes: the migrations above, 3, then
/// those after the mark.
pub(super) const LATEST_VERSION: i64 = MIGRATIONS.len() as i64 + 1 + AFTER_MARK.len() as i64;

fn migrations() -> Migrations<'static> {
    let mut all: Vec<M<'static>> = MIGRATIONS.iter().map(|sql| M::up(sql)).collect();
    all.push(M::up_with_hook("", mark_as_ledger));
    all.extend(AFTER_MARK.iter().map(|sql| M::up(sql)));
    Migrations::new(all)
}

/// Migration 3: the file says it is a hubdesk ledger (`PRAGMA
/// application_id`), so that it is told apart from a cache or any other
/// database before anything writes to it (see `files::sqlite`).
fn mark_as_ledger(tx: &Transaction<'_>) -> HookResult {
    tx.pragma_update(None, "application_id", crate::files::LEDGER_APPLICATION_ID)?;
    Ok(())
}

pub(super) fn guard_and_migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > LATEST_VERSION {
        return Err(LedgerError::TooNew { path: path.to_owned() });
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
    fn a_newer_ledger_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite");
        drop(super::super::Ledger::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        drop(conn);
        let err = super::super::Ledger::open(&path).err().expect("refused");
        assert!(err.to_string().contains("newer hubdesk"), "{err}");
    }

    #[test]
    fn migration_3_marks_an_older_ledger_as_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn).unwrap();
        conn.execute_batch("INSERT INTO org_settings VALUES ('org', 'group', 1);").unwrap();
        drop(conn);
        let app_id = |path: &Path| -> i32 {
            Connection::open(path).unwrap().pragma_query_value(None, "application_id", |r| r.get(0)).unwrap()
        };
        assert_eq!(app_id(&path), 0, "written before the mark existed");
        let ledger = super::super::Ledger::open(&path).unwrap();
        let kept = ledger.template_settings("org").unwrap();
        assert_eq!(kept.mode, hubdesk_api::AssignmentMode::Group, "its records are kept");
        drop(ledger);
        assert_eq!(app_id(&path), crate::files::LEDGER_APPLICATION_ID);
    }

    #[test]
    fn migration_4_gives_a_version_3_ledger_entry_payloads_and_keeps_its_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        let mut first_three: Vec<M<'static>> = MIGRATIONS.iter().map(|sql| M::up(sql)).collect();
        first_three.push(M::up_with_hook("", mark_as_ledger));
        Migrations::new(first_three).to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO runs VALUES ('r', 'org', '{\"kind\":\"enforced\"}', 'a', 1, 'finished');
             INSERT INTO entries (run_id, seq, person_id, email, display_name, change, grants, state)
             VALUES ('r', 0, 'p', 'p@x', 'P', '{}', '[]', 'done');",
        )
        .unwrap();
        assert_eq!(conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).unwrap(), 3);
        drop(conn);
        let ledger = super::super::Ledger::open(&path).unwrap();
        let conn = ledger.conn();
        assert_eq!(conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).unwrap(), LATEST_VERSION);
        let payload: Option<String> =
            conn.query_row("SELECT payload FROM entries WHERE run_id = 'r'", [], |r| r.get(0)).unwrap();
        assert_eq!(payload, None, "the old entry is kept, with no payload");
    }

    #[test]
    fn the_ledger_syncs_every_commit_to_disk() {
        let (_dir, ledger) = super::super::temp_ledger();
        let sync: i64 = ledger.conn().pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous must be FULL (2)");
    }
}
