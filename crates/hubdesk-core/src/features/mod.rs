//! The use cases, one folder per feature, named as in `ui/src/features/`
//! and in the command list: each feature's `commands.rs` holds the
//! window's commands, the rest are `Core`'s methods that the window and
//! the command line share.

pub mod broadworks;
pub mod calling;
pub mod changes;
pub mod meetings;
pub mod orgs;
pub mod session;
pub mod settings;
pub mod templates;
pub mod users;
