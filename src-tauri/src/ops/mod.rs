//! Use cases on top of the store, the client and the sign-in, shared by the
//! window (through thin Tauri commands) and the headless command line.

mod demo;
mod export;
mod session;
mod settings;
mod sync;
pub mod templates;
mod users;

use std::path::{Path, PathBuf};

use tokio::sync::{Mutex, RwLock};
use tokio_util::sync::CancellationToken;

use crate::api::{ApiError, ErrorCode, SignedInUser, TenantKind};
use crate::auth::Vault;
use crate::ledger::Ledger;
use demo::DemoTenant;
use crate::store::Store;
use crate::webex::{WebexClient, WEBEX_API_BASE};

pub use demo::{DemoRecord, DEMO_RECORD};
pub use export::{export_people, ExportFormat};
pub use session::{DEMO_CUSTOMERS, DEMO_PEOPLE, DEMO_SEED};

/// The app's state without a window: one per process.
pub struct Core {
    pub store: Store,
    /// Templates, the apply journal and the audit log (see `ledger`).
    pub ledger: Ledger,
    previews: templates::Previews,
    active_runs: templates::ActiveRuns,
    vault: Vault,
    data_dir: PathBuf,
    session: RwLock<Option<ActiveSession>>,
    /// The simulator behind the demo tenant, once started.
    demo: Mutex<Option<DemoTenant>>,
    /// Run the demo tenant as this binary's `sim` process, which outlives
    /// the window (the app); `None` runs it in-process (tests, CLI).
    durable_demo: Option<PathBuf>,
    /// The running sync's cancel switch; one sync at a time.
    sync: std::sync::Mutex<Option<CancellationToken>>,
    /// Where "Sign in to Webex" goes: Webex, or a simulator for testing.
    webex_api_base: String,
}

/// Who is signed in, and the client that acts for them.
pub(crate) struct ActiveSession {
    tenant: TenantKind,
    user: SignedInUser,
    client: WebexClient,
}

impl Core {
    /// Opens the cache in `data_dir` (created if needed).
    pub fn open(data_dir: &Path, vault: Vault) -> Result<Core, ApiError> {
        let store = Store::open(&data_dir.join("cache.sqlite"))?;
        let ledger = Ledger::open(&data_dir.join("ledger.sqlite"))?;
        Ok(Core {
            store,
            ledger,
            previews: Default::default(),
            active_runs: Default::default(),
            vault,
            data_dir: data_dir.to_owned(),
            session: RwLock::new(None),
            demo: Mutex::new(None),
            durable_demo: None,
            sync: std::sync::Mutex::new(None),
            webex_api_base: std::env::var("HUBDESK_WEBEX_API").unwrap_or_else(|_| WEBEX_API_BASE.to_owned()),
        })
    }

    /// Runs the demo tenant as `exe sim`, a process that outlives this one
    /// until idle (the app; see `ops::demo`).
    pub fn with_durable_demo(mut self, exe: PathBuf) -> Self {
        self.durable_demo = Some(exe);
        self
    }

    /// Points "Sign in to Webex" at another server (a simulator, in tests).
    pub fn with_webex_api_base(mut self, base: &str) -> Self {
        self.webex_api_base = base.to_owned();
        self
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The signed-in client, or `not_signed_in`.
    pub async fn client(&self) -> Result<WebexClient, ApiError> {
        self.session
            .read()
            .await
            .as_ref()
            .map(|s| s.client.clone())
            .ok_or_else(|| ApiError::new(ErrorCode::NotSignedIn, "please sign in first"))
    }

    /// The signed-in admin's own org.
    pub async fn home_org_id(&self) -> Result<String, ApiError> {
        self.session
            .read()
            .await
            .as_ref()
            .map(|s| s.user.org_id.clone())
            .ok_or_else(|| ApiError::new(ErrorCode::NotSignedIn, "please sign in first"))
    }

    /// The signed-in admin's email.
    pub async fn signed_in_email(&self) -> Result<String, ApiError> {
        self.session
            .read()
            .await
            .as_ref()
            .map(|s| s.user.email.clone())
            .ok_or_else(|| ApiError::new(ErrorCode::NotSignedIn, "please sign in first"))
    }

    /// Stops the demo simulator, if any (on exit).
    pub async fn shutdown(&self) {
        if let Some(demo) = self.demo.lock().await.take() {
            demo.leave().await;
        }
    }
}

/// The default data directory: `HUBDESK_DATA_DIR`, else the platform's
/// (e.g. `~/.local/share/com.hubdesk.app`).
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("HUBDESK_DATA_DIR") {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("com.hubdesk.app")
}
