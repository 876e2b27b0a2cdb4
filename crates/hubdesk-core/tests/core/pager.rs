//! The pager against a small real HTTP server on loopback that counts what
//! it is asked: the next page is requested while the caller still holds
//! the current one, and no page is fetched twice unless its body was bad.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::header::{CONTENT_TYPE, LINK};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hubdesk_core::webex::{Pager, StaticToken, WebexClient};

const PAGES: usize = 5;

struct Server {
    base: String,
    /// Requests served, counting repeats.
    requests: AtomicUsize,
    /// A page whose body is cut short the first time it is asked for.
    spoil_page: Option<usize>,
    spoiled: AtomicUsize,
}

#[derive(serde::Deserialize)]
struct Cursor {
    cursor: Option<usize>,
}

/// Page n holds items 10n and 10n + 1 and links to page n + 1.
async fn page(State(server): State<Arc<Server>>, Query(q): Query<Cursor>) -> Response {
    server.requests.fetch_add(1, Ordering::SeqCst);
    let n = q.cursor.unwrap_or(0);
    if server.spoil_page == Some(n) && server.spoiled.fetch_add(1, Ordering::SeqCst) == 0 {
        return ([(CONTENT_TYPE, "application/json")], r#"{"items": [1"#).into_response();
    }
    let body = axum::Json(serde_json::json!({ "items": [n * 10, n * 10 + 1] }));
    if n + 1 == PAGES {
        return body.into_response();
    }
    let link = format!("<{}/v1/things?cursor={}>; rel=\"next\"", server.base, n + 1);
    ([(LINK, link)], body).into_response()
}

async fn serve(spoil_page: Option<usize>) -> (Arc<Server>, Pager<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = Arc::new(Server {
        base: base.clone(),
        requests: AtomicUsize::new(0),
        spoil_page,
        spoiled: AtomicUsize::new(0),
    });
    let app = axum::Router::new().route("/v1/things", get(page)).with_state(server.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = WebexClient::new(&format!("{base}/v1"), Arc::new(StaticToken("t".into())));
    let pager = Pager::new(client, format!("{base}/v1/things"));
    (server, pager)
}

/// Whether the server has seen `want` requests within two seconds.
async fn reaches(count: &AtomicUsize, want: usize) -> bool {
    for _ in 0..200 {
        if count.load(Ordering::SeqCst) >= want {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

async fn rest(pager: &mut Pager<usize>) -> Vec<usize> {
    let mut items = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        items.extend(page);
    }
    items
}

#[tokio::test]
async fn the_next_page_is_requested_while_the_caller_holds_this_one() {
    let (server, mut pager) = serve(None).await;
    let first = pager.next_page().await.unwrap().unwrap();
    assert_eq!(first, [0, 1]);
    assert!(reaches(&server.requests, 2).await, "page 2 was not requested ahead");
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.requests.load(Ordering::SeqCst), 2, "only one page is requested ahead");
    let items = rest(&mut pager).await;
    assert_eq!(items, [10, 11, 20, 21, 30, 31, 40, 41]);
    assert_eq!(server.requests.load(Ordering::SeqCst), PAGES, "every page once");
    assert_eq!(pager.pages() as usize, PAGES);
}

#[tokio::test]
async fn a_page_whose_body_was_cut_short_is_fetched_again() {
    let (server, mut pager) = serve(Some(2)).await;
    let items = rest(&mut pager).await;
    assert_eq!(items, [0, 1, 10, 11, 20, 21, 30, 31, 40, 41]);
    assert_eq!(server.requests.load(Ordering::SeqCst), PAGES + 1, "page 3 twice, the others once");
}
