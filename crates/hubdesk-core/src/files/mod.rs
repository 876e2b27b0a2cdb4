//! The files hubdesk writes, and how (docs/architecture.md, "Security").
//!
//! - `private`: the data and log folders are created 0700, the databases,
//!   their `-wal` and `-shm`, and the logs 0600 (on unix): a tenant's people
//!   are readable by the admin's account only.
//! - `write`: a file the admin asked for (an export) is written to a
//!   temporary file beside it and renamed over the target only once
//!   complete, and never over an SQLite database.
//! - `sqlite`: whether a database file is hubdesk's (a cache, a ledger),
//!   new, or someone else's, before anything opens it for writing.
//! - `log`: the daily log file, created 0600.

mod log;
mod private;
pub(crate) mod sqlite;
mod write;

pub use log::DailyLog;
pub(crate) use private::restrict_database_files;
pub use private::{create_private, create_private_file, private_dir, private_dir_tightened, restrict_to_owner};
pub use sqlite::{CACHE_APPLICATION_ID, LEDGER_APPLICATION_ID};
pub use write::{is_sqlite_database, write_atomically};
