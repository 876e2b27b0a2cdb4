//! hubdesk: a desktop app for Cisco Webex administrators.
//!
//! Everything except `app` is free of Tauri, so the Webex client, the store,
//! the sync engine, the rules and the simulator run in tests and on the
//! command line with no window.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod ledger;
pub mod ops;
pub mod rules;
pub mod sim;
pub mod store;
pub mod sync;
pub mod webex;
