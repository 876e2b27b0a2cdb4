//! The ledger: hubdesk's own records, kept apart from the cache.
//!
//! The cache can be thrown away and synced again; the ledger cannot. It holds
//! the license templates (Webex has no API for them, webex-api.md §4.5), the
//! journal of every change hubdesk is about to send, the audit log of what
//! Webex answered, and the snapshot of people and groups templates were last
//! enforced against. It is a separate SQLite file with `synchronous = FULL`,
//! so a journal entry marked "in flight" is on disk before its request
//! leaves: after a crash, resume knows exactly what may have been sent.

mod audit;
mod calling_steps;
mod entry;
mod journal;
mod migrations;
mod onboarding;
mod payload_entries;
mod session_types;
mod snapshot;
mod subscriber_steps;
mod templates;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::files;
use crate::files::sqlite::Identity;
use hubdesk_api::{ApiError, ErrorCode};

pub use calling_steps::{CallingRequest, CallingStep, CallingStepResult, StoredCallingStep};
pub use entry::{EntryResult, NewEntry, StoredEntry};
pub use session_types::{StoredTypesEntry, TypesResult};
pub use subscriber_steps::{named_only as subscriber_named, StepResult, StoredStep};
pub use templates::OrgTemplateSettings;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("the ledger at {path} was written by a newer hubdesk; update hubdesk")]
    TooNew { path: PathBuf },
    #[error("{path} is not a hubdesk ledger ({reason}); it was left untouched")]
    Foreign { path: PathBuf, reason: String },
    #[error("ledger error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("ledger migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> Self {
        let (code, message) = match e {
            LedgerError::TooNew { .. } => (
                ErrorCode::DatabaseTooNew,
                "hubdesk's record of templates and changes was written by a newer hubdesk. Update hubdesk to open it.",
            ),
            LedgerError::Foreign { .. } => (
                ErrorCode::InvalidInput,
                "This file is not hubdesk's record of templates and changes, so hubdesk did not open it and left it as it was. Choose a hubdesk ledger, or a new file name for one.",
            ),
            LedgerError::NotFound(_) => (ErrorCode::NotFound, "This no longer exists in hubdesk's records."),
            _ => (
                ErrorCode::Database,
                "hubdesk could not read or write its record of templates and changes. Try again; if it keeps failing, restart hubdesk.",
            ),
        };
        ApiError::new(code, message).with_detail(e)
    }
}

pub type Result<T> = std::result::Result<T, LedgerError>;

pub struct Ledger {
    conn: Mutex<Connection>,
}

impl Ledger {
    /// Opens (creating if needed) the ledger, refusing one from a newer
    /// build and a file that is not a hubdesk ledger (left untouched). A new
    /// file, its `-wal` and `-shm` are created 0600 (see `files`).
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::private_dir(dir)
                .map_err(|e| LedgerError::Corrupt(format!("cannot create {}: {e}", dir.display())))?;
        }
        Ledger::check(path)?;
        files::create_private_file(path)
            .map_err(|e| LedgerError::Corrupt(format!("cannot create {}: {e}", path.display())))?;
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // Every commit reaches the disk before the call returns.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::guard_and_migrate(&mut conn, path)?;
        files::restrict_database_files(path);
        Ok(Ledger { conn: Mutex::new(conn) })
    }

    /// The ledger for commands that only read (a template plan): read-only,
    /// so nothing can change the file, and where there is none yet, an
    /// empty one in memory rather than a new file. A ledger of an older
    /// build is migrated first (it is ours).
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        match Ledger::check(path)? {
            Identity::Missing | Identity::New => {
                let mut conn = Connection::open_in_memory()?;
                migrations::guard_and_migrate(&mut conn, path)?;
                return Ok(Ledger { conn: Mutex::new(conn) });
            }
            Identity::Ours { version } if version < migrations::LATEST_VERSION => drop(Ledger::open(path)?),
            _ => {}
        }
        Ok(Ledger { conn: Mutex::new(files::sqlite::open_read_only(path)?) })
    }

    /// Refuses a file that is not a hubdesk ledger, or one from a newer
    /// build, without changing it; says what it is otherwise.
    pub(crate) fn check(path: &Path) -> Result<Identity> {
        let identity = files::sqlite::identify(path, &files::sqlite::LEDGER)?;
        match &identity {
            Identity::Foreign(reason) => Err(LedgerError::Foreign { path: path.to_owned(), reason: reason.clone() }),
            Identity::Ours { version } if *version > migrations::LATEST_VERSION => {
                Err(LedgerError::TooNew { path: path.to_owned() })
            }
            _ => Ok(identity),
        }
    }

    /// The ledger that goes with a cache file: `cache.sqlite` →
    /// `cache.ledger.sqlite`, beside it.
    pub fn path_beside(cache: &Path) -> PathBuf {
        let stem = cache.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "hubdesk".into());
        cache.with_file_name(format!("{stem}.ledger.sqlite"))
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // Transactions roll back on drop, so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| LedgerError::Corrupt(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| LedgerError::Corrupt(e.to_string()))
}

#[cfg(test)]
pub(crate) fn temp_ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite")).unwrap();
    (dir, ledger)
}
