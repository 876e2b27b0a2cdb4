//! The simulator's OAuth server over real HTTP (webex-api.md §1): the code
//! flow with PKCE, its refusals, refresh, expiry, and tokens that survive a
//! restart with the same seed.

use crate::support::{client, get, reply, start, start_with, Reply};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use url::Url;
use webex_sim::{SimConfig, SimServer, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

const REDIRECT: &str = "http://127.0.0.1:53682/callback";
const SCOPES: &str = "spark-admin:people_read spark-admin:organizations_read spark-admin:licenses_read";
const VERIFIER: &str = "k3Jv8_Ew-Qz.9~mTt7RrXy2LpA0sDfGhJkLzXcVbNm1qWeRtYuIoPaSdFgHjKl";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The authorize URL with the usual parameters, `changes` overriding (an empty value removes one).
fn authorize_url(server: &SimServer, changes: &[(&str, &str)]) -> String {
    let challenge = challenge(VERIFIER);
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", REDIRECT),
        ("scope", SCOPES),
        ("state", "st4te"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    for &(name, value) in changes {
        params.retain(|(n, _)| *n != name);
        if !value.is_empty() {
            params.push((name, value));
        }
    }
    let mut url = Url::parse(&format!("{}/authorize", server.base_url())).unwrap();
    url.query_pairs_mut().extend_pairs(params);
    url.into()
}

async fn authorize(server: &SimServer, changes: &[(&str, &str)]) -> Reply {
    reply(client().get(authorize_url(server, changes)).send().await.unwrap()).await
}

/// Signs the partner admin in and returns the code from the redirect.
async fn code_for_partner_admin(server: &SimServer) -> String {
    let hint = server.partner_admin_email();
    let reply = authorize(server, &[("login_hint", &hint)]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = Url::parse(reply.header("location").expect("a redirect")).unwrap();
    assert!(location.as_str().starts_with(REDIRECT), "{location}");
    let param = |name: &str| location.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    assert_eq!(param("state").as_deref(), Some("st4te"));
    param("code").expect("a code")
}

async fn exchange(server: &SimServer, code: &str, verifier: &str) -> Reply {
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier),
    ];
    reply(client().post(format!("{}/access_token", server.base_url())).form(&form).send().await.unwrap()).await
}

async fn refresh(server: &SimServer, refresh_token: &str, secret: &str) -> Reply {
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh_token)];
    let request = client().post(format!("{}/access_token", server.base_url())).basic_auth(DEMO_CLIENT_ID, Some(secret));
    reply(request.form(&form).send().await.unwrap()).await
}

#[tokio::test]
async fn the_pkce_code_flow_yields_working_tokens() {
    let server = start(200, 2).await;
    let code = code_for_partner_admin(&server).await;
    let tokens = exchange(&server, &code, VERIFIER).await;
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
    let mut fields: Vec<&str> = tokens.body.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort();
    assert_eq!(
        fields,
        ["access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope", "token_type"]
    );
    assert_eq!(tokens.body["token_type"], "Bearer");
    assert_eq!(tokens.body["expires_in"], 14 * 24 * 3600);
    assert!((7_775_990..=7_776_000).contains(&tokens.body["refresh_token_expires_in"].as_u64().unwrap()));
    let granted: Vec<&str> = tokens.body["scope"].as_str().unwrap().split(' ').collect();
    assert!(SCOPES.split(' ').all(|s| granted.contains(&s)));
    assert_eq!(tokens.header("cache-control"), Some("no-store"));
    let me = get(&format!("{}/people/me", server.base_url()), tokens.body["access_token"].as_str().unwrap()).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["emails"][0].as_str(), Some(server.partner_admin_email().as_str()));
}

#[tokio::test]
async fn a_wrong_verifier_is_refused_and_burns_the_code() {
    let server = start(100, 1).await;
    let code = code_for_partner_admin(&server).await;
    let wrong = exchange(&server, &code, &VERIFIER.replace('k', "j")).await;
    wrong.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    exchange(&server, &code, VERIFIER).await.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn a_code_works_only_once() {
    let server = start(100, 1).await;
    let code = code_for_partner_admin(&server).await;
    assert_eq!(exchange(&server, &code, VERIFIER).await.status, StatusCode::OK);
    exchange(&server, &code, VERIFIER).await.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn the_exchange_must_repeat_the_redirect_uri() {
    let server = start(100, 1).await;
    let code = code_for_partner_admin(&server).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("code", code.as_str()),
        ("redirect_uri", "http://127.0.0.1:53682/other"),
        ("code_verifier", VERIFIER),
    ];
    let reply =
        reply(client().post(format!("{}/access_token", server.base_url())).form(&form).send().await.unwrap()).await;
    reply.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn foreign_redirects_are_refused_without_redirecting() {
    let server = start(100, 1).await;
    let hint = server.partner_admin_email();
    for foreign in ["https://evil.example/cb", "http://localhost:53682/callback", "http://127.0.0.1.evil.example/cb"] {
        let reply = authorize(&server, &[("redirect_uri", foreign), ("login_hint", &hint)]).await;
        assert_eq!(reply.header("location"), None, "{foreign} was redirected to");
        reply.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_request");
    }
    let reply = authorize(&server, &[("client_id", "someone-else"), ("login_hint", &hint)]).await;
    assert_eq!(reply.header("location"), None);
    reply.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_client");
}

#[tokio::test]
async fn a_missing_state_is_refused() {
    let server = start(100, 1).await;
    let hint = server.partner_admin_email();
    let reply = authorize(&server, &[("state", ""), ("login_hint", &hint)]).await;
    assert_eq!(reply.header("location"), None);
    reply.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn other_errors_go_back_to_the_client_with_the_state() {
    let server = start(100, 1).await;
    let hint = server.partner_admin_email();
    for (change, error) in [
        (("scope", "spark-admin:licenses_write"), "invalid_scope"),
        (("code_challenge_method", "plain"), "invalid_request"),
        (("response_type", "token"), "unsupported_response_type"),
    ] {
        let reply = authorize(&server, &[change, ("login_hint", &hint)]).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{change:?}");
        let location = Url::parse(reply.header("location").unwrap()).unwrap();
        let pairs: Vec<(String, String)> = location.query_pairs().into_owned().collect();
        assert!(pairs.contains(&("error".into(), error.into())), "{change:?}: {location}");
        assert!(pairs.contains(&("state".into(), "st4te".into())));
        assert!(!pairs.iter().any(|(k, _)| k == "code"));
    }
}

#[tokio::test]
async fn without_login_hint_a_page_lists_the_admins_escaped() {
    let server = start(100, 2).await;
    let reply = authorize(&server, &[("state", "\"><script>alert(1)</script>")]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").unwrap().starts_with("text/html"));
    let html = reply.body.as_str().unwrap();
    assert!(html.contains("Søren Ødegård") && html.contains("Zoé Lefèvre") && html.contains("Nordlys Partners"));
    assert!(html.contains(&server.partner_admin_email()));
    assert!(!html.contains("<script>"), "the state was not escaped");
    assert!(html.contains("&quot;&gt;&lt;script&gt;"));
    assert!(html.contains("name=\"login_hint\""), "choosing an admin re-sends with login_hint");
}

#[tokio::test]
async fn refresh_gives_a_new_access_token_and_keeps_the_refresh_token() {
    let server = start(100, 1).await;
    let code = code_for_partner_admin(&server).await;
    let tokens = exchange(&server, &code, VERIFIER).await;
    let refresh_token = tokens.body["refresh_token"].as_str().unwrap();
    let refreshed = refresh(&server, refresh_token, DEMO_CLIENT_SECRET).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    assert_eq!(refreshed.body["refresh_token"].as_str(), Some(refresh_token));
    assert_eq!(refreshed.body["token_type"], "Bearer");
    let access = refreshed.body["access_token"].as_str().unwrap();
    assert_eq!(get(&format!("{}/organizations", server.base_url()), access).await.status, StatusCode::OK);
    refresh(&server, refresh_token, "wrong").await.assert_oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    refresh(&server, "not-a-token", DEMO_CLIENT_SECRET)
        .await
        .assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    // An access token is no refresh token.
    refresh(&server, access, DEMO_CLIENT_SECRET).await.assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn an_expired_access_token_is_a_401_and_refresh_still_works() {
    let server = start_with(SimConfig { people: 100, customers: 1, token_ttl_secs: 1, ..SimConfig::default() }).await;
    let code = code_for_partner_admin(&server).await;
    let tokens = exchange(&server, &code, VERIFIER).await;
    assert_eq!(tokens.body["expires_in"], 1);
    let access = tokens.body["access_token"].as_str().unwrap();
    let me = format!("{}/people/me", server.base_url());
    assert_eq!(get(&me, access).await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    get(&me, access).await.assert_webex_error(StatusCode::UNAUTHORIZED);
    let refreshed = refresh(&server, tokens.body["refresh_token"].as_str().unwrap(), DEMO_CLIENT_SECRET).await;
    assert_eq!(get(&me, refreshed.body["access_token"].as_str().unwrap()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn tokens_survive_a_restart_with_the_same_seed_only() {
    let cfg = SimConfig { people: 150, customers: 2, seed: 77, ..SimConfig::default() };
    let first = start_with(cfg.clone()).await;
    let (token, _) = crate::support::token(&first, "customer_full_admin", None).await;
    first.shutdown().await;
    let again = start_with(cfg.clone()).await;
    assert_eq!(get(&format!("{}/people/me", again.base_url()), &token).await.status, StatusCode::OK);
    let other = start_with(SimConfig { seed: 78, ..cfg }).await;
    get(&format!("{}/people/me", other.base_url()), &token).await.assert_webex_error(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_age_on_the_simulated_clock() {
    // --token-ttl and the refresh lifetime are configurable; an expired access token is a 401.
    let cfg = SimConfig {
        people: 100,
        customers: 1,
        token_ttl_secs: 60,
        refresh_token_ttl_secs: 600,
        ..SimConfig::default()
    };
    let server = start_with(cfg).await;
    let code = code_for_partner_admin(&server).await;
    let tokens = exchange(&server, &code, VERIFIER).await;
    assert_eq!(tokens.body["refresh_token_expires_in"], 600);
    let access = tokens.body["access_token"].as_str().unwrap();
    let me = format!("{}/people/me", server.base_url());
    assert_eq!(get(&me, access).await.status, StatusCode::OK);
    crate::support::advance_clock(&server, 61).await;
    get(&me, access).await.assert_webex_error(StatusCode::UNAUTHORIZED);
    let refresh_token = tokens.body["refresh_token"].as_str().unwrap();
    let refreshed = refresh(&server, refresh_token, DEMO_CLIENT_SECRET).await;
    assert_eq!(get(&me, refreshed.body["access_token"].as_str().unwrap()).await.status, StatusCode::OK);
    crate::support::advance_clock(&server, 600).await;
    refresh(&server, refresh_token, DEMO_CLIENT_SECRET)
        .await
        .assert_oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn every_endpoint_checks_its_scope() {
    // webex-api.md §1.8: without the scope an endpoint is a 403; with it, it is not.
    let server = start(200, 1).await;
    let base = server.base_url();
    let unrelated = crate::support::scoped_token(&server, "customer_full_admin", "spark:kms").await;
    let cases = [
        ("GET", "people", "spark-admin:people_read"),
        ("GET", "organizations", "spark-admin:organizations_read"),
        ("GET", "licenses", "spark-admin:licenses_read"),
        ("GET", "groups", "identity:groups_read"),
        ("GET", "locations", "spark-admin:locations_read"),
        ("GET", "telephony/config/numbers", "spark-admin:telephony_config_read"),
        ("GET", "telephony/config/locations", "spark-admin:telephony_config_read"),
        ("GET", "admin/meeting/config/sessionTypes", "meeting:admin_schedule_read"),
        ("GET", "meetingPreferences/sites", "meeting:preferences_read"),
        ("GET", "meetings/sessionTypes", "meeting:schedules_read"),
        ("GET", "broadworks/subscribers", "spark-admin:broadworks_subscribers_read"),
        ("GET", "broadworks/enterprises", "spark-admin:broadworks_enterprises_read"),
        ("PATCH", "licenses/users", "spark-admin:people_write"),
        ("POST", "groups", "identity:groups_rw"),
    ];
    for (method, path, scope) in cases {
        let url = format!("{base}/{path}");
        let method: reqwest::Method = method.parse().unwrap();
        let body = Some(serde_json::json!({}));
        let refused = crate::support::send(method.clone(), &url, &unrelated, body.clone()).await;
        refused.assert_webex_error(StatusCode::FORBIDDEN);
        let allowed = crate::support::scoped_token(&server, "customer_full_admin", scope).await;
        let answer = crate::support::send(method, &url, &allowed, body).await;
        assert_ne!(answer.status, StatusCode::FORBIDDEN, "{path} with {scope}: {}", answer.body);
    }
}
