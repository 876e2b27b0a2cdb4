//! `webex-sim`: the Webex API simulator on its own (`hubdesk sim` is the same).

use std::process::ExitCode;

use clap::Parser;
use webex_sim::cli::{run, SimArgs};

fn main() -> ExitCode {
    let args = SimArgs::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("webex-sim: {err:#}");
            ExitCode::FAILURE
        }
    }
}
