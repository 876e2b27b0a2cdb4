//! The core against real parts: a real SQLite file, a real keyring, the
//! simulator over real HTTP on loopback. One module per topic; `support`
//! opens a `Core` whose demo tenant runs in this process.

mod support;

mod boundaries;
mod commands;
mod pager;
mod reliability;
mod session_sync;
mod sync_resources;
mod templates_apply;
mod templates_core;
