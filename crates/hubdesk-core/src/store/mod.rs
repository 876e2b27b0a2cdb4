//! The SQLite cache: one file in the app data directory, WAL, migrations.
//!
//! Two connections to the same file: a writer (sync, settings) and a reader
//! (search, detail). With WAL a long sync transaction never blocks a search,
//! and readers see either the old or the new data, never half of it.

mod broadworks;
mod broadworks_query;
mod calling_people;
mod calling_report;
mod changes;
mod everywhere;
mod facets;
mod meetings;
mod migrations;
mod name_ends;
mod name_order;
mod orgs;
mod people;
mod people_query;
mod people_sync;
mod resources;
mod rows;
mod search;
mod settings;
mod stored_person;
mod subscriber_writes;
mod sync_status;
mod template_facts;
mod users_table_migration;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use crate::files;
use crate::files::sqlite::Identity;
use hubdesk_api::{ApiError, ErrorCode};

pub use calling_people::{CallingPersonRow, CallingPersonView};
pub use meetings::in_id_order;
pub use migrations::LATEST_VERSION;
pub use resources::ResourceTable;
pub use settings::SettingKey;
pub use template_facts::{GroupRow, NumberRow};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database at {path} was written by a newer hubdesk (schema {found}, this build knows up to {known}); update hubdesk or choose another data folder")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{path} is not a hubdesk cache ({reason}); it was left untouched")]
    Foreign { path: PathBuf, reason: String },
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
        let (code, message) = match e {
            StoreError::TooNew { .. } => {
                (ErrorCode::DatabaseTooNew, "This cache was written by a newer hubdesk. Update hubdesk to open it.")
            }
            StoreError::Foreign { .. } => (
                ErrorCode::InvalidInput,
                "This file is not a hubdesk cache, so hubdesk did not open it and left it as it was. Choose a hubdesk cache, or a new file name for one.",
            ),
            StoreError::NotFound(_) => {
                (ErrorCode::NotFound, "This is not in the cache. Sync the organization, then try again.")
            }
            _ => (
                ErrorCode::Database,
                "hubdesk could not read or write its cache on this computer. Try again; if it keeps failing, restart hubdesk.",
            ),
        };
        ApiError::new(code, message).with_detail(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Cheap to clone: clones share the connections, so a swap can be handed
/// to a blocking thread while the caller's task goes on.
#[derive(Clone)]
pub struct Store {
    path: PathBuf,
    writer: Arc<Mutex<Connection>>,
    reader: Arc<Mutex<Connection>>,
    /// A checkpoint is running on a thread of its own (see `checkpoint_soon`).
    checkpointing: Arc<AtomicBool>,
}

impl Store {
    /// Opens (creating if needed) the database, refusing one from a newer
    /// build and a file that is not a hubdesk cache (left untouched). A new
    /// file, its `-wal` and `-shm` are created 0600 (see `files`).
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::private_dir(dir)
                .map_err(|e| StoreError::Corrupt(format!("cannot create {}: {e}", dir.display())))?;
        }
        Store::check(path)?;
        files::create_private_file(path)
            .map_err(|e| StoreError::Corrupt(format!("cannot create {}: {e}", path.display())))?;
        let mut writer = Connection::open(path)?;
        // A person's row (its Webex JSON is over 1 KB) overflows a 4 KiB
        // page: each would take a page of its own besides. Only a new file
        // takes the size; an existing cache keeps its own.
        writer.pragma_update(None, "page_size", PAGE_SIZE)?;
        configure(&writer)?;
        // A first sync of 100,000 people writes hundreds of MB: with SQLite's
        // default 2 MB cache it would spill pages and read them back.
        writer.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        // Checkpoints run after the write, off the writer (`checkpoint_soon`).
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        migrations::guard_and_migrate(&mut writer, path)?;
        files::restrict_database_files(path);
        // Scratch tables (`name_ends`) live in memory, not in files.
        writer.pragma_update(None, "temp_store", "MEMORY")?;
        name_ends::prepare(&writer)?;
        let reader = Connection::open(path)?;
        configure(&reader)?;
        reader.pragma_update(None, "cache_size", -READER_CACHE_KIB)?;
        search::prepare_reader(&reader)?;
        Ok(Store::with(path, writer, reader))
    }

    /// Opens an existing cache for commands that only read (an export, a
    /// template plan): both connections are read-only, so nothing can
    /// change the file. A cache of an older build is migrated first (it is
    /// ours, and its tables would not be read otherwise).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        match Store::check(path)? {
            Identity::Missing | Identity::New => {
                return Err(StoreError::NotFound(format!("there is no hubdesk cache at {}", path.display())))
            }
            Identity::Ours { version } if version < LATEST_VERSION => drop(Store::open(path)?),
            _ => {}
        }
        let writer = files::sqlite::open_read_only(path)?;
        writer.pragma_update(None, "foreign_keys", "ON")?;
        writer.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        let reader = files::sqlite::open_read_only(path)?;
        reader.pragma_update(None, "cache_size", -READER_CACHE_KIB)?;
        search::prepare_reader(&reader)?;
        Ok(Store::with(path, writer, reader))
    }

    /// Refuses a file that is not a hubdesk cache, or one from a newer
    /// build, without changing it; says what it is otherwise.
    pub(crate) fn check(path: &Path) -> Result<Identity> {
        let identity = files::sqlite::identify(path, &files::sqlite::CACHE)?;
        match &identity {
            Identity::Foreign(reason) => Err(StoreError::Foreign { path: path.to_owned(), reason: reason.clone() }),
            Identity::Ours { version } if *version > LATEST_VERSION => {
                Err(StoreError::TooNew { path: path.to_owned(), found: *version, known: LATEST_VERSION })
            }
            _ => Ok(identity),
        }
    }

    fn with(path: &Path, writer: Connection, reader: Connection) -> Store {
        hubdesk_rules::phone::warm_up();
        Store {
            path: path.to_owned(),
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Mutex::new(reader)),
            checkpointing: Arc::default(),
        }
    }

    /// Copies what the WAL holds into the database file on a thread of its
    /// own. SQLite would otherwise do it inside the commit that crosses its
    /// threshold, so a big sync would wait for a second copy of everything
    /// it wrote (and its fsyncs). Readers and the next writes go on meanwhile.
    fn checkpoint_soon(&self) {
        if self.checkpointing.swap(true, Ordering::AcqRel) {
            return; // the running one copies this write too, or the next will
        }
        let (path, busy) = (self.path.clone(), self.checkpointing.clone());
        std::thread::spawn(move || {
            let result = Connection::open(&path).and_then(|conn| {
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
                conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            });
            if let Err(e) = result {
                tracing::warn!("checkpoint of {} failed (the next one retries): {e}", path.display());
            }
            busy.store(false, Ordering::Release);
        });
    }

    /// Waits until no checkpoint started by `checkpoint_soon` is running:
    /// a benchmark measures reads on a disk that is not copying the WAL.
    pub fn wait_for_checkpoint(&self) {
        while self.checkpointing.load(Ordering::Acquire) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever a connection other than the reader (the writer, or
    /// another process) commits to the file: SQLite's `data_version`. What
    /// was computed from the cache at one value still holds at the same one.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.reader().query_row("PRAGMA data_version", [], |r| r.get(0))?)
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

const PAGE_SIZE: i64 = 8192;
/// Page caches, in KiB (SQLite takes a negative `cache_size` as KiB).
const WRITER_CACHE_KIB: i64 = 32 * 1024;
const READER_CACHE_KIB: i64 = 64 * 1024;

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Epoch milliseconds as RFC 3339 (UTC), for Webex filters and exports.
pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
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
