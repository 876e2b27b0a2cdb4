//! What every request handler shares: the tenant, the token machinery, the
//! simulated clock, the fault knobs and the change log.

use std::net::SocketAddr;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::changelog::ChangeLog;
use super::clock::SimClock;
use super::faults::FaultState;
use super::tenant::Tenant;
use super::SimConfig;
use crate::oauth::codes::CodeStore;
use crate::oauth::token::TokenSigner;
use crate::persist::{Persistence, Snapshot};

pub type Shared = Arc<SimState>;

pub struct SimState {
    tenant: RwLock<Tenant>,
    pub signer: TokenSigner,
    pub codes: CodeStore,
    /// `http://127.0.0.1:PORT`, for absolute `Link` URLs.
    pub origin: String,
    /// The port it listens on: `/_sim/` requests must name it in `Host`.
    pub port: u16,
    pub seed: u64,
    pub access_token_ttl_ms: u64,
    pub refresh_token_ttl_ms: u64,
    /// How long BroadWorks provisioning and updates take, in simulated ms.
    pub provisioning_delay_ms: i64,
    pub clock: SimClock,
    pub faults: FaultState,
    pub changes: ChangeLog,
    /// Saves the tenant after each change, with `--state-dir`.
    pub persistence: Option<Arc<Persistence>>,
}

/// Where a tenant comes from: generated now, or saved by an earlier run.
pub enum Origin {
    Generated(Tenant),
    Restored(Snapshot),
}

impl SimState {
    pub fn new(origin: Origin, cfg: &SimConfig, addr: SocketAddr, persistence: Option<Arc<Persistence>>) -> SimState {
        let (tenant, clock, changes) = match origin {
            Origin::Generated(mut tenant) => {
                let clock = SimClock::default();
                // Pending BroadWorks work counts from now; a saved tenant's
                // is already on the simulated clock.
                tenant.anchor_subscriber_work(clock.now_ms() as i64);
                (tenant, clock, ChangeLog::default())
            }
            Origin::Restored(saved) => {
                (saved.tenant, SimClock::with_offset(saved.clock_offset_ms), ChangeLog::restored(saved.changes))
            }
        };
        SimState {
            persistence,
            tenant: RwLock::new(tenant),
            signer: TokenSigner::from_seed(cfg.seed),
            codes: CodeStore::default(),
            origin: format!("http://{addr}"),
            port: addr.port(),
            seed: cfg.seed,
            access_token_ttl_ms: cfg.token_ttl_secs.saturating_mul(1000),
            refresh_token_ttl_ms: cfg.refresh_token_ttl_secs.saturating_mul(1000),
            provisioning_delay_ms: i64::try_from(cfg.provisioning_delay_secs.saturating_mul(1000)).unwrap_or(i64::MAX),
            clock,
            faults: FaultState::new(cfg.faults.clone()),
            changes,
        }
    }

    /// Read access; a panic in another handler does not lock everyone out.
    pub fn tenant(&self) -> RwLockReadGuard<'_, Tenant> {
        self.tenant.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Write access, for the mutating endpoints.
    pub fn tenant_mut(&self) -> RwLockWriteGuard<'_, Tenant> {
        self.tenant.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Simulated now, in the signed form resource timestamps use.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms() as i64
    }
}
