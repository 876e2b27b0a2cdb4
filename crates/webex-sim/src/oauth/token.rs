//! Stateless tokens: signed claims, so a token issued by one simulator run
//! is still good in the next run with the same seed (the desktop app starts
//! a fresh simulator on every launch and keeps its tokens in the keyring).
//!
//! Layout before base64url: version, kind, role, person uuid, org uuid,
//! scope bits, expiry (Unix ms), then HMAC-SHA256 over all of that with a
//! key derived from the seed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::ScopeSet;
use crate::tenant::AdminRole;

const VERSION: u8 = 1;
const CLAIMS_LEN: usize = 1 + 1 + 1 + 16 + 16 + 8 + 8;
const MAC_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access = 1,
    Refresh = 2,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub kind: TokenKind,
    pub person: Uuid,
    pub org: Uuid,
    pub role: AdminRole,
    pub scopes: ScopeSet,
    pub expires_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token of ours, altered, or of the other kind.
    Invalid,
    Expired,
}

pub struct TokenSigner {
    key: [u8; 32],
}

impl TokenSigner {
    pub fn from_seed(seed: u64) -> TokenSigner {
        let mut hasher = Sha256::new();
        hasher.update(b"hubdesk-sim token key v1");
        hasher.update(seed.to_le_bytes());
        TokenSigner { key: hasher.finalize().into() }
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length")
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let mut bytes = Vec::with_capacity(CLAIMS_LEN + MAC_LEN);
        bytes.extend([VERSION, claims.kind as u8, role_code(claims.role)]);
        bytes.extend(claims.person.as_bytes());
        bytes.extend(claims.org.as_bytes());
        bytes.extend(claims.scopes.to_bits().to_be_bytes());
        bytes.extend(claims.expires_ms.to_be_bytes());
        let mut mac = self.mac();
        mac.update(&bytes);
        bytes.extend(mac.finalize().into_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The claims of a genuine, unexpired token of `kind`.
    pub fn verify(&self, token: &str, kind: TokenKind, now_ms: u64) -> Result<Claims, TokenError> {
        let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| TokenError::Invalid)?;
        if bytes.len() != CLAIMS_LEN + MAC_LEN {
            return Err(TokenError::Invalid);
        }
        let (body, tag) = bytes.split_at(CLAIMS_LEN);
        let mut mac = self.mac();
        mac.update(body);
        mac.verify_slice(tag).map_err(|_| TokenError::Invalid)?;
        let claims = decode_claims(body).ok_or(TokenError::Invalid)?;
        if claims.kind != kind {
            return Err(TokenError::Invalid);
        }
        if now_ms >= claims.expires_ms {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

fn role_code(role: AdminRole) -> u8 {
    AdminRole::ALL.iter().position(|&r| r == role).expect("every role is in ALL") as u8
}

fn decode_claims(body: &[u8]) -> Option<Claims> {
    let (&[version, kind, role], rest) = body.split_first_chunk::<3>()?;
    if version != VERSION {
        return None;
    }
    let kind = match kind {
        1 => TokenKind::Access,
        2 => TokenKind::Refresh,
        _ => return None,
    };
    let (person, rest) = rest.split_first_chunk::<16>()?;
    let (org, rest) = rest.split_first_chunk::<16>()?;
    let (scopes, rest) = rest.split_first_chunk::<8>()?;
    let (expires, _) = rest.split_first_chunk::<8>()?;
    Some(Claims {
        kind,
        person: Uuid::from_bytes(*person),
        org: Uuid::from_bytes(*org),
        role: *AdminRole::ALL.get(usize::from(role))?,
        scopes: ScopeSet::from_bits(u64::from_be_bytes(*scopes)),
        expires_ms: u64::from_be_bytes(*expires),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(kind: TokenKind) -> Claims {
        Claims {
            kind,
            person: Uuid::from_u128(1),
            org: Uuid::from_u128(2),
            role: AdminRole::ReadOnly,
            scopes: ScopeSet::parse("spark-admin:people_read").unwrap(),
            expires_ms: 10_000,
        }
    }

    #[test]
    fn round_trips_until_expiry() {
        let signer = TokenSigner::from_seed(1);
        let token = signer.sign(&claims(TokenKind::Access));
        assert_eq!(signer.verify(&token, TokenKind::Access, 9_999), Ok(claims(TokenKind::Access)));
        assert_eq!(signer.verify(&token, TokenKind::Access, 10_000), Err(TokenError::Expired));
    }

    #[test]
    fn refuses_other_seeds_kinds_and_tampering() {
        let signer = TokenSigner::from_seed(1);
        let token = signer.sign(&claims(TokenKind::Refresh));
        assert_eq!(TokenSigner::from_seed(2).verify(&token, TokenKind::Refresh, 0), Err(TokenError::Invalid));
        assert_eq!(signer.verify(&token, TokenKind::Access, 0), Err(TokenError::Invalid));
        let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        bytes[5] ^= 1;
        assert_eq!(signer.verify(&URL_SAFE_NO_PAD.encode(bytes), TokenKind::Refresh, 0), Err(TokenError::Invalid));
        assert_eq!(signer.verify("garbage", TokenKind::Refresh, 0), Err(TokenError::Invalid));
    }
}
