//! The signed-in tokens: in memory and in the keyring, refreshed before they
//! expire and once after a 401. Implements the client's `TokenSource`.

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::oauth::{self, OAuthApp, TokenSet};
use super::{TokenKind, Vault};
use crate::store::now_ms;
use crate::webex::{TokenSource, WebexError};
use hubdesk_api::{ApiError, ErrorCode};

/// Refresh this long before the access token expires.
const REFRESH_MARGIN_MS: i64 = 5 * 60 * 1000;

pub struct TokenSession {
    app: OAuthApp,
    vault: Vault,
    tokens: Mutex<TokenSet>,
}

/// What one keyring entry holds: a token and when it expires.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredToken {
    token: String,
    expires_at_ms: Option<i64>,
}

impl TokenSession {
    /// A new session: the tokens go to the keyring first, so a session that
    /// cannot be remembered fails now rather than at the next start.
    pub fn create(app: OAuthApp, vault: Vault, tokens: TokenSet) -> Result<Self, ApiError> {
        save(&vault, &tokens)?;
        Ok(Self { app, vault, tokens: Mutex::new(tokens) })
    }

    /// The session remembered in the keyring, if there is one.
    pub fn restore(app: OAuthApp, vault: Vault) -> Result<Option<Self>, ApiError> {
        let Some(access) = load(&vault, TokenKind::Access)? else { return Ok(None) };
        let refresh = load(&vault, TokenKind::Refresh)?;
        let tokens = TokenSet {
            access_token: access.token,
            access_expires_at_ms: access.expires_at_ms.unwrap_or(0),
            refresh_expires_at_ms: refresh.as_ref().and_then(|r| r.expires_at_ms),
            refresh_token: refresh.map(|r| r.token),
        };
        Ok(Some(Self { app, vault, tokens: Mutex::new(tokens) }))
    }

    /// Forgets the tokens everywhere (sign out).
    pub fn forget(vault: &Vault) -> Result<(), ApiError> {
        vault.delete(TokenKind::Access)?;
        vault.delete(TokenKind::Refresh)
    }

    pub async fn access_token_expires_at_ms(&self) -> i64 {
        self.tokens.lock().await.access_expires_at_ms
    }

    async fn refresh_locked(&self, tokens: &mut TokenSet) -> Result<(), WebexError> {
        let Some(refresh_token) = tokens.refresh_token.clone() else {
            return Err(expired("the session has no refresh token"));
        };
        if tokens.refresh_expires_at_ms.is_some_and(|at| at <= now_ms()) {
            return Err(expired("the session has expired"));
        }
        let fresh = oauth::refresh(&self.app, &refresh_token).await.map_err(|e| match e.code {
            ErrorCode::Network => WebexError::Network {
                host: String::new(),
                detail: e.detail.unwrap_or(e.message),
                kind: crate::webex::NetworkKind::Dropped,
            },
            _ => expired(&e.message),
        })?;
        save(&self.vault, &fresh).map_err(WebexError::Auth)?;
        *tokens = fresh;
        tracing::info!("access token refreshed");
        Ok(())
    }
}

impl TokenSource for TokenSession {
    fn token(&self) -> BoxFuture<'_, Result<String, WebexError>> {
        Box::pin(async move {
            let mut tokens = self.tokens.lock().await;
            if tokens.access_expires_at_ms - REFRESH_MARGIN_MS <= now_ms() {
                self.refresh_locked(&mut tokens).await?;
            }
            Ok(tokens.access_token.clone())
        })
    }

    fn refresh(&self, rejected: String) -> BoxFuture<'_, Result<String, WebexError>> {
        Box::pin(async move {
            let mut tokens = self.tokens.lock().await;
            // Another request refreshed while this one waited for the lock.
            if tokens.access_token != rejected {
                return Ok(tokens.access_token.clone());
            }
            self.refresh_locked(&mut tokens).await?;
            Ok(tokens.access_token.clone())
        })
    }
}

fn expired(detail: &str) -> WebexError {
    WebexError::Auth(
        ApiError::new(ErrorCode::Unauthorized, "Your Webex sign-in has expired. Sign in again.").with_detail(detail),
    )
}

fn save(vault: &Vault, tokens: &TokenSet) -> Result<(), ApiError> {
    let access = StoredToken { token: tokens.access_token.clone(), expires_at_ms: Some(tokens.access_expires_at_ms) };
    vault.set(TokenKind::Access, &to_json(&access))?;
    match &tokens.refresh_token {
        Some(token) => {
            let refresh = StoredToken { token: token.clone(), expires_at_ms: tokens.refresh_expires_at_ms };
            vault.set(TokenKind::Refresh, &to_json(&refresh))
        }
        None => vault.delete(TokenKind::Refresh),
    }
}

fn load(vault: &Vault, kind: TokenKind) -> Result<Option<StoredToken>, ApiError> {
    let Some(text) = vault.get(kind)? else { return Ok(None) };
    // An entry we cannot read is treated as absent: the user signs in again.
    Ok(serde_json::from_str(&text).ok())
}

fn to_json(token: &StoredToken) -> String {
    serde_json::to_string(token).expect("a token serializes")
}

/// The access token the app stored, for headless commands that reuse the
/// window's session (they cannot refresh: the app does that).
pub fn stored_access_token(vault: &Vault) -> Result<Option<String>, ApiError> {
    Ok(load(vault, TokenKind::Access)?.map(|t| t.token))
}
