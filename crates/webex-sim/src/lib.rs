//! webex-sim, a Webex API simulator: a deterministic demo tenant behind the
//! real Webex REST shapes (OAuth, People, Organizations, Licenses, Groups,
//! Locations, Calling numbers, Meetings session types, BroadWorks
//! subscribers), served by axum on 127.0.0.1 only. Any Webex client can
//! talk to it over HTTP exactly as it would to `https://webexapis.com/v1`:
//! hubdesk's demo tenant and tests do. It depends on nothing of hubdesk.
//!
//! `start` runs it inside a program (tests); `cli::run` is the `webex-sim`
//! binary and `hubdesk sim`, which take the same flags.
//!
//! Layout: `tenant/` holds the data, its seeded generation and the rules
//! that change it, `oauth/` the authorization server, `http/` the
//! cross-cutting HTTP pieces (errors, tracking ids, paging, the bearer
//! caller), one folder per REST resource, `licensing/` the license rules
//! shared by People and Licenses, `faults/` the faults on demand,
//! `changelog.rs` the record of mutations, and `helpers/` the `/_sim/`
//! endpoints that are not part of Webex.

mod broadworks;
mod changelog;
pub mod cli;
#[cfg(feature = "client")]
pub mod client;
mod clock;
mod faults;
mod groups;
mod helpers;
mod http;
mod ids;
mod licenses;
mod licensing;
mod listen;
mod locations;
mod meetings;
mod numbers;
mod oauth;
mod organizations;
mod people;
mod persist;
mod server;
mod state;
mod tenant;

use std::time::Duration;

pub use faults::{Faults, RetryAfterStyle};
pub use server::{run_foreground, start, SimServer};

/// The demo integration's client id, accepted by `/v1/authorize` and `/v1/access_token`.
pub const DEMO_CLIENT_ID: &str = "hubdesk-demo";
/// The demo integration's secret (Webex integrations are confidential clients).
pub const DEMO_CLIENT_SECRET: &str = "hubdesk-demo-secret";

/// What the simulator serves: where, which seeded tenant, and how it misbehaves.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Seed of the demo tenant, of the token signing key and of the fault dice.
    pub seed: u64,
    /// People in the whole tenant, partner and customers together (admins included).
    pub people: usize,
    /// Customer organizations managed by the partner.
    pub customers: usize,
    /// Access token lifetime in seconds.
    pub token_ttl_secs: u64,
    /// Refresh token lifetime in seconds.
    pub refresh_token_ttl_secs: u64,
    /// How long BroadWorks provisioning and updates take, in simulated seconds.
    pub provisioning_delay_secs: u64,
    /// Faults from the start (all off by default).
    pub faults: Faults,
    /// How long a client may take to send a request's headers (then its
    /// connection is closed; also how long an idle keep-alive connection
    /// stays open) and then its body (then 408).
    pub read_timeout: Duration,
    /// Where the tenant is kept across restarts; none keeps it in memory
    /// only (a restart starts from the seed).
    pub state_dir: Option<std::path::PathBuf>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            port: 0,
            seed: 1,
            people: 2000,
            customers: 3,
            token_ttl_secs: 14 * 24 * 3600,
            refresh_token_ttl_secs: 90 * 24 * 3600,
            provisioning_delay_secs: 10,
            faults: Faults::default(),
            read_timeout: Duration::from_secs(10),
            state_dir: None,
        }
    }
}
