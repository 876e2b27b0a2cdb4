//! Webex for BroadWorks (rules B1–B5): the partner's subscribers across
//! every customer. The read side is here: the status view (`list`), its
//! CSV and JSON (`export`), the onboarding check (`onboarding`); all of it
//! reads the cache and works offline but for the refresh.

pub mod commands;
mod export;
mod list;
mod onboarding;

pub use export::{write_subscribers, SubscriberFormat};
pub use onboarding::{pending_warning, PENDING_WARN_MIN, PENDING_WARN_SHARE_PERCENT};
