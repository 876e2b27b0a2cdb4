//! The Webex REST client: auth header, Link-header pager, retries, typed
//! resources. No Tauri here; the tests run it against the simulator.

mod body;
mod broadworks;
mod client;
mod error;
mod gate;
pub mod licenses_write;
mod meetings;
pub mod models;
mod pager;
mod people_write;
mod resources;

pub use broadworks::PrecheckRefusal;
pub use client::{Reviver, StaticToken, TokenSource, WebexClient, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT};
pub use error::{NetworkKind, WebexError};
pub use pager::Pager;
pub use people_write::WholePerson;

/// The real Webex API.
pub const WEBEX_API_BASE: &str = "https://webexapis.com/v1";
