//! The request timeout: a server that has never answered is not retried
//! after a timeout (the command line would otherwise sit silent for eight
//! timeouts), while one that has answered before gets its usual retries.
//! A real TCP server on loopback that holds chosen requests unanswered.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hubdesk_core::webex::{NetworkKind, StaticToken, WebexClient, WebexError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TIMEOUT: Duration = Duration::from_millis(300);

/// Answers `{"id": ...}` to every request except those whose number (from
/// 1) `hangs` says, which it reads and then leaves unanswered.
async fn serve(hangs: fn(usize) -> bool) -> (Arc<AtomicUsize>, WebexClient) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                if hangs(n) {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return;
                }
                let body = r#"{"id":"P1","emails":["a@example.com"],"displayName":"A","orgId":"O1"}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    let client = WebexClient::new(&base, Arc::new(StaticToken("t".into()))).with_request_timeout(TIMEOUT);
    (requests, client)
}

#[tokio::test]
async fn a_server_that_never_answered_times_out_once_without_retries() {
    let (requests, client) = serve(|_| true).await;
    let started = Instant::now();
    let error = client.me().await.unwrap_err();
    assert!(
        matches!(error, WebexError::Network { kind: NetworkKind::TimedOut { .. }, .. }),
        "a timeout, said as one: {error:?}"
    );
    assert!(started.elapsed() < TIMEOUT * 4, "one timeout, not eight: {:?}", started.elapsed());
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn once_the_server_has_answered_a_timeout_is_retried() {
    let (requests, client) = serve(|n| n == 2).await;
    client.me().await.expect("the first answer");
    client.me().await.expect("the second request times out, its retry is answered");
    assert_eq!(requests.load(Ordering::SeqCst), 3);
}
