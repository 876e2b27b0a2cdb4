//! The backend end to end without a window: the demo sign-in (OAuth code
//! flow with PKCE over real HTTP against the simulator), the real keyring,
//! the sync into a real SQLite file, search, restart and sign-out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hubdesk_api::{ErrorCode, PeopleQuery, SyncPhase, SyncProgress, SyncResource, TenantKind};
use hubdesk_core::auth::{self, Endpoints, LoopbackRedirect, OAuthApp, TokenKind, TokenSession, Vault};
use hubdesk_core::webex::{StaticToken, TokenSource, WebexClient};
use webex_sim::{self as sim, SimConfig};

fn test_vault() -> Vault {
    Vault::new(format!("hubdesk-it-{}", uuid::Uuid::new_v4()))
}

fn app_for(server: &sim::SimServer) -> OAuthApp {
    OAuthApp {
        client_id: sim::DEMO_CLIENT_ID.into(),
        client_secret: sim::DEMO_CLIENT_SECRET.into(),
        endpoints: Endpoints::under(&server.base_url()),
        scopes: auth::WEBEX_SCOPES.iter().map(|s| s.to_string()).collect(),
    }
}

fn everyone(org_id: &str) -> PeopleQuery {
    PeopleQuery { org_id: org_id.to_owned(), limit: 500, ..Default::default() }
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_sign_in_sync_search_restart_sign_out() {
    let dir = tempfile::tempdir().unwrap();
    let vault = test_vault();
    let core = crate::support::open_core(dir.path(), vault.clone());
    assert!(core.session_info().await.user.is_none());

    let info = core.sign_in_demo().await.expect("demo sign-in");
    assert_eq!(info.tenant, Some(TenantKind::Demo));
    let user = info.user.expect("signed-in user");
    assert!(!user.org_name.is_empty());
    assert!(vault.get(TokenKind::Access).unwrap().is_some(), "the access token is in the keyring");

    let orgs = core.list_orgs().unwrap();
    assert!(orgs.len() >= 4, "a partner and three customers: {orgs:?}");
    assert!(orgs[0].is_home && orgs[0].id == user.org_id);
    let customer = &orgs[1];

    let events: Arc<Mutex<Vec<SyncProgress>>> = Arc::default();
    let sink = events.clone();
    let status = core.sync_org(&customer.id, &move |p| sink.lock().unwrap().push(p)).await.expect("sync");
    let people_status = status.iter().find(|s| s.resource == SyncResource::People).unwrap();
    assert!(people_status.item_count > 100, "{people_status:?}");
    assert!(people_status.last_success_ms.is_some());

    let events = events.lock().unwrap().clone();
    let done: Vec<_> = events.iter().filter(|e| e.phase == SyncPhase::Done).collect();
    let mut finished: Vec<_> = done.iter().map(|e| e.resource.as_str()).collect();
    finished.sort();
    assert_eq!(
        finished,
        ["groups", "licenses", "locations", "numbers", "people", "session_types"],
        "each resource finishes once"
    );
    let people_done = done.iter().find(|e| e.resource == SyncResource::People).unwrap();
    assert_eq!(people_done.items, people_status.item_count);
    assert!(people_done.pages >= 2, "people come in several pages");
    assert!(events.iter().any(|e| e.phase == SyncPhase::Running && e.items > 0 && e.items < people_done.items));

    let all = core.search_people(&everyone(&customer.id)).unwrap();
    assert_eq!(all.total, people_status.item_count);
    let first = &all.rows[0];
    let fragment: String = first.display_name.chars().take(4).collect();
    let some = core.search_people(&PeopleQuery { text: fragment.clone(), ..everyone(&customer.id) }).unwrap();
    assert!(some.total >= 1 && some.total < all.total, "{fragment}: {} of {}", some.total, all.total);
    assert!(some.rows.iter().all(|r| format!("{} {} {:?} {:?}", r.display_name, r.email, r.phone_number, r.extension)
        .to_lowercase()
        .contains(&fragment.to_lowercase())));
    let detail = core.person_detail(&customer.id, &first.id).unwrap();
    assert_eq!(detail.display_name, first.display_name);
    assert!(all.rows.iter().any(|r| !r.licenses.is_empty()), "licenses are named in the table");
    core.shutdown().await;
    drop(core);

    // A restart opens on the cache with the remembered session.
    let core = crate::support::open_core(dir.path(), vault.clone());
    core.restore_session().await.unwrap();
    assert_eq!(core.session_info().await.user.map(|u| u.person_id), Some(user.person_id.clone()));
    assert_eq!(core.search_people(&everyone(&customer.id)).unwrap().total, all.total);
    // The restored tokens still work against the new in-process simulator.
    core.client().await.unwrap().me().await.expect("restored token accepted");

    let out = core.sign_out().await.unwrap();
    assert!(out.user.is_none());
    assert_eq!(vault.get(TokenKind::Access).unwrap(), None, "sign-out deletes the tokens");
    assert_eq!(vault.get(TokenKind::Refresh).unwrap(), None);
    assert_eq!(core.client().await.err().map(|e| e.code), Some(ErrorCode::NotSignedIn));
    core.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_sync_keeps_the_cache_and_records_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = hubdesk_core::store::Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let person =
        hubdesk_core::webex::models::Person {
            id: "p1".into(), display_name: "Åsa Björk".into(), ..Default::default()
        };
    store.replace_people("org", &[person]).unwrap();
    // Nothing listens on port 9 of loopback: the network is "down".
    let client = WebexClient::new("http://127.0.0.1:9/v1", Arc::new(StaticToken("t".into())));
    let cancel = tokio_util::sync::CancellationToken::new();
    let err = hubdesk_core::sync::sync_org(&client, &store, "org", 1, &|_| {}, &cancel).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Network, "{err:?}");
    assert_eq!(store.search_people(&everyone("org")).unwrap().total, 1, "the old cache is kept");
    let status = store.sync_status("org").unwrap();
    let people = status.iter().find(|s| s.resource == SyncResource::People).unwrap();
    assert!(people.last_error.is_some() && people.last_success_ms.is_some(), "{people:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_token_is_refreshed_once_after_a_401() {
    let server =
        sim::start(SimConfig { token_ttl_secs: 1, people: 50, customers: 1, ..SimConfig::default() }).await.unwrap();
    let app = app_for(&server);
    let redirect = LoopbackRedirect::bind("http://127.0.0.1:0/callback").await.unwrap();
    let open: auth::Opener = Box::new(|url| {
        Box::pin(async move {
            reqwest::get(url).await.unwrap().error_for_status().unwrap();
            Ok(())
        })
    });
    let mut tokens = auth::sign_in(&app, redirect, Some(&server.partner_admin_email()), open, Duration::from_secs(10))
        .await
        .expect("sign-in");
    // Pretend we believe the token lives long, so only the 401 can tell us.
    tokens.access_expires_at_ms = i64::MAX / 2;
    let first_token = tokens.access_token.clone();
    let vault = test_vault();
    let session = Arc::new(TokenSession::create(app, vault.clone(), tokens).unwrap());
    let client = WebexClient::new(&server.base_url(), session.clone());
    client.me().await.expect("fresh token works");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    client.me().await.expect("refreshed after the 401");
    let now_token = session.token().await.unwrap();
    assert_ne!(now_token, first_token, "a new access token was issued");
    assert!(vault.get(TokenKind::Access).unwrap().unwrap().contains(&now_token), "and saved in the keyring");

    // A token about to expire is refreshed before it is used.
    let restored = TokenSession::restore(app_for(&server), vault.clone()).unwrap().expect("restorable");
    assert!(restored.access_token_expires_at_ms().await > 0);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let proactive = restored.token().await.expect("refreshed ahead of expiry");
    assert_ne!(proactive, now_token, "the 1 s token was inside the refresh margin");
    TokenSession::forget(&vault).unwrap();
    server.shutdown().await;
}

/// "Sign in to Webex" with the integration from Settings, against a
/// simulator standing in for webexapis.com; the "browser" picks the admin.
#[tokio::test(flavor = "multi_thread")]
async fn webex_sign_in_uses_the_settings_and_keeps_secrets_out_of_sqlite() {
    use hubdesk_api::{AppearanceInput, IntegrationInput, Theme};
    let server = sim::start(SimConfig { people: 60, customers: 1, ..SimConfig::default() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let vault = test_vault();
    let core = crate::support::open_core(dir.path(), vault.clone()).with_webex_api_base(&server.base_url());
    let browser = |hint: String| -> auth::Opener {
        Box::new(move |url| {
            Box::pin(async move {
                let url = format!("{url}&login_hint={hint}");
                reqwest::get(url).await.unwrap().error_for_status().unwrap();
                Ok(())
            })
        })
    };

    let err = core.sign_in_webex(browser(server.partner_admin_email())).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotConfigured, "no client id yet");

    let mut input = IntegrationInput {
        client_id: sim::DEMO_CLIENT_ID.into(),
        client_secret: None,
        redirect_uri: "https://example.com/callback".into(),
    };
    assert_eq!(core.save_integration(&input).unwrap_err().code, ErrorCode::InvalidInput, "not a loopback redirect");
    assert_eq!(core.settings().unwrap().client_id, "", "nothing of a refused integration is saved");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    input.redirect_uri = format!("http://127.0.0.1:{port}/callback");
    core.save_integration(&input).unwrap();
    core.save_appearance(&AppearanceInput { theme: Theme::Dark, language: "en".into() }).unwrap();
    let err = core.sign_in_webex(browser(server.partner_admin_email())).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotConfigured, "no client secret yet");

    input.client_secret = Some(sim::DEMO_CLIENT_SECRET.into());
    let settings = core.save_integration(&input).unwrap();
    assert!(settings.has_client_secret && settings.theme == Theme::Dark);
    assert!(settings.scopes.iter().any(|s| s == "spark-admin:people_read"));

    let info = core.sign_in_webex(browser(server.partner_admin_email())).await.expect("webex sign-in");
    assert_eq!(info.tenant, Some(TenantKind::Webex));
    assert_eq!(info.api_base.as_deref(), Some(server.base_url().as_str()));

    // Tokens and the client secret live only in the keyring.
    let access = vault.get(TokenKind::Access).unwrap().unwrap();
    let access: serde_json::Value = serde_json::from_str(&access).unwrap();
    let token = access["token"].as_str().unwrap().to_owned();
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            on_disk.extend(std::fs::read(path).unwrap());
        }
    }
    let disk = String::from_utf8_lossy(&on_disk);
    assert!(disk.contains(sim::DEMO_CLIENT_ID), "the scan reads the database");
    assert!(!disk.contains(&token), "the access token must not be written to disk");
    assert!(!disk.contains(sim::DEMO_CLIENT_SECRET), "the client secret must not be written to disk");

    core.sign_out().await.unwrap();
    vault.delete(TokenKind::ClientSecret).unwrap();
    server.shutdown().await;
}
