//! What a slow or greedy client can hold: a request's headers must arrive
//! within the read timeout (else the connection is closed), its body too
//! (else 408), and a body is at most 1 MiB (else 413 in the Webex shape,
//! after reading what was sent so the client sees the answer).

use std::time::{Duration, Instant};

use crate::support::{client, reply, start, start_with, token};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use webex_sim::{SimConfig, SimServer};

const READ_TIMEOUT: Duration = Duration::from_millis(600);

async fn quick_server() -> SimServer {
    start_with(SimConfig { people: 50, customers: 1, read_timeout: READ_TIMEOUT, ..SimConfig::default() }).await
}

async fn connect(server: &SimServer) -> TcpStream {
    TcpStream::connect(server.origin().trim_start_matches("http://")).await.unwrap()
}

/// Everything the server sends until it closes the connection, and when it
/// closed; panics if it is still open after `limit`.
async fn until_closed(tcp: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let left = limit.checked_sub(started.elapsed()).unwrap_or_default();
        match tokio::time::timeout(left, tcp.read(&mut buffer)).await {
            Err(_) => panic!("the connection is still open after {limit:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&received).into_owned(), started.elapsed()),
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn a_half_sent_request_line_is_closed_within_the_read_timeout() {
    let server = quick_server().await;
    let mut half = connect(&server).await;
    half.write_all(b"GET /v1/people?max=1 HT").await.unwrap();
    let (_, after) = until_closed(&mut half, READ_TIMEOUT * 5).await;
    assert!(after >= READ_TIMEOUT / 2, "closed only once the timeout passed, not at once: {after:?}");
    let mut headers_only = connect(&server).await;
    headers_only.write_all(b"GET /v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.unwrap();
    until_closed(&mut headers_only, READ_TIMEOUT * 5).await;
    let mut silent = connect(&server).await;
    until_closed(&mut silent, READ_TIMEOUT * 5).await;
    let clock = reply(client().get(format!("{}/_sim/clock", server.origin())).send().await.unwrap()).await;
    assert_eq!(clock.status, StatusCode::OK, "other clients are served meanwhile");
}

#[tokio::test]
async fn the_read_timeout_defaults_to_ten_seconds() {
    assert_eq!(SimConfig::default().read_timeout, Duration::from_secs(10));
}

#[tokio::test]
async fn a_body_that_stalls_gets_408() {
    let server = quick_server().await;
    let mut tcp = connect(&server).await;
    let head =
        "POST /v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(br#"{"advanceSec"#).await.unwrap();
    let (answer, after) = until_closed(&mut tcp, READ_TIMEOUT * 5).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"trackingId\""), "the Webex error shape: {answer}");
    assert!(after >= READ_TIMEOUT / 2, "{after:?}");
}

fn json_of_size(bytes: usize) -> String {
    let padding = bytes - r#"{"role":""}"#.len();
    format!(r#"{{"role":"{}"}}"#, "x".repeat(padding))
}

async fn post_json(url: &str, token: Option<&str>, body: String) -> crate::support::Reply {
    let mut request = client().post(url).header("content-type", "application/json").body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    reply(request.send().await.expect("an answer, not a reset connection")).await
}

#[tokio::test]
async fn an_oversized_body_gets_413_in_the_webex_shape() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let tokens = format!("{}/_sim/tokens", server.origin());
    let people = format!("{}/people", server.base_url());
    for size in [1024 * 1024 + 1, 3 * 1024 * 1024] {
        post_json(&tokens, None, json_of_size(size)).await.assert_webex_error(StatusCode::PAYLOAD_TOO_LARGE);
        post_json(&people, Some(&admin), json_of_size(size)).await.assert_webex_error(StatusCode::PAYLOAD_TOO_LARGE);
    }
    // Just under the limit the body is read and judged on its content.
    post_json(&tokens, None, json_of_size(1024 * 1024)).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let patch: Value = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "x": "y".repeat(2 << 20)});
    let sent = client().patch(format!("{}/groups/any", server.base_url())).bearer_auth(&admin).json(&patch);
    reply(sent.send().await.unwrap()).await.assert_webex_error(StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_body_declared_far_too_large_is_refused_before_it_is_sent() {
    let server = quick_server().await;
    let mut tcp = connect(&server).await;
    let head = concat!(
        "POST /v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(READ_TIMEOUT * 5, tcp.read(&mut answer)).await.expect("an answer").unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"trackingId\""), "the Webex error shape: {answer}");
    assert!(started.elapsed() < READ_TIMEOUT, "at once, not after waiting for the body");
}
