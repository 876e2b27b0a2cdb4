//! The demo tenant: a Webex simulator seeded the same way every time, so a
//! restart finds the same people and the tokens in the keyring stay valid.
//!
//! Core does not contain the simulator: a [`DemoLauncher`] starts one. The
//! app uses [`SpawnedDemo`], which runs `hubdesk sim` as a process of its
//! own that outlives the window until it has been idle for 15 minutes, so a
//! crash or a quick restart finds the demo tenant as the admin left it: a
//! resumed license run lands on the tenant that saw the first half. Its
//! address is kept in `demo-tenant.json` in the data folder, and its state
//! in `demo-tenant/`, so when the process has gone (idle, killed) the
//! client starts it again (`Revive`) and nothing the admin did is lost.
//! Tests start the simulator in-process with a launcher of their own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use hubdesk_api::ApiError;
use serde::{Deserialize, Serialize};

use crate::webex::Reviver;

/// The demo tenant's shape: the same every time.
pub const DEMO_SEED: u64 = 1;
pub const DEMO_PEOPLE: usize = 2000;
pub const DEMO_CUSTOMERS: usize = 3;

/// Where the running demo tenant is written down.
pub const DEMO_RECORD: &str = "demo-tenant.json";
/// The folder in the data folder where the demo tenant keeps its state.
pub const DEMO_STATE: &str = "demo-tenant";
/// The demo process exits after this long without a request.
const IDLE_EXIT: Duration = Duration::from_secs(15 * 60);
/// How long a new demo process may take to generate the tenant and listen.
const START_LIMIT: Duration = Duration::from_secs(60);

/// The integration the simulator has registered for the demo sign-in.
#[derive(Debug, Clone)]
pub struct DemoClient {
    pub id: String,
    pub secret: String,
}

/// A running demo tenant, as the sign-in needs it.
pub struct DemoTenant {
    /// The Webex base URL to use, `http://127.0.0.1:PORT/v1`.
    pub base_url: String,
    /// The seeded partner admin, who is approved at once.
    pub admin_email: String,
    pub client: DemoClient,
    /// Starts it again when it stops answering (a process that exited).
    pub reviver: Option<Arc<dyn Reviver>>,
    /// Stops an in-process simulator when the app leaves; a process keeps running until idle.
    pub on_leave: Option<BoxFuture<'static, ()>>,
}

impl DemoTenant {
    /// At exit: an in-process simulator stops; a demo process keeps
    /// running until it is idle.
    pub async fn leave(self) {
        if let Some(stop) = self.on_leave {
            stop.await;
        }
    }
}

/// Starts (or finds) the demo tenant.
pub trait DemoLauncher: Send + Sync {
    fn launch<'a>(&'a self, data_dir: &'a Path) -> BoxFuture<'a, Result<DemoTenant, ApiError>>;
}

/// The demo tenant as `<exe> sim`, a process of its own. Cheap to clone.
#[derive(Clone)]
pub struct SpawnedDemo(Arc<Spawner>);

struct Spawner {
    exe: PathBuf,
    client: DemoClient,
    /// One start at a time: requests that all find it gone wait for one.
    starting: tokio::sync::Mutex<()>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoRecord {
    pub origin: String,
    pub admin_email: String,
    pub pid: u32,
}

impl SpawnedDemo {
    /// `exe` must understand `sim --port 0 --seed … --exit-when-idle …`
    /// (hubdesk does, and so does webex-sim without the `sim`).
    pub fn new(exe: PathBuf, client: DemoClient) -> Self {
        Self(Arc::new(Spawner { exe, client, starting: tokio::sync::Mutex::new(()) }))
    }

    /// The demo process a previous run left, if it still answers; else a
    /// new one, at the same address when there was one (so the signed-in
    /// client and the links it holds keep working).
    async fn find_or_spawn(&self, data_dir: &Path) -> Result<DemoRecord, ApiError> {
        let _one_at_a_time = self.0.starting.lock().await;
        let record_path = data_dir.join(DEMO_RECORD);
        let previous = read_record(&record_path);
        if let Some(record) = &previous {
            if answers(&record.origin).await {
                return Ok(record.clone());
            }
        }
        let port = previous.as_ref().and_then(|r| port_of(&r.origin));
        let record = spawn(&self.0.exe, data_dir, port).await?;
        let text = serde_json::to_string(&record).map_err(ApiError::internal)?;
        crate::files::write_atomically(&record_path, |out| {
            out.write_all(text.as_bytes())
                .map_err(|e| cannot_start(format!("cannot write {}: {e}", record_path.display())))
        })?;
        Ok(record)
    }
}

impl DemoLauncher for SpawnedDemo {
    fn launch<'a>(&'a self, data_dir: &'a Path) -> BoxFuture<'a, Result<DemoTenant, ApiError>> {
        Box::pin(async move {
            let record = self.find_or_spawn(data_dir).await?;
            let reviver = Revive { demo: self.clone(), data_dir: data_dir.to_owned(), origin: record.origin.clone() };
            Ok(DemoTenant {
                base_url: format!("{}/v1", record.origin),
                admin_email: record.admin_email,
                client: self.0.client.clone(),
                reviver: Some(Arc::new(reviver)),
                on_leave: None,
            })
        })
    }
}

/// Starts the demo process again when it stopped answering (it exits after
/// being idle, or was killed). It keeps its tenant in the data folder, so
/// nothing the admin did is lost.
struct Revive {
    demo: SpawnedDemo,
    data_dir: PathBuf,
    /// Where the signed-in client talks to it.
    origin: String,
}

impl Reviver for Revive {
    fn revive(&self) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            match self.demo.find_or_spawn(&self.data_dir).await {
                Ok(record) if record.origin == self.origin => true,
                Ok(record) => {
                    tracing::warn!(was = %self.origin, now = %record.origin, "the demo tenant came back elsewhere");
                    false
                }
                Err(e) => {
                    tracing::warn!("the demo tenant could not start again: {}", e.full_text());
                    false
                }
            }
        })
    }
}

fn port_of(origin: &str) -> Option<u16> {
    origin.rsplit(':').next()?.parse().ok()
}

pub(crate) fn cannot_start(detail: String) -> ApiError {
    ApiError::new(
        hubdesk_api::ErrorCode::Internal,
        "The demo tenant could not start. Try again; if it keeps failing, restart hubdesk.",
    )
    .with_detail(format!("the demo tenant could not start: {detail}"))
}

fn read_record(path: &Path) -> Option<DemoRecord> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

async fn answers(origin: &str) -> bool {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("reqwest client");
    client.get(format!("{origin}/_sim/clock")).send().await.is_ok_and(|r| r.status().is_success())
}

/// Starts `exe sim` on `port` (a free one if it is taken, or none is
/// asked for), in its own process group so that it survives the window's.
async fn spawn(exe: &Path, data_dir: &Path, port: Option<u16>) -> Result<DemoRecord, ApiError> {
    if let Some(port) = port {
        match spawn_on(exe, data_dir, port).await {
            Ok(record) => return Ok(record),
            Err(e) => tracing::warn!(port, "the demo tenant could not start on its port: {}", e.full_text()),
        }
    }
    spawn_on(exe, data_dir, 0).await
}

/// One start, with its output in a log file, from which its address is read.
async fn spawn_on(exe: &Path, data_dir: &Path, port: u16) -> Result<DemoRecord, ApiError> {
    use std::os::unix::process::CommandExt;

    let log = data_dir.join("demo-tenant.log");
    let out =
        crate::files::create_private(&log).map_err(|e| cannot_start(format!("cannot write {}: {e}", log.display())))?;
    let mut child = Command::new(exe)
        .args(["sim", "--port", &port.to_string(), "--seed", &DEMO_SEED.to_string()])
        .args(["--people", &DEMO_PEOPLE.to_string(), "--customers", &DEMO_CUSTOMERS.to_string()])
        .args(["--exit-when-idle", &IDLE_EXIT.as_secs().to_string()])
        // Its state outlives it: started again, it is as the admin left it.
        .arg("--state-dir")
        .arg(data_dir.join(DEMO_STATE))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| cannot_start(format!("cannot run {}: {e}", exe.display())))?;
    let pid = child.id();
    let started = std::time::Instant::now();
    loop {
        if let Some(record) = parse_banner(&std::fs::read_to_string(&log).unwrap_or_default(), pid) {
            // Not waited for: it outlives this process by design.
            return Ok(record);
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(cannot_start(format!("it exited ({status}) before listening; see {}", log.display())));
        }
        if started.elapsed() > START_LIMIT {
            let _ = child.kill();
            return Err(cannot_start(format!("no address after {START_LIMIT:?}; see {}", log.display())));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `listening on http://127.0.0.1:PORT/v1` and `partner admin: EMAIL (...)`.
fn parse_banner(text: &str, pid: u32) -> Option<DemoRecord> {
    let base = text.lines().find_map(|l| l.strip_prefix("listening on "))?;
    let admin = text.lines().find_map(|l| l.strip_prefix("partner admin: "))?;
    Some(DemoRecord {
        origin: base.trim().trim_end_matches("/v1").to_owned(),
        admin_email: admin.split_whitespace().next()?.to_owned(),
        pid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_gives_the_address_and_the_admin() {
        let text = "listening on http://127.0.0.1:4321/v1\ndemo tenant: 2000 people\npartner admin: mette@nordlys.example (login_hint for /v1/authorize)\n";
        let record = parse_banner(text, 7).unwrap();
        assert_eq!(record.origin, "http://127.0.0.1:4321");
        assert_eq!(record.admin_email, "mette@nordlys.example");
        assert!(parse_banner("listening on http://127.0.0.1:1/v1\n", 7).is_none(), "the admin line is needed too");
    }
}
