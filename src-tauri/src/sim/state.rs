//! What every request handler shares.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use super::oauth::{CodeStore, TokenSigner};
use super::tenant::Tenant;

pub type Shared = Arc<SimState>;

pub struct SimState {
    /// Behind a lock for the mutating endpoints to come (PUT /people,
    /// PATCH /licenses/users...); today every handler only reads.
    tenant: RwLock<Tenant>,
    pub signer: TokenSigner,
    pub codes: CodeStore,
    /// `http://127.0.0.1:PORT`, for absolute `Link` URLs.
    pub origin: String,
    pub access_token_ttl_ms: u64,
}

impl SimState {
    pub fn new(tenant: Tenant, seed: u64, origin: String, access_token_ttl_secs: u64) -> SimState {
        SimState {
            tenant: RwLock::new(tenant),
            signer: TokenSigner::from_seed(seed),
            codes: CodeStore::default(),
            origin,
            access_token_ttl_ms: access_token_ttl_secs.saturating_mul(1000),
        }
    }

    /// Read access; a panic in another handler does not lock everyone out.
    pub fn tenant(&self) -> RwLockReadGuard<'_, Tenant> {
        self.tenant.read().unwrap_or_else(PoisonError::into_inner)
    }
}
