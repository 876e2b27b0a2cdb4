//! Webex for BroadWorks subscribers (rules B1–B5).
//!
//! `actions`: what an admin may do to a subscriber in which status (B4),
//! the email a retry needs, the package names, and the error text copied
//! for a ticket.

pub mod actions;
