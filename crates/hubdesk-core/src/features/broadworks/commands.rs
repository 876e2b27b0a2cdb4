//! The window's BroadWorks commands. Handlers only parse, call `Core` and
//! answer; each side keeps its own in its own file.

pub use super::actions_commands::*;
