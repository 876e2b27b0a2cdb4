//! The `hubdesk` command line as a script runs it: the real binary against
//! the simulator over HTTP, writing real SQLite files; `kill -9` at random
//! moments of a sync and of an apply. One module per subcommand.

mod broadworks_actions;
mod support;

mod broadworks;
mod calling;
mod calling_csv;
mod calling_fix;
mod database_files;
mod demo;
mod kill_sync;
mod meetings;
mod meetings_bulk;
mod meetings_fixes;
mod sign_in_errors;
mod sim;
mod sync_export;
mod template_files;
mod templates;
