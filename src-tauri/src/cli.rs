//! The command line: no subcommand opens the window; subcommands run
//! headless over the same `Core` as the window. Each subcommand parses,
//! calls the core and prints; nothing here decides anything.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod broadworks;
mod broadworks_actions;
mod calling;
mod calling_csv;
mod calling_fix;
mod exit;
mod export;
mod meetings;
mod meetings_bulk;
mod session;
mod sync;
mod templates;

#[derive(Parser, Debug)]
#[command(
    name = "hubdesk",
    version,
    about = "A fast desktop app for Cisco Webex administrators",
    after_help = exit::HELP
)]
pub struct Cli {
    /// Open the window signed in to the built-in demo tenant.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the Webex API simulator in the foreground (the demo tenant); the same as `webex-sim`.
    Sim(webex_sim::cli::SimArgs),
    /// Sync orgs into a cache file, headless, then enforce templates (token: HUBDESK_TOKEN or the keyring).
    Sync(sync::SyncArgs),
    /// Export the cache.
    Export(export::ExportArgs),
    /// License templates: preview, apply and resume, headless.
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Meetings session types: a user's (show, set, the troubleshooter) and many users' on a site (bulk); token: HUBDESK_TOKEN or the keyring.
    #[command(subcommand)]
    Meetings(meetings::MeetingsCommand),
    /// Webex for BroadWorks subscribers across every customer: list (from the cache).
    /// Webex for BroadWorks subscribers: retry activation, delete, change package (token: HUBDESK_TOKEN or the keyring).
    #[command(subcommand)]
    Broadworks(broadworks::BroadworksCommand),
    /// Webex Calling eligibility: why each user without a Calling license has none (from the cache), and the fixes.
    #[command(subcommand)]
    Calling(calling::CallingCommand),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::app::run(crate::app::AppOptions { demo: cli.demo }),
        Some(Command::Sim(args)) => exit::report(run_async(webex_sim::cli::run(args))),
        Some(Command::Sync(args)) => exit::report(run_async(sync::run(args))),
        Some(Command::Export(args)) => exit::report(export::run(args)),
        Some(Command::Templates(command)) => exit::report(run_async(templates::run(command))),
        Some(Command::Meetings(command)) => meetings::main(command),
        Some(Command::Broadworks(command)) => broadworks::main(command),
        Some(Command::Calling(command)) => calling::main(command),
    }
}

fn run_async<T>(work: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(work)
}
