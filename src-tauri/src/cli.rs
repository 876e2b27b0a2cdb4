//! The command line: no subcommand opens the window; subcommands run headless.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod export;
mod sync;
mod templates;

#[derive(Parser, Debug)]
#[command(name = "hubdesk", version, about = "A fast desktop app for Cisco Webex administrators")]
pub struct Cli {
    /// Open the window signed in to the built-in demo tenant.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the Webex API simulator in the foreground (the demo tenant).
    Sim(SimArgs),
    /// Sync orgs into a cache file, headless (token: HUBDESK_TOKEN or the keyring).
    Sync(sync::SyncArgs),
    /// Export the cache.
    Export(export::ExportArgs),
    /// License templates: preview, apply and resume, headless.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
}

#[derive(clap::Args, Debug, Clone)]
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
    /// Fault: milliseconds added to every API request.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Fault: requests per second per access token before 429 (0 = no limit).
    #[arg(long, default_value_t = 0)]
    pub rate_limit: u32,
    /// Fault: Retry-After form on 429: seconds, http-date, fractional, missing, garbage, negative, mixed.
    #[arg(long, default_value = "seconds", value_parser = crate::sim::RetryAfterStyle::parse_flag)]
    pub retry_after: crate::sim::RetryAfterStyle,
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
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::app::run(crate::app::AppOptions { demo: cli.demo }),
        Some(Command::Sim(args)) => {
            let idle = (args.exit_when_idle > 0).then(|| std::time::Duration::from_secs(args.exit_when_idle));
            run_async(crate::sim::run_foreground(args.into(), idle))
        }
        Some(Command::Sync(args)) => run_async(sync::run(args)),
        Some(Command::Export(args)) => report(export::run(args)),
        Some(Command::Templates(command)) => run_async(templates::run(command)),
    }
}

fn run_async(fut: impl std::future::Future<Output = anyhow::Result<()>>) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    report(runtime.block_on(fut))
}

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        // `hubdesk export ... | head`: the reader left, which is not an error.
        Err(err) if format!("{err:#}").contains("Broken pipe") => ExitCode::SUCCESS,
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
