//! tauri-driver in front of WebKitWebDriver, on free loopback ports.

use std::ffi::OsString;
use std::fs::OpenOptions;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::group::GroupChild;

const STARTUP: Duration = Duration::from_secs(20);
const NATIVE_DRIVER: &str = "/usr/bin/WebKitWebDriver";

/// The two WebDriver programs; finding them is the first thing a test does,
/// so a machine without them fails loudly instead of skipping.
pub struct Tools {
    tauri_driver: PathBuf,
    native_driver: PathBuf,
}

impl Tools {
    pub fn find() -> Result<Self> {
        let installed = repo_root().join(".tools/bin/tauri-driver");
        let Some(tauri_driver) = [installed.clone()].into_iter().chain(on_path("tauri-driver")).find(|p| p.is_file())
        else {
            bail!(
                "tauri-driver is missing (looked for {} and on PATH): run scripts/test.sh, which installs it",
                installed.display()
            );
        };
        let native_driver = PathBuf::from(NATIVE_DRIVER);
        if !native_driver.is_file() {
            bail!(
                "{NATIVE_DRIVER} is missing (Debian package webkit2gtk-driver): run scripts/test.sh, which installs it"
            );
        }
        Ok(Self { tauri_driver, native_driver })
    }
}

pub struct TauriDriver {
    process: GroupChild,
    port: u16,
}

impl TauriDriver {
    /// Starts tauri-driver (and through it WebKitWebDriver) on `display`.
    /// `app_env` reaches the app: WebKitWebDriver passes its environment on.
    pub fn start(tools: &Tools, display: &str, app_env: &[(&str, OsString)], log: &Path) -> Result<Self> {
        let (port, native_port) = (free_port()?, free_port()?);
        let log_file = OpenOptions::new().create(true).append(true).open(log)?;
        let mut command = Command::new(&tools.tauri_driver);
        command
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(&tools.native_driver)
            // With this variable set, WebKitWebDriver hangs after a click.
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            // A developer's Wayland session must not pull the app off Xvfb.
            .env_remove("WAYLAND_DISPLAY")
            .env("GDK_BACKEND", "x11")
            .env("DISPLAY", display)
            .envs(app_env.iter().map(|(key, value)| (key, value)))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        let mut process = GroupChild::spawn("tauri-driver", command)?;
        wait_until_listening(&mut process, port, log)?;
        Ok(Self { process, port })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        self.process.stop();
    }
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("src-tauri has a parent").to_path_buf()
}

fn on_path(program: &str) -> Vec<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(program)).collect()
}

/// A port the kernel just handed out; it may in theory be taken again
/// before the driver binds it, which the readiness check would report.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_until_listening(process: &mut GroupChild, port: u16, log: &Path) -> Result<()> {
    let deadline = Instant::now() + STARTUP;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = process.exit_status() {
            bail!("tauri-driver exited with {status} (log: {})", log.display());
        }
        if Instant::now() > deadline {
            bail!("tauri-driver did not listen on port {port} within {STARTUP:?} (log: {})", log.display());
        }
        sleep(Duration::from_millis(50));
    }
    Ok(())
}
