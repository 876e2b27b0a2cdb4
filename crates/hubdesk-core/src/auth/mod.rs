//! Signing in: OAuth 2.0 authorization code with PKCE on a loopback
//! redirect (RFC 8252), token refresh, and the OS keyring. No Tauri here.

mod loopback;
mod oauth;
mod scopes;
mod session;
mod vault;

pub use loopback::LoopbackRedirect;
pub use oauth::{sign_in, Endpoints, OAuthApp, Opener, TokenSet};
pub use scopes::WEBEX_SCOPES;
pub use session::{stored_access_token, TokenSession};
pub use vault::{TokenKind, Vault};
