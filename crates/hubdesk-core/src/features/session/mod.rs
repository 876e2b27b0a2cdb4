//! Signing in and out, and restoring the session at start.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use hubdesk_api::{ApiError, ErrorCode, SessionInfo, SignedInUser, TenantKind};

pub mod commands;

use crate::auth::{self, Endpoints, LoopbackRedirect, OAuthApp, TokenKind, TokenSession, TokenSet};
use crate::core::{ActiveSession, Core};
use crate::demo::DemoClient;
use crate::store::SettingKey;
use crate::webex::models::Person;
use crate::webex::{NetworkKind, StaticToken, WebexClient, WebexError};

/// How long we wait for a person to finish signing in in the browser.
const BROWSER_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Remembered in SQLite between runs. No tokens: those are in the keyring.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RememberedSession {
    tenant: TenantKind,
    /// For Webex: the API base used at sign-in. The demo's changes per run.
    api_base: String,
    user: SignedInUser,
}

impl Core {
    pub async fn session_info(&self) -> SessionInfo {
        let session = self.session.read().await;
        SessionInfo {
            tenant: session.as_ref().map(|s| s.tenant),
            user: session.as_ref().map(|s| s.user.clone()),
            keyring: self.vault.status(),
            api_base: session.as_ref().map(|s| s.client.base().to_owned()),
        }
    }

    /// Signs in to the built-in demo tenant with the same authorization-code
    /// flow as Webex: the simulator approves its seeded partner admin at once.
    pub async fn sign_in_demo(&self) -> Result<SessionInfo, ApiError> {
        let demo = self.demo_tenant().await?;
        let app = demo_app(&demo.base_url, &demo.client);
        let redirect = LoopbackRedirect::bind("http://127.0.0.1:0/callback").await?;
        let open: auth::Opener = Box::new(|url| Box::pin(follow_redirects(url)));
        let tokens = auth::sign_in(&app, redirect, Some(&demo.admin_email), open, Duration::from_secs(30)).await?;
        self.finish_sign_in(TenantKind::Demo, app, demo.base_url, tokens).await
    }

    /// Signs in to Webex (or `HUBDESK_WEBEX_API`) with the integration
    /// configured in Settings; `open` shows the authorization page.
    pub async fn sign_in_webex(&self, open: auth::Opener) -> Result<SessionInfo, ApiError> {
        let settings = self.settings()?;
        if settings.client_id.is_empty() {
            return Err(ApiError::new(
                ErrorCode::NotConfigured,
                "Enter your integration's client ID in Settings first.",
            ));
        }
        let secret = self.vault.get(TokenKind::ClientSecret)?.ok_or_else(|| {
            ApiError::new(ErrorCode::NotConfigured, "Enter your integration's client secret in Settings first.")
        })?;
        let base = self.webex_api_base.clone();
        let app = OAuthApp {
            client_id: settings.client_id,
            client_secret: secret,
            endpoints: Endpoints::under(&base),
            scopes: auth::WEBEX_SCOPES.iter().map(|s| s.to_string()).collect(),
        };
        let redirect = LoopbackRedirect::bind(&settings.redirect_uri).await?;
        let tokens = auth::sign_in(&app, redirect, None, open, BROWSER_SIGN_IN_TIMEOUT).await?;
        self.finish_sign_in(TenantKind::Webex, app, base, tokens).await
    }

    /// Forgets the tokens and the session. The cache stays on disk.
    pub async fn sign_out(&self) -> Result<SessionInfo, ApiError> {
        self.cancel_sync();
        self.session.write().await.take();
        self.store.delete_setting(SettingKey::Session)?;
        TokenSession::forget(&self.vault)?;
        Ok(self.session_info().await)
    }

    /// At start: the remembered session, with no network needed; the cache
    /// is readable at once and the first API call refreshes if it must.
    pub async fn restore_session(&self) -> Result<(), ApiError> {
        let Some(text) = self.store.setting(SettingKey::Session)? else { return Ok(()) };
        let Ok(remembered) = serde_json::from_str::<RememberedSession>(&text) else { return Ok(()) };
        let (app, base) = match remembered.tenant {
            TenantKind::Demo => {
                let demo = self.demo_tenant().await?;
                (demo_app(&demo.base_url, &demo.client), demo.base_url)
            }
            TenantKind::Webex => {
                let settings = self.settings()?;
                let secret = self.vault.get(TokenKind::ClientSecret)?.unwrap_or_default();
                let app = OAuthApp {
                    client_id: settings.client_id,
                    client_secret: secret,
                    endpoints: Endpoints::under(&remembered.api_base),
                    scopes: auth::WEBEX_SCOPES.iter().map(|s| s.to_string()).collect(),
                };
                (app, remembered.api_base.clone())
            }
        };
        let Some(tokens) = TokenSession::restore(app, self.vault.clone())? else { return Ok(()) };
        let client = self.client_for(remembered.tenant, &base, Arc::new(tokens)).await?;
        *self.session.write().await = Some(ActiveSession { tenant: remembered.tenant, user: remembered.user, client });
        Ok(())
    }

    /// The command line's session: a bearer token (`HUBDESK_TOKEN`, or the
    /// one the app keeps in the keyring) used as it is, neither refreshed
    /// nor remembered, each request allowed `request_timeout`. Checks it
    /// with Webex and refreshes the org list. The check's error says what
    /// happened at `api_base` (see [`token_check_error`]).
    pub async fn sign_in_with_token(
        &self,
        api_base: &str,
        token: String,
        request_timeout: Duration,
    ) -> Result<SignedInUser, ApiError> {
        let client = WebexClient::new(api_base, Arc::new(StaticToken(token))).with_request_timeout(request_timeout);
        let me = client.me().await.map_err(token_check_error)?;
        let user = self.user_of(&client, me).await?;
        *self.session.write().await = Some(ActiveSession { tenant: TenantKind::Webex, user: user.clone(), client });
        Ok(user)
    }

    async fn finish_sign_in(
        &self,
        tenant: TenantKind,
        app: OAuthApp,
        base: String,
        tokens: TokenSet,
    ) -> Result<SessionInfo, ApiError> {
        let tokens = TokenSession::create(app, self.vault.clone(), tokens)?;
        let client = self.client_for(tenant, &base, Arc::new(tokens)).await?;
        let user = self.signed_in_user(&client).await?;
        let remembered = RememberedSession { tenant, api_base: base, user: user.clone() };
        self.store
            .set_setting(SettingKey::Session, &serde_json::to_string(&remembered).map_err(ApiError::internal)?)?;
        *self.session.write().await = Some(ActiveSession { tenant, user, client });
        tracing::info!(?tenant, "signed in");
        Ok(self.session_info().await)
    }

    /// The session's client. The demo tenant's starts its process again when
    /// it stops answering (it exits when idle): the admin only waits.
    async fn client_for(
        &self,
        tenant: TenantKind,
        base: &str,
        tokens: Arc<dyn crate::webex::TokenSource>,
    ) -> Result<WebexClient, ApiError> {
        let client = WebexClient::new(base, tokens);
        if tenant != TenantKind::Demo {
            return Ok(client);
        }
        Ok(match self.demo_tenant().await?.reviver {
            Some(reviver) => client.with_reviver(reviver),
            None => client,
        })
    }

    /// Who the token belongs to; refreshes the list of orgs it manages.
    async fn signed_in_user(&self, client: &WebexClient) -> Result<SignedInUser, ApiError> {
        let me = client.me().await?;
        self.user_of(client, me).await
    }

    async fn user_of(&self, client: &WebexClient, me: Person) -> Result<SignedInUser, ApiError> {
        let orgs = crate::sync::sync_organizations(client, &self.store, &me.org_id).await?;
        let org_name = orgs.iter().find(|o| o.id == me.org_id).map(|o| o.display_name.clone()).unwrap_or_default();
        Ok(SignedInUser {
            person_id: me.id.clone(),
            display_name: me.display_name.clone(),
            email: me.primary_email().to_owned(),
            org_id: me.org_id.clone(),
            org_name,
        })
    }
}

/// The first request with a token says whether the address is a Webex API
/// at all, so its failures name what happened there rather than Webex:
/// nothing listening, no answer in time, another kind of server, or the
/// token refused. The caller names the address; the detail says the rest.
fn token_check_error(error: WebexError) -> ApiError {
    let detail = error.to_string();
    let (code, message) = match &error {
        WebexError::Network { kind: NetworkKind::Refused, .. } => (
            ErrorCode::Network,
            "The connection was refused: nothing is listening at this address. Check the address, then try again."
                .to_owned(),
        ),
        WebexError::Network { kind: NetworkKind::Unreachable, .. } => (
            ErrorCode::Network,
            "The address cannot be reached: no such host, or no route to it. Check the address and your network."
                .to_owned(),
        ),
        WebexError::Network { kind: NetworkKind::TimedOut { seconds }, .. } => (
            ErrorCode::Network,
            format!("The address did not answer within {seconds} s. Check it and your network, then try again."),
        ),
        WebexError::Network { kind: NetworkKind::Dropped, .. } => (
            ErrorCode::Network,
            "The connection broke before a complete answer. Check the address, then try again.".to_owned(),
        ),
        WebexError::Api { status: 401 | 403, .. } => (
            ErrorCode::Unauthorized,
            "Webex refused the token: it has expired or lacks the admin scopes. Sign in with the app again, or \
             set HUBDESK_TOKEN to a fresh token."
                .to_owned(),
        ),
        WebexError::Api { status: 500..=599, .. } => {
            (ErrorCode::Network, "The server answered with an error of its own. Try again in a moment.".to_owned())
        }
        WebexError::Api { status: 429, .. } | WebexError::Auth(_) | WebexError::ForeignOrigin => {
            return ApiError::from(error)
        }
        WebexError::Api { .. } | WebexError::Body(_) | WebexError::NotJson(_) | WebexError::TooLarge { .. } => (
            ErrorCode::WebexApi,
            "The address answered, but not the way the Webex API does. Check the address.".to_owned(),
        ),
    };
    ApiError::new(code, message).with_detail(detail)
}

fn demo_app(base: &str, client: &DemoClient) -> OAuthApp {
    OAuthApp {
        client_id: client.id.clone(),
        client_secret: client.secret.clone(),
        endpoints: Endpoints::under(base),
        scopes: auth::WEBEX_SCOPES.iter().map(|s| s.to_string()).collect(),
    }
}

/// The demo's "browser": requests the authorization URL and follows the
/// simulator's redirect to our loopback listener, like a browser would.
async fn follow_redirects(url: String) -> Result<(), ApiError> {
    let response = reqwest::get(&url)
        .await
        .map_err(|e| demo_sign_in_failed().with_detail(format!("the demo sign-in failed: {e}")))?;
    if !response.status().is_success() {
        return Err(demo_sign_in_failed().with_detail(format!("the demo sign-in failed: {}", response.status())));
    }
    Ok(())
}

fn demo_sign_in_failed() -> ApiError {
    ApiError::new(ErrorCode::SignInFailed, "The demo tenant did not let hubdesk sign in. Try again in a moment.")
}
