//! The authorization-code flow with PKCE, and refresh, with the `oauth2` crate.

use std::time::Duration;

use futures::future::BoxFuture;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    ExtraTokenFields, PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError, Scope, StandardRevocableToken,
    StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::LoopbackRedirect;
use crate::store::now_ms;
use hubdesk_api::{ApiError, ErrorCode};

/// Where an OAuth server lives: Webex (`https://webexapis.com/v1/...`) or
/// the simulator, which serves the same paths.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorize: String,
    pub token: String,
}

impl Endpoints {
    pub fn under(api_base: &str) -> Self {
        let base = api_base.trim_end_matches('/');
        Self { authorize: format!("{base}/authorize"), token: format!("{base}/access_token") }
    }
}

/// A registered integration. Webex integrations are confidential clients,
/// so the secret is sent even with PKCE (webex-api.md §1.6).
#[derive(Debug, Clone)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
    pub endpoints: Endpoints,
    pub scopes: Vec<String>,
}

/// Tokens with absolute expiry times (epoch ms).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenSet {
    pub access_token: String,
    pub access_expires_at_ms: i64,
    pub refresh_token: Option<String>,
    pub refresh_expires_at_ms: Option<i64>,
}

// Never print tokens, not even in debug logs.
impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_expires_at_ms", &self.access_expires_at_ms)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish()
    }
}

/// Webex adds `refresh_token_expires_in` to the standard response (§1.4).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct WebexTokenFields {
    #[serde(default)]
    refresh_token_expires_in: Option<u64>,
}
impl ExtraTokenFields for WebexTokenFields {}

type WebexTokenResponse = StandardTokenResponse<WebexTokenFields, BasicTokenType>;
type Client = oauth2::Client<
    BasicErrorResponse,
    WebexTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Opens the authorization URL: the system browser for Webex, a direct
/// request for the demo's simulator (which approves at once).
pub type Opener = Box<dyn FnOnce(String) -> BoxFuture<'static, Result<(), ApiError>> + Send>;

/// Runs the whole flow: authorize in the browser, receive the code that
/// comes back with this request's state on the loopback redirect, exchange
/// the code with the verifier.
pub async fn sign_in(
    app: &OAuthApp,
    redirect: LoopbackRedirect,
    login_hint: Option<&str>,
    open: Opener,
    timeout: Duration,
) -> Result<TokenSet, ApiError> {
    let client = oauth_client(app, Some(redirect.redirect_uri()))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(app.scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(challenge);
    if let Some(hint) = login_hint {
        request = request.add_extra_param("login_hint", hint);
    }
    let (url, state) = request.url();
    // The listener hands back only a code that came with this state.
    let waiting = tokio::spawn(redirect.wait(state.secret().clone(), timeout));
    if let Err(e) = open(url.to_string()).await {
        waiting.abort();
        return Err(e);
    }
    let code = waiting.await.map_err(ApiError::internal)??;
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(verifier)
        .request_async(&http_client())
        .await
        .map_err(token_error)?;
    Ok(token_set(&response, None))
}

/// Exchanges a refresh token. Webex may answer with the same access token.
pub async fn refresh(app: &OAuthApp, refresh_token: &str) -> Result<TokenSet, ApiError> {
    let client = oauth_client(app, None)?;
    let response = client
        .exchange_refresh_token(&RefreshToken::new(refresh_token.to_owned()))
        .request_async(&http_client())
        .await
        .map_err(token_error)?;
    Ok(token_set(&response, Some(refresh_token)))
}

fn oauth_client(app: &OAuthApp, redirect_uri: Option<&str>) -> Result<Client, ApiError> {
    let bad = |e: oauth2::url::ParseError| {
        ApiError::new(ErrorCode::NotConfigured, "The sign-in address is not valid. Check the integration in Settings.")
            .with_detail(format!("bad OAuth URL: {e}"))
    };
    let mut client = oauth2::Client::new(ClientId::new(app.client_id.clone()))
        .set_client_secret(ClientSecret::new(app.client_secret.clone()))
        .set_auth_uri(AuthUrl::new(app.endpoints.authorize.clone()).map_err(bad)?)
        .set_token_uri(TokenUrl::new(app.endpoints.token.clone()).map_err(bad)?)
        // Webex's own samples send the client credentials in the form body.
        .set_auth_type(AuthType::RequestBody);
    if let Some(uri) = redirect_uri {
        client = client.set_redirect_uri(RedirectUrl::new(uri.to_owned()).map_err(bad)?);
    }
    Ok(client)
}

fn http_client() -> oauth2::reqwest::Client {
    // No redirects on the token endpoint (the oauth2 crate's SSRF advice).
    oauth2::reqwest::Client::builder()
        .redirect(oauth2::reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client")
}

fn token_set(response: &WebexTokenResponse, previous_refresh: Option<&str>) -> TokenSet {
    let now = now_ms();
    let expires_in = response.expires_in().unwrap_or(Duration::from_secs(12 * 3600));
    let refresh_token =
        response.refresh_token().map(|r| r.secret().clone()).or_else(|| previous_refresh.map(str::to_owned));
    TokenSet {
        access_token: response.access_token().secret().clone(),
        access_expires_at_ms: now + expires_in.as_millis() as i64,
        refresh_expires_at_ms: response.extra_fields().refresh_token_expires_in.map(|s| now + s as i64 * 1000),
        refresh_token,
    }
}

fn token_error<RE: std::error::Error + 'static>(e: RequestTokenError<RE, BasicErrorResponse>) -> ApiError {
    match e {
        RequestTokenError::ServerResponse(body) => {
            let detail = body.error_description().cloned().unwrap_or_else(|| body.error().to_string());
            ApiError::new(
                ErrorCode::SignInFailed,
                "Webex refused the sign-in. Check the client id and secret in Settings, then try again.",
            )
            .with_detail(format!("the token request was refused: {detail}"))
        }
        RequestTokenError::Request(e) => ApiError::new(
            ErrorCode::Network,
            "The Webex sign-in server cannot be reached. Check your network connection, then try again.",
        )
        .with_detail(format!("cannot reach the sign-in server: {e}")),
        other => ApiError::new(
            ErrorCode::SignInFailed,
            "The sign-in server gave an answer hubdesk did not expect. Try again.",
        )
        .with_detail(format!("unexpected answer from the sign-in server: {other}")),
    }
}
