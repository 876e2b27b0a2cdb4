//! The demo tenant: the simulator, seeded the same way every time.
//!
//! Tests and the command line run it in-process. The app runs it as a
//! `hubdesk sim` process of its own that outlives the window until it has
//! been idle for 15 minutes, so a crash or a quick restart finds the demo
//! tenant as the admin left it: a resumed license run lands on the same
//! tenant that saw the first half. Its address is kept in
//! `demo-tenant.json` in the data folder.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::session::{DEMO_CUSTOMERS, DEMO_PEOPLE, DEMO_SEED};
use crate::api::ApiError;
use crate::sim::{self, SimConfig, SimServer};

/// Where the running demo tenant is written down.
pub const DEMO_RECORD: &str = "demo-tenant.json";
/// The demo process exits after this long without a request.
const IDLE_EXIT: Duration = Duration::from_secs(15 * 60);
/// How long a new demo process may take to generate the tenant and listen.
const START_LIMIT: Duration = Duration::from_secs(60);

pub enum DemoTenant {
    InProcess(SimServer),
    Process(DemoRecord),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoRecord {
    pub origin: String,
    pub admin_email: String,
    pub pid: u32,
}

impl DemoTenant {
    pub async fn in_process() -> Result<Self, ApiError> {
        let config =
            SimConfig { seed: DEMO_SEED, people: DEMO_PEOPLE, customers: DEMO_CUSTOMERS, ..SimConfig::default() };
        let server = sim::start(config).await.map_err(|e| cannot_start(format!("{e:#}")))?;
        Ok(DemoTenant::InProcess(server))
    }

    /// The demo process a previous run left, if it still answers; else a
    /// new one started from `exe`.
    pub async fn find_or_spawn(exe: &Path, data_dir: &Path) -> Result<Self, ApiError> {
        let record_path = data_dir.join(DEMO_RECORD);
        if let Some(record) = read_record(&record_path) {
            if answers(&record.origin).await {
                return Ok(DemoTenant::Process(record));
            }
        }
        let record = spawn(exe, data_dir).await?;
        let text = serde_json::to_string(&record).map_err(ApiError::internal)?;
        std::fs::write(&record_path, text)
            .map_err(|e| cannot_start(format!("cannot write {}: {e}", record_path.display())))?;
        Ok(DemoTenant::Process(record))
    }

    pub fn base_url(&self) -> String {
        match self {
            DemoTenant::InProcess(server) => server.base_url(),
            DemoTenant::Process(record) => format!("{}/v1", record.origin),
        }
    }

    pub fn admin_email(&self) -> String {
        match self {
            DemoTenant::InProcess(server) => server.partner_admin_email(),
            DemoTenant::Process(record) => record.admin_email.clone(),
        }
    }

    /// At exit: an in-process simulator stops; a demo process keeps
    /// running until it is idle.
    pub async fn leave(self) {
        if let DemoTenant::InProcess(server) = self {
            server.shutdown().await;
        }
    }
}

fn cannot_start(detail: String) -> ApiError {
    ApiError::internal(format!("the demo tenant could not start: {detail}"))
}

fn read_record(path: &Path) -> Option<DemoRecord> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

async fn answers(origin: &str) -> bool {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("reqwest client");
    client.get(format!("{origin}/_sim/clock")).send().await.is_ok_and(|r| r.status().is_success())
}

/// Starts `exe sim` in its own process group (so it survives the window's)
/// with its output in a log file, and reads its address from there.
async fn spawn(exe: &Path, data_dir: &Path) -> Result<DemoRecord, ApiError> {
    use std::os::unix::process::CommandExt;

    let log = data_dir.join("demo-tenant.log");
    let out = std::fs::File::create(&log).map_err(|e| cannot_start(format!("cannot write {}: {e}", log.display())))?;
    let child = Command::new(exe)
        .args(["sim", "--port", "0", "--seed", &DEMO_SEED.to_string(), "--people", &DEMO_PEOPLE.to_string()])
        .args(["--customers", &DEMO_CUSTOMERS.to_string(), "--exit-when-idle", &IDLE_EXIT.as_secs().to_string()])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| cannot_start(format!("cannot run {}: {e}", exe.display())))?;
    let pid = child.id();
    // Not waited for: it outlives this process by design.
    drop(child);
    let started = std::time::Instant::now();
    loop {
        if let Some(record) = parse_banner(&std::fs::read_to_string(&log).unwrap_or_default(), pid) {
            return Ok(record);
        }
        if started.elapsed() > START_LIMIT {
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
