//! The core against real parts: a real SQLite file, a real keyring, the
//! simulator over real HTTP on loopback. One module per topic; `support`
//! opens a `Core` whose demo tenant runs in this process.

mod support;

mod body_limit;
mod boundaries;
mod broadworks;
mod broadworks_actions;
mod calling;
mod calling_csv;
mod calling_fixes;
mod commands;
mod files;
mod meetings;
mod meetings_bulk;
mod meetings_fixes;
mod next_links;
mod pager;
mod reliability;
mod session_sync;
mod sign_in_listener;
mod sync_resources;
mod templates_apply;
mod templates_core;
mod timeouts;
mod users_table;
