//! The OAuth 2.0 authorization server of the simulator (webex-api.md §1):
//! authorization code flow with optional PKCE (S256), loopback redirects,
//! refresh, and stateless signed tokens that survive a restart.

mod access_token;
mod authorize;
mod client;
pub(crate) mod codes;
mod picker;
mod pkce;
mod redirect;
mod scopes;
pub(crate) mod token;

use axum::routing::{get, post};
use axum::Router;

pub use scopes::{Scope, ScopeSet};
pub use token::{Claims, TokenKind};

use crate::state::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/authorize", get(authorize::authorize))
        .route("/v1/access_token", post(access_token::access_token))
}
