//! The end-to-end harness: the built app in a private X server, driven over
//! WebDriver (tauri-driver + WebKitWebDriver), one test at a time.

pub mod driver;
pub mod group;
pub mod profile;
pub mod session;
pub mod ui;
pub mod xvfb;

use std::future::Future;
use std::io::Write;
use std::sync::{Mutex, PoisonError};

use anyhow::Result;
use tokio::signal::unix::{signal, SignalKind};

use profile::Profile;

/// One test at a time: two WebKit instances on a small CI machine only slow
/// each other down until the tests' timeouts start to fire.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs `test` with a fresh profile. On failure the profile (data dir,
/// logs) stays on disk and the error says where, with the driver log's tail.
pub fn run_e2e(name: &str, test: impl AsyncFnOnce(&Profile) -> Result<()>) -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let mut profile = Profile::new(name)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let outcome = runtime.block_on(until_interrupted(test(&profile)));
    outcome.map_err(|error| {
        let tail = profile.log_tail("driver.log", 30);
        let tail = if tail.is_empty() { "(empty)".to_string() } else { tail };
        let kept = profile.keep();
        error.context(format!("data and logs kept in {}; end of logs/driver.log:\n{tail}", kept.display()))
    })
}

/// Runs `test`, but on Ctrl-C or SIGTERM drops it first and then exits.
/// Xvfb and tauri-driver (with the app) live in their own process groups,
/// so the terminal's signal never reaches them: dropping the test's
/// [`session::AppSession`] is what stops them.
async fn until_interrupted(test: impl Future<Output = Result<()>>) -> Result<()> {
    let signal = {
        tokio::select! {
            outcome = test => return outcome,
            signal = interruption() => signal,
        }
    };
    // Straight to stderr: eprintln! would land in libtest's capture buffer,
    // which nobody prints once the process exits here.
    let _ = writeln!(std::io::stderr(), "e2e: {signal}; stopped the app, tauri-driver and Xvfb");
    std::process::exit(130);
}

async fn interruption() -> &'static str {
    let Ok(mut terminate) = signal(SignalKind::terminate()) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "interrupted",
        _ = terminate.recv() => "terminated",
    }
}
