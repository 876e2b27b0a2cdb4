//! A private X server on a display number nobody else uses.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};

use super::group::GroupChild;

const STARTUP: Duration = Duration::from_secs(20);

pub struct Xvfb {
    process: GroupChild,
    display: String,
}

impl Xvfb {
    /// Starts Xvfb 1280x800x24; `-displayfd 1` makes it pick a free display
    /// and print its number on stdout once it accepts connections.
    pub fn start(log: &Path) -> Result<Self> {
        let mut command = Command::new("Xvfb");
        command
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(File::create(log)?);
        let mut process =
            GroupChild::spawn("Xvfb", command).context("Xvfb is missing: run scripts/test.sh, which installs it")?;
        let stdout = process.child_mut().stdout.take().expect("piped stdout");
        let display = read_display_number(stdout, &mut process, log)?;
        Ok(Self { process, display: format!(":{display}") })
    }

    pub fn display(&self) -> &str {
        &self.display
    }

    pub fn stop(&mut self) {
        self.process.stop();
    }
}

fn read_display_number(
    stdout: impl std::io::Read + Send + 'static,
    process: &mut GroupChild,
    log: &Path,
) -> Result<u32> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver
        .recv_timeout(STARTUP)
        .map_err(|_| anyhow!("Xvfb did not report a display within {STARTUP:?} (log: {})", log.display()))?;
    if let Some(status) = process.exit_status() {
        bail!("Xvfb exited with {status} (log: {})", log.display());
    }
    line.trim().parse().with_context(|| format!("Xvfb printed {line:?}, not a display number (log: {})", log.display()))
}
