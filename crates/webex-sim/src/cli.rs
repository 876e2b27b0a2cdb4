//! The simulator's command line: the `webex-sim` binary and `hubdesk sim`
//! take these same flags and run the same `run`.

use std::time::Duration;

use clap::Parser;

use crate::{Faults, RetryAfterStyle, SimConfig};

/// Run the Webex API simulator in the foreground (the demo tenant).
#[derive(Parser, Debug, Clone)]
#[command(name = "webex-sim", version, about = "A Webex REST API simulator with a seeded demo tenant, on 127.0.0.1")]
pub struct SimArgs {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Seed of the deterministic demo tenant.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// People in the whole tenant (partner and customers together).
    #[arg(long, default_value_t = 2000)]
    pub people: usize,
    /// Customer organizations managed by the partner.
    #[arg(long, default_value_t = 3)]
    pub customers: usize,
    /// Access token lifetime in seconds.
    #[arg(long, default_value_t = 14 * 24 * 3600)]
    pub token_ttl: u64,
    /// Refresh token lifetime in seconds.
    #[arg(long, default_value_t = 90 * 24 * 3600)]
    pub refresh_token_ttl: u64,
    /// How long BroadWorks provisioning and updates take, in simulated seconds.
    #[arg(long, default_value_t = 10)]
    pub provisioning_delay: u64,
    /// Fault: each answer is sent this many milliseconds after its request arrived.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Fault: requests per second per access token before 429 (0 = no limit).
    #[arg(long, default_value_t = 0)]
    pub rate_limit: u32,
    /// Fault: Retry-After form on 429: seconds, http-date, fractional, missing, garbage, negative, mixed.
    #[arg(long, default_value = "seconds", value_parser = RetryAfterStyle::parse_flag)]
    pub retry_after: RetryAfterStyle,
    /// Fault: share (0–1) of API requests answered 500, 502 or 503.
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Fault: share (0–1) of large callingData people pages answered 504.
    #[arg(long, default_value_t = 0.0)]
    pub gateway_timeout_rate: f64,
    /// Fault: a callingData page is large above this max (0 = 50).
    #[arg(long, default_value_t = 0)]
    pub gateway_timeout_above_max: u32,
    /// Fault: share (0–1) of API responses whose connection drops mid-body.
    #[arg(long, default_value_t = 0.0)]
    pub drop_rate: f64,
    /// Fault: share (0–1) of answers to writes (POST, PUT, PATCH, DELETE)
    /// whose connection drops mid-body, after the write was applied.
    #[arg(long, default_value_t = 0.0)]
    pub write_drop_rate: f64,
    /// Fault: share (0–1) of API responses with cut-short JSON.
    #[arg(long, default_value_t = 0.0)]
    pub malformed_json_rate: f64,
    /// Fault: share (0–1) of next links that lose the request's filters.
    #[arg(long, default_value_t = 0.0)]
    pub next_link_drops_filters_rate: f64,
    /// Fault: share (0–1) of next links that carry max=null.
    #[arg(long, default_value_t = 0.0)]
    pub next_link_max_null_rate: f64,
    /// Exit after this many seconds without a request (0: run until Ctrl-C).
    #[arg(long, default_value_t = 0)]
    pub exit_when_idle: u64,
    /// Keep the tenant in this folder: a restart with the same seed and size
    /// finds it as it was left (hubdesk's demo tenant runs this way).
    #[arg(long)]
    pub state_dir: Option<std::path::PathBuf>,
}

impl SimArgs {
    pub fn config(&self) -> SimConfig {
        SimConfig {
            port: self.port,
            seed: self.seed,
            people: self.people,
            customers: self.customers,
            token_ttl_secs: self.token_ttl,
            refresh_token_ttl_secs: self.refresh_token_ttl,
            provisioning_delay_secs: self.provisioning_delay,
            faults: Faults {
                latency_ms: self.latency_ms,
                rate_limit: self.rate_limit,
                retry_after: self.retry_after,
                error_rate: self.error_rate,
                gateway_timeout_rate: self.gateway_timeout_rate,
                gateway_timeout_above_max: self.gateway_timeout_above_max,
                drop_rate: self.drop_rate,
                write_drop_rate: self.write_drop_rate,
                malformed_json_rate: self.malformed_json_rate,
                next_link_drops_filters_rate: self.next_link_drops_filters_rate,
                next_link_max_null_rate: self.next_link_max_null_rate,
            },
            state_dir: self.state_dir.clone(),
            ..SimConfig::default()
        }
    }

    fn idle_limit(&self) -> Option<Duration> {
        (self.exit_when_idle > 0).then(|| Duration::from_secs(self.exit_when_idle))
    }
}

/// Serves in the foreground until Ctrl-C (or idle); the first line printed
/// is `listening on http://127.0.0.1:PORT/v1`.
pub async fn run(args: SimArgs) -> anyhow::Result<()> {
    crate::run_foreground(args.config(), args.idle_limit()).await
}
