//! Logs go to a daily file in the data folder. Tokens are never logged: the
//! client and the sign-in only ever log tracking ids and statuses. The log
//! folder is 0700 and its files 0600 (they name the tenant's people).

use std::path::Path;

use hubdesk_core::files::{private_dir_tightened, DailyLog};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

pub fn init(data_dir: &Path) -> Option<WorkerGuard> {
    let dir = hubdesk_core::log_dir(data_dir);
    // The data folder first: it is created here before the core opens it.
    private_dir_tightened(data_dir).ok()?;
    private_dir_tightened(&dir).ok()?;
    let (writer, guard) = tracing_appender::non_blocking(DailyLog::new(dir, "hubdesk.log"));
    let filter = EnvFilter::try_from_env("HUBDESK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,hubdesk=debug,hubdesk_core=debug"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).try_init().ok()?;
    Some(guard)
}
