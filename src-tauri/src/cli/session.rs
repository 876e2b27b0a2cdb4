//! The core the window uses, opened on the files a command names and
//! signed in with `HUBDESK_TOKEN` or the token the app keeps.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use hubdesk_api::ErrorCode;
use hubdesk_core::auth::{stored_access_token, Vault};
use hubdesk_core::{default_data_dir, Core, CoreFiles};

/// The core on an existing cache (`must_exist`) or a new one.
pub fn open(cache: &Path, ledger: Option<&Path>, must_exist: bool) -> anyhow::Result<Arc<Core>> {
    if must_exist {
        require(cache)?;
    }
    Ok(Arc::new(Core::open(&CoreFiles::beside_cache(cache, ledger), Vault::from_env())?))
}

/// The core on the app's own files (`HUBDESK_DATA_DIR` or the platform's
/// data folder): what it records, such as the audit log, the window shows.
pub fn open_app() -> anyhow::Result<Arc<Core>> {
    Ok(Arc::new(Core::open(&CoreFiles::in_data_dir(&default_data_dir()), Vault::from_env())?))
}

/// The core on an existing cache, read-only, for commands that only read
/// (export, templates plan): nothing is created, and neither file changes.
pub fn open_read_only(cache: &Path, ledger: Option<&Path>) -> anyhow::Result<Arc<Core>> {
    require(cache)?;
    Ok(Arc::new(Core::open_read_only(&CoreFiles::beside_cache(cache, ledger), Vault::from_env())?))
}

fn require(cache: &Path) -> anyhow::Result<()> {
    if !cache.exists() {
        bail!("there is no database at {}: run `hubdesk sync` first", cache.display());
    }
    Ok(())
}

/// Signs the core in to `api` with the command line's token, each request
/// allowed `timeout`. A failure says what happened at `api`: nothing
/// answered, no answer in time, not a Webex API, or the token refused.
pub async fn sign_in(core: &Core, api: &str, timeout: Duration) -> anyhow::Result<()> {
    let token = match std::env::var("HUBDESK_TOKEN") {
        Ok(token) => token,
        Err(_) => match stored_access_token(&Vault::from_env())? {
            Some(token) => token,
            None => bail!("no token: sign in with the app first, or set HUBDESK_TOKEN"),
        },
    };
    let error = match core.sign_in_with_token(api, token, timeout).await {
        Ok(_) => return Ok(()),
        Err(error) => error,
    };
    // The message says what happened; the first words say where.
    let headline = match error.code {
        ErrorCode::Unauthorized | ErrorCode::Forbidden => "the token was not accepted".to_owned(),
        ErrorCode::Network => format!("cannot reach {api}"),
        ErrorCode::WebexApi => format!("{api} is not a Webex API"),
        _ => format!("cannot sign in at {api}"),
    };
    Err(anyhow::Error::new(error).context(headline))
}

/// Runs `stop` on the first Ctrl-C, after saying what happens next.
pub fn on_ctrl_c(core: &Arc<Core>, message: &'static str, stop: impl FnOnce(&Core) + Send + 'static) {
    let core = core.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("{message}");
            stop(&core);
        }
    });
}
