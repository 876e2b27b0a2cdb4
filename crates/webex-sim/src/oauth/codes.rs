//! Authorization codes: single use and short-lived. Unlike tokens they live
//! in memory only; a code outliving a restart has no use anyway.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use uuid::Uuid;

use super::ScopeSet;
use crate::tenant::AdminRole;

/// How long a code may wait for its exchange.
pub const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// What the admin approved at `/v1/authorize`, waiting to become tokens.
#[derive(Debug, Clone)]
pub struct Grant {
    pub person: Uuid,
    pub org: Uuid,
    pub role: AdminRole,
    pub scopes: ScopeSet,
    /// Exactly as sent; the exchange must repeat it.
    pub redirect_uri: String,
    /// The S256 `code_challenge`, when the client used PKCE.
    pub code_challenge: Option<String>,
}

#[derive(Default)]
pub struct CodeStore {
    codes: Mutex<HashMap<String, (Grant, Instant)>>,
}

impl CodeStore {
    pub fn issue(&self, grant: Grant) -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let code = URL_SAFE_NO_PAD.encode(bytes);
        let now = Instant::now();
        let mut codes = self.codes.lock().unwrap_or_else(PoisonError::into_inner);
        codes.retain(|_, (_, expires)| *expires > now);
        codes.insert(code.clone(), (grant, now + CODE_LIFETIME));
        code
    }

    /// Takes the code out: a second attempt finds nothing, whatever the first one's outcome.
    pub fn redeem(&self, code: &str) -> Option<Grant> {
        let (grant, expires) = self.codes.lock().unwrap_or_else(PoisonError::into_inner).remove(code)?;
        (Instant::now() < expires).then_some(grant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_redeems_once() {
        let store = CodeStore::default();
        let grant = Grant {
            person: Uuid::nil(),
            org: Uuid::nil(),
            role: AdminRole::CustomerFull,
            scopes: ScopeSet::all(),
            redirect_uri: "http://127.0.0.1:1/cb".into(),
            code_challenge: None,
        };
        let code = store.issue(grant);
        assert!(store.redeem(&code).is_some());
        assert!(store.redeem(&code).is_none());
        assert!(store.redeem("never-issued").is_none());
    }
}
