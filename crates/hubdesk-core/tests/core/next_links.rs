//! The bearer token stays on the API's origin: a next link that points at
//! another server (a proxy rewrote it) is refused, that resource's sync
//! fails, and its previous cache is kept. A real proxy on loopback in front
//! of the simulator rewrites the links, and a second server on another port
//! counts what reaches it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hubdesk_api::SyncResource;
use hubdesk_core::store::Store;
use hubdesk_core::webex::{StaticToken, WebexClient};
use tokio_util::sync::CancellationToken;
use webex_sim::{SimConfig, SimServer};

/// Forwards everything to the simulator and rewrites its `Link` headers to
/// point back at the proxy, or, once `divert` is set, at `elsewhere`.
struct Proxy {
    origin: String,
    sim_origin: String,
    elsewhere: String,
    divert: AtomicBool,
    http: reqwest::Client,
}

async fn forward(
    State(proxy): State<Arc<Proxy>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let url = format!("{}{}", proxy.sim_origin, uri.path_and_query().map_or("/", |p| p.as_str()));
    let mut request = proxy.http.request(method, url).body(body);
    if let Some(auth) = headers.get("authorization") {
        request = request.header("authorization", auth);
    }
    let answer = request.send().await.unwrap();
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap();
    let target = if proxy.divert.load(Ordering::SeqCst) { &proxy.elsewhere } else { &proxy.origin };
    let link = answer.headers().get("link").map(|l| l.to_str().unwrap().replace(&proxy.sim_origin, target));
    let content_type = answer.headers().get("content-type").map(|c| c.to_str().unwrap().to_owned());
    let mut response = (status, answer.bytes().await.unwrap()).into_response();
    if let Some(link) = link {
        response.headers_mut().insert("link", link.parse().unwrap());
    }
    if let Some(content_type) = content_type {
        response.headers_mut().insert("content-type", content_type.parse().unwrap());
    }
    response
}

/// Another server on another port: counts requests and answers an empty
/// page, as the one in the incident did.
async fn elsewhere(State(count): State<Arc<AtomicUsize>>) -> Response {
    count.fetch_add(1, Ordering::SeqCst);
    axum::Json(serde_json::json!({ "items": [] })).into_response()
}

async fn listen() -> (tokio::net::TcpListener, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    (listener, origin)
}

async fn start(sim: &SimServer) -> (Arc<Proxy>, Arc<AtomicUsize>) {
    let (elsewhere_listener, elsewhere_origin) = listen().await;
    let count = Arc::new(AtomicUsize::new(0));
    let app = axum::Router::new().fallback(elsewhere).with_state(count.clone());
    tokio::spawn(async move { axum::serve(elsewhere_listener, app).await.unwrap() });

    let (listener, origin) = listen().await;
    let proxy = Arc::new(Proxy {
        origin,
        sim_origin: sim.origin(),
        elsewhere: elsewhere_origin,
        divert: AtomicBool::new(false),
        http: reqwest::Client::new(),
    });
    let app = axum::Router::new().fallback(forward).with_state(proxy.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (proxy, count)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_next_link_to_another_origin_is_refused_and_the_cache_is_kept() {
    let sim = webex_sim::start(SimConfig { people: 300, customers: 0, ..SimConfig::default() }).await.unwrap();
    let (token, org) = crate::support::token(&sim, "partner_full_admin", None).await;
    let (proxy, elsewhere) = start(&sim).await;
    let client = WebexClient::new(&format!("{}/v1", proxy.origin), Arc::new(StaticToken(token)));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let cancel = CancellationToken::new();

    hubdesk_core::sync::sync_org(&client, &store, &org, 1, &|_| {}, &cancel).await.expect("the first sync");
    let people = store.people_of_org(&org).unwrap().len();
    assert!(people > 100, "more than one page of people: {people}");
    let changes = store.changes(&org, 10_000).unwrap().len();

    proxy.divert.store(true, Ordering::SeqCst);
    let error = hubdesk_core::sync::sync_org(&client, &store, &org, 2, &|_| {}, &cancel).await.unwrap_err();

    assert_eq!(elsewhere.load(Ordering::SeqCst), 0, "the other origin received no request, so no token");
    assert!(!error.message.contains("http"), "a sentence, the link only in the log: {}", error.message);
    assert_eq!(store.people_of_org(&org).unwrap().len(), people, "the cached people are kept");
    assert_eq!(store.changes(&org, 10_000).unwrap().len(), changes, "no removals were recorded");
    let status = store.sync_status(&org).unwrap();
    let row = status.iter().find(|s| s.resource == SyncResource::People).unwrap();
    assert!(row.last_error.is_some(), "the people sync failed: {row:?}");
}
