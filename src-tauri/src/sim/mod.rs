//! The Webex API simulator: a deterministic demo tenant behind the real Webex
//! REST shapes (OAuth, People, Organizations, Licenses), served by axum on
//! 127.0.0.1 only. The desktop app's demo mode and every test talk to it over
//! HTTP, exactly as they would talk to `https://webexapis.com/v1`.
//!
//! Layout: `tenant/` holds the data and its seeded generation, `oauth/` the
//! authorization server, `http/` the cross-cutting HTTP pieces (errors,
//! tracking ids, paging, the bearer caller), one folder per REST resource,
//! and `helpers/` the `/_sim/` test endpoints that are not part of Webex.

mod clock;
mod helpers;
mod http;
mod ids;
mod licenses;
mod oauth;
mod organizations;
mod people;
mod server;
mod state;
mod tenant;

pub use server::{run_foreground, start, SimServer};

/// The demo integration's client id, accepted by `/v1/authorize` and `/v1/access_token`.
pub const DEMO_CLIENT_ID: &str = "hubdesk-demo";
/// The demo integration's secret (Webex integrations are confidential clients).
pub const DEMO_CLIENT_SECRET: &str = "hubdesk-demo-secret";

/// What the simulator serves: where, and which seeded tenant.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Seed of the demo tenant and of the token signing key.
    pub seed: u64,
    /// People in the whole tenant, partner and customers together (admins included).
    pub people: usize,
    /// Customer organizations managed by the partner.
    pub customers: usize,
    /// Access token lifetime in seconds.
    pub token_ttl_secs: u64,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self { port: 0, seed: 1, people: 2000, customers: 3, token_ttl_secs: 14 * 24 * 3600 }
    }
}

impl From<crate::cli::SimArgs> for SimConfig {
    fn from(a: crate::cli::SimArgs) -> Self {
        Self { port: a.port, seed: a.seed, people: a.people, customers: a.customers, token_ttl_secs: a.token_ttl }
    }
}
