//! Child processes that lead their own process group.
//!
//! tauri-driver starts WebKitWebDriver, which starts the app, which starts
//! WebKit's helper processes. Signalling the whole group reaches all of them;
//! SIGKILL to tauri-driver alone would leave WebKitWebDriver and the app behind.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// How long a group gets to exit after SIGTERM before it is killed.
const GRACE: Duration = Duration::from_secs(10);

pub struct GroupChild {
    name: &'static str,
    child: Child,
    stopped: bool,
}

impl GroupChild {
    pub fn spawn(name: &'static str, mut command: Command) -> Result<Self> {
        command.process_group(0);
        let child = command.spawn().with_context(|| format!("could not start {name}"))?;
        Ok(Self { name, child, stopped: false })
    }

    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }

    /// The exit status of the group leader, if it has already exited.
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// SIGTERM to the group, then wait until every member is gone
    /// (SIGKILL to the group only if the grace period runs out).
    pub fn stop(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        let group = self.child.id();
        signal_group(group, "TERM");
        let deadline = Instant::now() + GRACE;
        while self.group_alive(group) {
            if Instant::now() > deadline {
                eprintln!("{} (group {group}) ignored SIGTERM for {GRACE:?}; killing it", self.name);
                signal_group(group, "KILL");
                break;
            }
            sleep(Duration::from_millis(50));
        }
        let _ = self.child.wait();
    }

    fn group_alive(&mut self, group: u32) -> bool {
        // Reap the leader first: a zombie still counts as a group member.
        let _ = self.child.try_wait();
        signal_group(group, "0")
    }
}

impl Drop for GroupChild {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sends `signal` to every process in `group`; true if any received it.
fn signal_group(group: u32, signal: &str) -> bool {
    Command::new("kill")
        .arg(format!("-{signal}"))
        .arg("--")
        .arg(format!("-{group}"))
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
