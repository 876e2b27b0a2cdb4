//! What the command line says when the token check fails, with the real
//! binary: nothing listening, a server that is not Webex, a server that
//! never answers, and a token Webex refuses each get their own words and
//! exit code (3 token, 4 network), and a silent wait is never silent.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use webex_sim::{self as sim, SimConfig};

use crate::support::BIN;

/// `hubdesk sync --all` against `api`, with a token and extra arguments.
fn sync(api: &str, token: &str, extra: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args(["sync", "--api", api, "--all", "--db"])
        .arg(dir.path().join("cache.sqlite"))
        .args(extra)
        .env("HUBDESK_TOKEN", token)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stderr)
}

/// A loopback server that reads each request and answers it with `answer`,
/// or never answers when `answer` is `None`.
async fn serve(answer: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                match answer {
                    Some(answer) => drop(stream.write_all(answer.as_bytes()).await),
                    None => tokio::time::sleep(Duration::from_secs(120)).await,
                }
            });
        }
    });
    api
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_listening_is_a_refused_connection_not_a_refused_token() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let api = format!("http://{}/v1", listener.local_addr().unwrap());
    drop(listener);
    let (output, stderr) = sync(&api, "any", &[]);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains(&format!("cannot reach {api}")) && stderr.contains("refused"), "{stderr}");
    assert!(!stderr.contains("token was not accepted"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_is_not_webex_is_named_as_such() {
    let page = "<!doctype html><title>Welcome to nginx!</title>";
    let answer = Box::leak(
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}", page.len())
            .into_boxed_str(),
    );
    let api = serve(Some(answer)).await;
    let started = Instant::now();
    let (output, stderr) = sync(&api, "any", &[]);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{api} is not a Webex API")), "{stderr}");
    assert!(stderr.contains("Welcome to nginx"), "the detail says what it answered: {stderr}");
    assert!(!stderr.contains("token was not accepted"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(5), "not fetched again and again: {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_never_answers_times_out_and_the_wait_is_shown() {
    let api = serve(None).await;
    let started = Instant::now();
    let (output, stderr) = sync(&api, "any", &["--timeout", "6"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains(&format!("cannot reach {api}")) && stderr.contains("within 6 s"), "{stderr}");
    assert!(stderr.contains("still waiting for"), "the wait is shown every few seconds: {stderr}");
    assert!(took < Duration::from_secs(15), "one timeout, not eight: {took:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_token_is_said_so_with_exit_3() {
    let server = sim::start(SimConfig { people: 20, customers: 0, ..SimConfig::default() }).await.unwrap();
    let (output, stderr) = sync(&server.base_url(), "not-a-token", &[]);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("the token was not accepted"), "{stderr}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_timeout_out_of_bounds_is_a_usage_error() {
    let (output, stderr) = sync("http://127.0.0.1:9/v1", "any", &["--timeout", "100000"]);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
}
