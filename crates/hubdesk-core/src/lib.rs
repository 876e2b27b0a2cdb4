//! hubdesk-core: the app without a window. The Webex client (`webex`), the
//! sign-in and the keyring (`auth`), the cache (`store`) and hubdesk's own
//! record (`ledger`), the sync engine (`sync`), and the use cases per
//! feature (`features`), all held by [`Core`]. The window's commands
//! (`commands`) and the `hubdesk` command line call the same `Core`.
//! No Tauri and no command-line parsing here: both live in the app.

pub mod auth;
pub mod commands;
mod core;
pub mod demo;
pub mod features;
pub mod files;
pub mod host;
pub mod ledger;
pub mod store;
pub mod sync;
pub mod webex;

pub use crate::core::{default_data_dir, log_dir, Core, CoreFiles};
