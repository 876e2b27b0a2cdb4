//! Keeping the tenant across restarts (`--state-dir DIR`): the tenant, the
//! change log and the simulated clock are written to `DIR/tenant.bin`
//! after every change, before the change's answer leaves, so a process
//! that exits (when idle) or is killed comes back as it was left. hubdesk's
//! demo tenant runs this way.
//!
//! Writes are grouped: one writer task saves the newest state whenever
//! changes are waiting, and every request that changed something waits
//! until a save that includes its change is on disk (temporary file, fsync,
//! rename). A snapshot of another seed or size is not used: the tenant is
//! generated afresh instead.
//!
//! The snapshot holds a whole tenant's people, so on unix the folder is
//! created 0700 and the file written 0600: readable by its owner only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Notify};

use crate::changelog::Change;
use crate::state::SimState;
use crate::tenant::Tenant;

/// Bumped when the snapshot's layout changes: an older file is ignored.
const FORMAT: u32 = 1;
const FILE: &str = "tenant.bin";

/// What the tenant was generated from: a snapshot of another is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    pub seed: u64,
    pub people: usize,
    pub customers: usize,
}

#[derive(Serialize)]
struct SnapshotRef<'a> {
    format: u32,
    shape: Shape,
    clock_offset_ms: u64,
    changes: &'a [Change],
    tenant: &'a Tenant,
}

/// A saved tenant, as read back (the same fields, in the same order).
#[derive(Deserialize)]
pub struct Snapshot {
    format: u32,
    shape: Shape,
    pub clock_offset_ms: u64,
    pub changes: Vec<Change>,
    pub tenant: Tenant,
}

pub struct Persistence {
    path: PathBuf,
    /// Changes made so far (a generation number).
    marked: AtomicU64,
    /// The newest generation on disk.
    durable: watch::Sender<u64>,
    wake: Notify,
}

impl Persistence {
    pub fn open(dir: &Path) -> anyhow::Result<Arc<Persistence>> {
        private_dir_builder().create(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Arc::new(Persistence {
            path: dir.join(FILE),
            marked: AtomicU64::new(0),
            durable: watch::Sender::new(0),
            wake: Notify::new(),
        }))
    }

    /// The saved tenant of `shape`, if there is one that can be read.
    pub fn load(&self, shape: Shape) -> Option<Snapshot> {
        let bytes = std::fs::read(&self.path).ok()?;
        match postcard::from_bytes::<Snapshot>(&bytes) {
            Ok(snapshot) if snapshot.format == FORMAT && snapshot.shape == shape => Some(snapshot),
            Ok(_) => {
                tracing::warn!(path = %self.path.display(), "a saved tenant of another seed, size or format: not used");
                None
            }
            Err(err) => {
                tracing::warn!(path = %self.path.display(), "the saved tenant cannot be read, so it is not used: {err}");
                None
            }
        }
    }

    /// Something changed: a save is due.
    pub fn mark(&self) {
        self.marked.fetch_add(1, Ordering::SeqCst);
    }

    /// Waits until every change marked so far is on disk.
    pub async fn flush(&self) {
        let wanted = self.marked.load(Ordering::SeqCst);
        let mut durable = self.durable.subscribe();
        if *durable.borrow() >= wanted {
            return;
        }
        self.wake.notify_one();
        let _ = durable.wait_for(|saved| *saved >= wanted).await;
    }

    /// Saves whenever changes are waiting, until the simulator is gone.
    pub fn spawn_writer(self: &Arc<Self>, state: Weak<SimState>, shape: Shape) {
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                me.wake.notified().await;
                let target = me.marked.load(Ordering::SeqCst);
                if target <= *me.durable.borrow() {
                    continue;
                }
                let Some(state) = state.upgrade() else { return };
                let bytes = match snapshot_bytes(&state, shape) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        tracing::error!("the tenant cannot be saved: {err}");
                        continue;
                    }
                };
                drop(state);
                let path = me.path.clone();
                match tokio::task::spawn_blocking(move || write_atomically(&path, &bytes)).await {
                    Ok(Ok(())) => {
                        me.durable.send_replace(target);
                    }
                    Ok(Err(err)) => tracing::error!("the tenant cannot be saved: {err:#}"),
                    Err(err) => tracing::error!("the tenant's save stopped: {err}"),
                }
            }
        });
    }
}

/// The state as it is now, under the tenant's read lock.
fn snapshot_bytes(state: &SimState, shape: Shape) -> postcard::Result<Vec<u8>> {
    let tenant = state.tenant();
    let changes = state.changes.since(0);
    postcard::to_stdvec(&SnapshotRef {
        format: FORMAT,
        shape,
        clock_offset_ms: state.clock.offset_ms(),
        changes: &changes,
        tenant: &tenant,
    })
}

/// A temporary file beside `path`, synced, then renamed over it: a crash
/// leaves the old snapshot or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let temporary = path.with_extension("bin.tmp");
    let mut file =
        private_file_options().open(&temporary).with_context(|| format!("cannot write {}", temporary.display()))?;
    // A temporary file left by an older build may be wider open.
    restrict(&file)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Creates missing folders (the last and its parents) as 0700; an existing
/// folder is left as it is (`--state-dir` may name one the user shares).
fn private_dir_builder() -> std::fs::DirBuilder {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}

/// Opens for writing from the start, creating the file as 0600.
fn private_file_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

fn restrict(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// After a request that may have changed something: its answer leaves once
/// the change is on disk.
pub async fn middleware(
    axum::extract::State(state): axum::extract::State<crate::state::Shared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let changes = request.method() != axum::http::Method::GET;
    let response = next.run(request).await;
    if changes {
        if let Some(persistence) = &state.persistence {
            persistence.flush().await;
        }
    }
    response
}
