//! The files hubdesk writes, and how (docs/architecture.md, "Security").
//!
//! - `write`: a file the admin asked for (an export) is written to a
//!   temporary file beside it and renamed over the target only once
//!   complete, and never over an SQLite database.

mod write;

pub use write::{is_sqlite_database, write_atomically};
