//! `Core`: the app without a window, one per process. The window's
//! commands and the command line both call its use cases (in `features/`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use hubdesk_api::{ApiError, ErrorCode, SignedInUser, TenantKind};
use tokio::sync::{Mutex, RwLock};
use tokio_util::sync::CancellationToken;

use crate::auth::Vault;
use crate::demo::{DemoLauncher, DemoTenant};
use crate::features::templates::{ActiveRuns, Previews};
use crate::ledger::Ledger;
use crate::store::Store;
use crate::webex::{WebexClient, WEBEX_API_BASE};

/// The two SQLite files, and the folder for everything else (logs, the
/// demo tenant's record).
#[derive(Debug, Clone)]
pub struct CoreFiles {
    pub data_dir: PathBuf,
    /// The cache: everything synced; can be thrown away and synced again.
    pub cache: PathBuf,
    /// hubdesk's own record: templates, the apply journal, the audit log.
    pub ledger: PathBuf,
    /// `data_dir` is hubdesk's own (the app's), so an existing one is made
    /// 0700; the folder of a command line's `--db` is the user's, left as is.
    pub owns_data_dir: bool,
}

impl CoreFiles {
    /// The app's layout: `cache.sqlite` and `ledger.sqlite` in `data_dir`.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_owned(),
            cache: data_dir.join("cache.sqlite"),
            ledger: data_dir.join("ledger.sqlite"),
            owns_data_dir: true,
        }
    }

    /// The command line's: a cache file named by the user, the ledger beside
    /// it (`<cache>.ledger.sqlite`) unless named too.
    pub fn beside_cache(cache: &Path, ledger: Option<&Path>) -> Self {
        let data_dir = cache.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned();
        let ledger = ledger.map_or_else(|| Ledger::path_beside(cache), Path::to_owned);
        Self { data_dir, cache: cache.to_owned(), ledger, owns_data_dir: false }
    }
}

pub struct Core {
    pub store: Store,
    /// Templates, the apply journal and the audit log (see `ledger`).
    pub ledger: Ledger,
    pub(crate) previews: Previews,
    /// Meetings session-type previews kept for apply.
    pub(crate) bulk_previews: crate::features::meetings::bulk::BulkPreviews,
    /// Calling fix previews kept for apply (the window's and the CSV import's).
    pub(crate) fix_previews: crate::features::calling::FixPreviews,
    /// Computes the Calling report kept in the cache one at a time.
    pub(crate) calling_report: crate::features::calling::KeptReport,
    pub(crate) active_runs: ActiveRuns,
    pub(crate) vault: Vault,
    data_dir: PathBuf,
    pub(crate) session: RwLock<Option<ActiveSession>>,
    /// Starts the demo tenant; `None` where there is none (the command line).
    demo_launcher: Option<Arc<dyn DemoLauncher>>,
    /// The demo tenant, once started.
    pub(crate) demo: Mutex<Option<DemoTenant>>,
    /// The running sync's cancel switch; one sync at a time.
    pub(crate) sync: std::sync::Mutex<Option<CancellationToken>>,
    /// Where "Sign in to Webex" goes: Webex, or a simulator for testing.
    pub(crate) webex_api_base: String,
}

/// Who is signed in, and the client that acts for them.
pub(crate) struct ActiveSession {
    pub(crate) tenant: TenantKind,
    pub(crate) user: SignedInUser,
    pub(crate) client: WebexClient,
}

impl Core {
    /// Opens (or creates) the cache and the ledger. The data folder is
    /// created 0700, and the files 0600 (`files`). Both files are checked
    /// before either is created or changed: a foreign or newer ledger
    /// leaves no new cache behind, and the other way round.
    pub fn open(files: &CoreFiles, vault: Vault) -> Result<Core, ApiError> {
        if files.owns_data_dir {
            crate::files::private_dir_tightened(&files.data_dir).map_err(|e| {
                ApiError::new(
                    ErrorCode::Database,
                    "hubdesk could not create its data folder. Check the disk and its permissions.",
                )
                .with_detail(format!("cannot create {}: {e}", files.data_dir.display()))
            })?;
        }
        Store::check(&files.cache)?;
        Ledger::check(&files.ledger)?;
        let store = Store::open(&files.cache)?;
        let ledger = Ledger::open(&files.ledger)?;
        Ok(Core::with(files, store, ledger, vault))
    }

    /// Opens an existing cache, and its ledger if there is one, for
    /// commands that only read (an export, a template plan): nothing is
    /// created, and nothing can change either file.
    pub fn open_read_only(files: &CoreFiles, vault: Vault) -> Result<Core, ApiError> {
        Store::check(&files.cache)?;
        Ledger::check(&files.ledger)?;
        let store = Store::open_read_only(&files.cache)?;
        let ledger = Ledger::open_read_only(&files.ledger)?;
        Ok(Core::with(files, store, ledger, vault))
    }

    fn with(files: &CoreFiles, store: Store, ledger: Ledger, vault: Vault) -> Core {
        Core {
            store,
            ledger,
            previews: Default::default(),
            bulk_previews: Default::default(),
            fix_previews: Default::default(),
            calling_report: Default::default(),
            active_runs: Default::default(),
            vault,
            data_dir: files.data_dir.clone(),
            session: RwLock::new(None),
            demo_launcher: None,
            demo: Mutex::new(None),
            sync: std::sync::Mutex::new(None),
            webex_api_base: std::env::var("HUBDESK_WEBEX_API").unwrap_or_else(|_| WEBEX_API_BASE.to_owned()),
        }
    }

    /// Where the demo tenant comes from (see `demo`).
    pub fn with_demo(mut self, launcher: Arc<dyn DemoLauncher>) -> Self {
        self.demo_launcher = Some(launcher);
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

    /// Where the app writes its logs.
    pub fn log_dir(&self) -> PathBuf {
        log_dir(&self.data_dir)
    }

    /// The signed-in client, or `not_signed_in`.
    pub async fn client(&self) -> Result<WebexClient, ApiError> {
        self.session.read().await.as_ref().map(|s| s.client.clone()).ok_or_else(not_signed_in)
    }

    /// The signed-in admin's own org.
    pub async fn home_org_id(&self) -> Result<String, ApiError> {
        self.session.read().await.as_ref().map(|s| s.user.org_id.clone()).ok_or_else(not_signed_in)
    }

    /// The signed-in admin, as the audit log names them.
    pub async fn signed_in_email(&self) -> Result<String, ApiError> {
        self.session.read().await.as_ref().map(|s| s.user.email.clone()).ok_or_else(not_signed_in)
    }

    /// Starts (or finds) the demo tenant once per process.
    pub(crate) async fn demo_tenant(&self) -> Result<DemoAccess, ApiError> {
        let mut demo = self.demo.lock().await;
        if demo.is_none() {
            let launcher = self
                .demo_launcher
                .as_ref()
                .ok_or_else(|| ApiError::new(ErrorCode::NotConfigured, "This copy of hubdesk has no demo tenant."))?;
            *demo = Some(launcher.launch(&self.data_dir).await?);
        }
        let tenant = demo.as_ref().expect("started above");
        let access = DemoAccess {
            base_url: tenant.base_url.clone(),
            admin_email: tenant.admin_email.clone(),
            client: tenant.client.clone(),
            reviver: tenant.reviver.clone(),
        };
        drop(demo);
        // Signing in talks to it outside the client: start it again first if
        // it has gone (it exits when idle).
        if let Some(reviver) = &access.reviver {
            reviver.revive().await;
        }
        Ok(access)
    }

    /// Stops an in-process demo simulator, if any (on exit).
    pub async fn shutdown(&self) {
        if let Some(demo) = self.demo.lock().await.take() {
            demo.leave().await;
        }
    }
}

/// What signing in to the demo tenant takes.
pub(crate) struct DemoAccess {
    pub(crate) base_url: String,
    pub(crate) admin_email: String,
    pub(crate) client: crate::demo::DemoClient,
    pub(crate) reviver: Option<Arc<dyn crate::webex::Reviver>>,
}

fn not_signed_in() -> ApiError {
    ApiError::new(ErrorCode::NotSignedIn, "Sign in first.")
}

/// The logs of the app whose data is in `data_dir`.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// The default data directory: `HUBDESK_DATA_DIR`, else the platform's
/// (e.g. `~/.local/share/com.hubdesk.app`).
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("HUBDESK_DATA_DIR") {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("com.hubdesk.app")
}
