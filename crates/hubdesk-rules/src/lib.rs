//! Pure business rules: no I/O, no clock, no network. Each function takes
//! facts (usually read from the cache) and returns a decision, so every rule
//! (docs/rules.md) is tested by name.

pub mod broadworks;
pub mod calling;
pub mod csv_cell;
pub mod meetings;
pub mod phone;
pub mod phone_normalise;
pub mod templates;
