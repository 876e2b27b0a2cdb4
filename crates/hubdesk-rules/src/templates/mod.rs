//! License templates (rules T1–T18): validation and the plan of who gains
//! and loses what.
//!
//! Pure: the functions take the org's cached facts and return decisions.
//! `plan` interns licenses, pools and sites to small integers once
//! (`catalog`), then works user by user on bitsets (`planner`, `adds`), so
//! a preview of 100,000 users stays well under a second.

mod adds;
pub(crate) mod calling;
mod catalog;
mod category;
mod export;
pub mod hash;
mod model;
mod order;
mod plan;
mod planner;
mod units;
mod validate;

#[cfg(test)]
mod tests;

pub(crate) use category::Kind;
pub use category::{license_category, not_for_users};
pub use export::plan_csv;
pub use model::*;
pub use order::subscription_order;
pub use plan::plan;
pub use validate::{templates_left_by_mode_switch, validate};
