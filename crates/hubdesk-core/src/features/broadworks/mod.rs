//! Webex for BroadWorks subscribers (rules B1–B5), kept under the
//! partner's home org in the cache.
//!
//! Write side (B4): `actions` plans retry, delete and package changes (each
//! subscriber read live, a retry's email checked then prechecked) and
//! journals them; `actions_apply` sends a run's requests in order, each
//! once; `follow` polls each subscriber until its status settles.

pub mod actions;
pub mod actions_apply;
mod actions_commands;
pub mod commands;
pub mod follow;
