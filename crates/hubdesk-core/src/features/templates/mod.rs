//! License templates: the screen's use cases on top of the rules, the
//! cache, the ledger and the client.

pub mod apply;
pub mod commands;
mod enforce;
mod entries;
pub mod facts;
mod preview;
mod request;
mod runs;
mod screen;

pub use enforce::journal_enforcement;
pub(crate) use preview::calling_confirmation;
pub use preview::{plan_delete, plan_reapply, plan_save, Planned, Previews};
pub use request::summary_line;
pub use runs::{audit_csv, save_export, suggested_export_path, ActiveRuns};
