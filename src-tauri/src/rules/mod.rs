//! Pure business rules: no I/O, no clock, no network. Each function takes
//! facts (usually read from the cache) and returns a decision, so every rule
//! of `shared/spec/rules.md` can be tested by name.

pub mod templates;
