//! What one test's app launches share: a data dir and a keyring service.
//!
//! Every launch in a test sees the same profile, so a second launch finds
//! what the first one left (the cache, the tokens); no two tests share one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use tempfile::TempDir;

pub struct Profile {
    root: TempDir,
    keyring_service: String,
}

impl Profile {
    pub fn new(test_name: &str) -> Result<Self> {
        let root = tempfile::Builder::new().prefix(&format!("hubdesk-e2e-{test_name}-")).tempdir()?;
        for dir in ["data", "logs", "xdg/config", "xdg/data", "xdg/cache"] {
            std::fs::create_dir_all(root.path().join(dir))?;
        }
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos();
        let keyring_service = format!("hubdesk-e2e-{}-{nanos}", std::process::id());
        Ok(Self { root, keyring_service })
    }

    /// HUBDESK_DATA_DIR: where the app keeps its SQLite files and logs.
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Logs of Xvfb and the drivers (the app's stderr included).
    pub fn log(&self, name: &str) -> PathBuf {
        self.root.path().join("logs").join(name)
    }

    /// The environment the app runs with. The XDG dirs keep WebKit's storage
    /// and the window-state plugin away from the developer's own profile.
    pub fn app_env(&self) -> Vec<(&'static str, OsString)> {
        let under = |dir: &str| self.root.path().join(dir).into_os_string();
        vec![
            ("HUBDESK_DATA_DIR", self.data_dir().into_os_string()),
            ("HUBDESK_KEYRING_SERVICE", OsString::from(&self.keyring_service)),
            ("XDG_CONFIG_HOME", under("xdg/config")),
            ("XDG_DATA_HOME", under("xdg/data")),
            ("XDG_CACHE_HOME", under("xdg/cache")),
        ]
    }

    /// Keeps the profile on disk (for a failed test) and says where it is.
    pub fn keep(&mut self) -> PathBuf {
        self.root.disable_cleanup(true);
        self.root.path().to_path_buf()
    }

    /// The last lines of a log, for an error message that CI shows.
    pub fn log_tail(&self, name: &str, lines: usize) -> String {
        tail(&self.log(name), lines)
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        clear_keyring_entries(&self.keyring_service);
        stop_demo_tenant(&self.data_dir());
    }
}

/// The app leaves its demo tenant running after the window closes (until
/// idle); a test's is stopped with the test.
fn stop_demo_tenant(data_dir: &Path) {
    let Ok(text) = std::fs::read_to_string(data_dir.join("demo-tenant.json")) else { return };
    let pid = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| v["pid"].as_u64());
    if let Some(pid) = pid {
        let _ = Command::new("kill").arg(pid.to_string()).stderr(Stdio::null()).status();
    }
}

/// The pid of the app (not its demo tenant) running on `data_dir`.
pub fn app_pid(data_dir: &Path) -> Option<u32> {
    let wanted = format!("HUBDESK_DATA_DIR={}", data_dir.display());
    std::fs::read_dir("/proc").ok()?.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok()).find(|pid| {
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let is_hubdesk = args.first().is_some_and(|a| a.ends_with(b"hubdesk"));
        let is_sim = args.get(1).is_some_and(|a| *a == b"sim");
        is_hubdesk && !is_sim && environ.split(|b| *b == 0).any(|kv| kv == wanted.as_bytes())
    })
}

/// The keyring crate labels Secret Service items with a `service`
/// attribute; clearing them keeps a developer's keyring clean when the
/// tests run outside the throwaway keyring of scripts/test.sh.
fn clear_keyring_entries(service: &str) {
    let _ = Command::new("secret-tool")
        .args(["clear", "service", service])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
