//! Whose a database file is, found before anything opens it for writing.
//!
//! hubdesk marks its files with `PRAGMA application_id`: one number for a
//! cache, another for a ledger (set by a migration of each). A file is
//! - new: absent, empty, or an SQLite file with `user_version` 0 and no
//!   tables at all: it may be initialised;
//! - ours: it carries our id, or (written before the id existed) id 0,
//!   `user_version` above 0 and our tables: it opens, and its migration
//!   gives it the id;
//! - foreign: anything else (another program's database, the other kind
//!   of hubdesk file, not a database at all): refused, and left untouched.
//!
//! The check reads the file's header, and only when that is not enough
//! opens it read-only, so a foreign file is never changed.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// `PRAGMA application_id` of a cache: "HDKC".
pub const CACHE_APPLICATION_ID: i32 = 0x4844_4B43;
/// `PRAGMA application_id` of a ledger: "HDKL".
pub const LEDGER_APPLICATION_ID: i32 = 0x4844_4B4C;

/// The kind of file expected.
pub(crate) struct Kind {
    pub application_id: i32,
    /// Tables every version of it has had (for files from before the id).
    pub tables: &'static [&'static str],
}

pub(crate) const CACHE: Kind =
    Kind { application_id: CACHE_APPLICATION_ID, tables: &["settings", "orgs", "people", "licenses"] };
pub(crate) const LEDGER: Kind =
    Kind { application_id: LEDGER_APPLICATION_ID, tables: &["org_settings", "templates", "runs", "entries", "audit"] };

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Identity {
    /// No file there.
    Missing,
    /// Empty: may be initialised.
    New,
    /// Ours, at this schema version.
    Ours { version: i64 },
    /// Not ours; the reason is for the error's detail.
    Foreign(String),
}

const HEADER_LEN: usize = 100;
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(crate) fn identify(path: &Path, kind: &Kind) -> rusqlite::Result<Identity> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Identity::Missing),
        Err(e) => return Ok(Identity::Foreign(format!("cannot be read: {e}"))),
    };
    if !meta.is_file() {
        return Ok(Identity::Foreign("not a file".into()));
    }
    if meta.len() == 0 {
        return Ok(Identity::New);
    }
    let mut header = [0u8; HEADER_LEN];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() || &header[..16] != MAGIC {
        return Ok(Identity::Foreign("not an SQLite database".into()));
    }
    // Offset 68: the application id, big-endian. A WAL may hold a newer
    // header page, but never one that turns another program's id into ours.
    let id_on_disk = i32::from_be_bytes(header[68..72].try_into().expect("4 bytes"));
    if id_on_disk != 0 && id_on_disk != kind.application_id {
        return Ok(Identity::Foreign(format!("application_id {id_on_disk:#x}")));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let facts = (|| {
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut stmt = conn.prepare("SELECT type, name FROM sqlite_schema")?;
        let objects = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let objects: Vec<(String, String)> = objects.collect::<rusqlite::Result<_>>()?;
        Ok::<_, rusqlite::Error>((id, version, objects))
    })();
    let (id, version, objects) = match facts {
        Ok(facts) => facts,
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            return Ok(Identity::Foreign("not an SQLite database".into()));
        }
        Err(e) => return Err(e),
    };
    let has_table = |name: &str| objects.iter().any(|(t, n)| t == "table" && n == name);
    Ok(match id {
        id if id == kind.application_id => Identity::Ours { version },
        0 if version == 0 && objects.is_empty() => Identity::New,
        0 if version > 0 && kind.tables.iter().all(|t| has_table(t)) => Identity::Ours { version },
        0 => Identity::Foreign(format!("user_version {version}, {} schema objects, not ours", objects.len())),
        other => Identity::Foreign(format!("application_id {other:#x}")),
    })
}

/// A read-only connection: nothing it does can change the file.
pub(crate) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(dir: &Path, name: &str, sql: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        path
    }

    #[test]
    fn files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(identify(&d.join("absent"), &CACHE).unwrap(), Identity::Missing);
        std::fs::write(d.join("empty"), b"").unwrap();
        assert_eq!(identify(&d.join("empty"), &CACHE).unwrap(), Identity::New);
        let blank = db(d, "blank", "PRAGMA user_version = 0;");
        assert_eq!(identify(&blank, &CACHE).unwrap(), Identity::New, "an SQLite file without tables");
        std::fs::write(d.join("text"), b"First Name,Last Name\nAnn,Lee\n").unwrap();
        assert!(matches!(identify(&d.join("text"), &CACHE).unwrap(), Identity::Foreign(_)));
        assert!(matches!(identify(d, &CACHE).unwrap(), Identity::Foreign(_)), "a folder");

        let other_app = db(d, "other", "CREATE TABLE notes (x); PRAGMA application_id = 1598903374;");
        assert!(matches!(identify(&other_app, &CACHE).unwrap(), Identity::Foreign(_)));
        let tables_no_version = db(d, "tables", "CREATE TABLE people (x);");
        assert!(matches!(identify(&tables_no_version, &CACHE).unwrap(), Identity::Foreign(_)));
        let versioned_not_ours = db(d, "versioned", "CREATE TABLE people (x); PRAGMA user_version = 3;");
        assert!(matches!(identify(&versioned_not_ours, &CACHE).unwrap(), Identity::Foreign(_)), "lacks our tables");

        let legacy = db(
            d,
            "legacy",
            "CREATE TABLE settings (k); CREATE TABLE orgs (k); CREATE TABLE people (k); CREATE TABLE licenses (k);
             PRAGMA user_version = 3;",
        );
        assert_eq!(identify(&legacy, &CACHE).unwrap(), Identity::Ours { version: 3 }, "from before the id");
        assert!(matches!(identify(&legacy, &LEDGER).unwrap(), Identity::Foreign(_)), "a cache is not a ledger");

        let marked =
            db(d, "marked", &format!("PRAGMA application_id = {LEDGER_APPLICATION_ID}; PRAGMA user_version = 3;"));
        assert_eq!(identify(&marked, &LEDGER).unwrap(), Identity::Ours { version: 3 });
        assert!(matches!(identify(&marked, &CACHE).unwrap(), Identity::Foreign(_)), "a ledger is not a cache");
    }
}
