//! Webex for BroadWorks (rules B1–B5): the partner's subscribers across
//! every customer, kept under the partner's home org in the cache.
//!
//! Read side: the status view (`list`), its CSV and JSON (`export`), the
//! onboarding check (`onboarding`); all of it reads the cache and works
//! offline but for the refresh.
//!
//! Write side (B4): `actions` plans retry, delete and package changes (each
//! subscriber read live, a retry's email checked then prechecked) and
//! journals them; `actions_apply` sends a run's requests in order, each
//! once; `follow` polls each subscriber until its status settles.

pub mod actions;
pub mod actions_apply;
mod actions_commands;
pub mod commands;
mod export;
pub mod follow;
mod list;
mod onboarding;

pub use export::{write_subscribers, SubscriberFormat};
pub use onboarding::{pending_warning, PENDING_WARN_MIN, PENDING_WARN_SHARE_PERCENT};
