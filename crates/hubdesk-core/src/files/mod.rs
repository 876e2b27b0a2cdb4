//! The files hubdesk writes, and how (docs/architecture.md, "Security").
//!
//! - `write`: a file the admin asked for (an export) is written to a
//!   temporary file beside it and renamed over the target only once
//!   complete, and never over an SQLite database.
//! - `sqlite`: whether a database file is hubdesk's (a cache, a ledger),
//!   new, or someone else's, before anything opens it for writing.

pub(crate) mod sqlite;
mod write;

pub use sqlite::{CACHE_APPLICATION_ID, LEDGER_APPLICATION_ID};
pub use write::{is_sqlite_database, write_atomically};
