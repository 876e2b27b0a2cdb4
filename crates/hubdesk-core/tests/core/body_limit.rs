//! An answer's body is read up to the client's limit while it streams in:
//! an oversized answer is refused once, not fetched again, and never held
//! whole in memory. A real server on loopback streams a body far over a
//! small limit and counts what it was asked and what it produced.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::IntoResponse;
use futures::StreamExt;
use hubdesk_api::ApiError;
use hubdesk_core::webex::{Pager, StaticToken, WebexClient, WebexError};

const LIMIT: u64 = 256 * 1024;
const CHUNK: usize = 64 * 1024;
/// What the server would send: 256 times the limit.
const BODY: usize = 64 * 1024 * 1024;

#[derive(Default)]
struct Counts {
    requests: AtomicUsize,
    /// Bytes handed to the connection, over every request.
    produced: AtomicUsize,
}

/// `{"items": [0, 0, 0, ...` streamed chunk by chunk, never ending before
/// `BODY` bytes; with `declared` the length is announced up front.
async fn serve(declared: bool) -> (Arc<Counts>, WebexClient, String) {
    let counts = Arc::new(Counts::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route(
            "/v1/big",
            axum::routing::get(move |State(counts): State<Arc<Counts>>| async move {
                counts.requests.fetch_add(1, Ordering::SeqCst);
                let chunks = futures::stream::iter(0..BODY / CHUNK).map(move |i| {
                    counts.produced.fetch_add(CHUNK, Ordering::SeqCst);
                    let mut chunk = "0, ".repeat(CHUNK / 3).into_bytes();
                    chunk.resize(CHUNK, b' ');
                    if i == 0 {
                        chunk[..10].copy_from_slice(b"{\"items\":[");
                    }
                    Ok::<_, std::io::Error>(chunk)
                });
                let mut response = ([(CONTENT_TYPE, "application/json")], Body::from_stream(chunks)).into_response();
                if declared {
                    response.headers_mut().insert(CONTENT_LENGTH, BODY.into());
                }
                response
            }),
        )
        .with_state(counts.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = WebexClient::new(&base, Arc::new(StaticToken("t".into()))).with_max_body(LIMIT);
    (counts, client, format!("{base}/big"))
}

async fn assert_refused_once(declared: bool) {
    let (counts, client, url) = serve(declared).await;
    let error = Pager::<u8>::new(client, url).collect_all().await.unwrap_err();
    assert!(matches!(error, WebexError::TooLarge { limit: LIMIT }), "{error:?}");
    assert_eq!(counts.requests.load(Ordering::SeqCst), 1, "an oversized answer is not fetched again");
    let produced = counts.produced.load(Ordering::SeqCst);
    // Socket buffers hold a few MiB on loopback; a body read whole is 64.
    assert!(produced < BODY / 4, "the body was read far past the limit: {produced} bytes");
    let shown = ApiError::from(error);
    assert!(shown.message.ends_with('.') && !shown.message.contains("byte"), "a sentence: {}", shown.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_streamed_body_over_the_limit_is_refused_once_with_memory_bounded() {
    assert_refused_once(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    assert_refused_once(true).await;
}
