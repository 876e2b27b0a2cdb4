//! The SQLite cache: one file in the app data directory, WAL, migrations.
//!
//! Two connections to the same file: a writer (sync, settings) and a reader
//! (search, detail). With WAL a long sync transaction never blocks a search,
//! and readers see either the old or the new data, never half of it.

mod migrations;
mod orgs;
mod changes;
mod people;
mod resources;
mod search;
mod settings;
mod sync_status;
mod template_facts;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::api::{ApiError, ErrorCode};

pub use migrations::LATEST_VERSION;
pub use resources::ResourceTable;
pub use settings::SettingKey;
pub use template_facts::{GroupRow, NumberRow};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database at {path} was written by a newer hubdesk (schema {found}, this build knows up to {known}); update hubdesk or choose another data folder")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match e {
            StoreError::TooNew { .. } => ErrorCode::DatabaseTooNew,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            _ => ErrorCode::Database,
        };
        ApiError::new(code, e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database, refusing one from a newer build.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Corrupt(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        migrations::guard_and_migrate(&mut writer, path)?;
        let reader = Connection::open(path)?;
        configure(&reader)?;
        Ok(Store { path: path.to_owned(), writer: Mutex::new(writer), reader: Mutex::new(reader) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back on drop), so a poisoned lock is still usable.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Milliseconds since the Unix epoch, the unit of every timestamp we store.
pub fn now_ms() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    now.as_millis() as i64
}

#[cfg(test)]
pub(crate) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    (dir, store)
}
