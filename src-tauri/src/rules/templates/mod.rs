//! License templates (rules T1–T18): validation and the plan of who gains
//! and loses what.

mod model;

pub use model::*;
