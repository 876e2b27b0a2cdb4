//! The redirect target of the sign-in: an HTTP listener on 127.0.0.1 that
//! waits for `?code=...&state=...` with this sign-in's state.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use url::Url;

use hubdesk_api::{ApiError, ErrorCode};

pub struct LoopbackRedirect {
    listener: TcpListener,
    redirect_uri: String,
    path: String,
}

impl LoopbackRedirect {
    /// Binds the port of `redirect_uri` (`http://127.0.0.1:PORT/path` or
    /// `http://localhost:PORT/path`); port 0 picks a free one.
    pub async fn bind(redirect_uri: &str) -> Result<Self, ApiError> {
        let url = Url::parse(redirect_uri).map_err(|e| invalid(format!("the redirect URI is not a URL: {e}")))?;
        let host = url.host_str().unwrap_or_default().to_owned();
        if url.scheme() != "http" || !(host == "127.0.0.1" || host == "localhost") {
            return Err(invalid(
                "the redirect URI must be a loopback address such as http://127.0.0.1:8765/callback".into(),
            ));
        }
        let port = url.port().unwrap_or(80);
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| invalid(format!("cannot listen on 127.0.0.1:{port} for the sign-in redirect: {e}")))?;
        let bound = listener.local_addr().map_err(ApiError::internal)?.port();
        let mut actual = url.clone();
        actual.set_port(Some(bound)).ok();
        Ok(Self { listener, redirect_uri: actual.to_string(), path: url.path().to_owned() })
    }

    /// The exact URI to send as `redirect_uri` (with the bound port).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits until the browser brings back this sign-in's `state`, then
    /// returns its code; gives up after `timeout`. Each connection is read
    /// on its own, with a time limit, so a slow or silent client cannot hold
    /// up the real one. Requests for other paths get a 404, and callbacks
    /// whose state does not match (any local process or web page can send
    /// one: the port is known) get a neutral page and change nothing.
    pub async fn wait(self, state: String, timeout: Duration) -> Result<String, ApiError> {
        tokio::time::timeout(timeout, self.accept_callback(state)).await.map_err(|_| {
            ApiError::new(
                ErrorCode::SignInFailed,
                "The sign-in was not completed in time. Try again, and finish it in the browser within five minutes.",
            )
        })?
    }

    async fn accept_callback(self, state: String) -> Result<String, ApiError> {
        let expected = Arc::new(Expected { path: self.path, state });
        let (outcome_tx, mut outcome_rx) = mpsc::channel(1);
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        // Dropped on return: connections still being read are closed.
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                Some(outcome) = outcome_rx.recv() => return outcome,
                accepted = self.listener.accept() => {
                    let (stream, _) = accepted.map_err(ApiError::internal)?;
                    // Over the limit the connection is closed unread.
                    let Ok(slot) = slots.clone().try_acquire_owned() else { continue };
                    connections.spawn(serve(stream, expected.clone(), outcome_tx.clone(), slot));
                }
            }
        }
    }
}

/// Connections read at once; each holds a small buffer for at most
/// `READ_TIMEOUT`.
const MAX_CONNECTIONS: usize = 64;
/// Time for one connection to send its request line; browsers send it at once.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// What the real callback looks like.
struct Expected {
    path: String,
    state: String,
}

/// Reads one request, answers it, and reports the sign-in's outcome when
/// this was the real callback.
async fn serve(
    mut stream: TcpStream,
    expected: Arc<Expected>,
    outcome: mpsc::Sender<Result<String, ApiError>>,
    _slot: OwnedSemaphorePermit,
) {
    let Ok(Some(target)) = tokio::time::timeout(READ_TIMEOUT, read_request_target(&mut stream)).await else {
        return;
    };
    let (status, page, result) = judge(&expected, &target);
    let _ = tokio::time::timeout(READ_TIMEOUT, respond(&mut stream, status, page)).await;
    if let Some(result) = result {
        let _ = outcome.send(result).await;
    }
}

/// The answer to a request for `target`: its status, its page, and the
/// sign-in's outcome if it is the callback carrying this sign-in's state.
fn judge(expected: &Expected, target: &str) -> (&'static str, &'static str, Option<Result<String, ApiError>>) {
    let Ok(url) = Url::parse(&format!("http://127.0.0.1{target}")) else {
        return ("400 Bad Request", "This is not a page of hubdesk.", None);
    };
    if url.path() != expected.path {
        return ("404 Not Found", "Not found", None);
    }
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    if param("state").as_deref() != Some(expected.state.as_str()) {
        tracing::info!("ignored a sign-in callback that does not carry this sign-in's state");
        return ("400 Bad Request", "This page does not belong to a sign-in in progress. You can close it.", None);
    }
    if let Some(error) = param("error") {
        // The description is the sign-in page's own words: logged as they
        // came, never shown as hubdesk's sentence.
        let description = param("error_description").unwrap_or_default();
        tracing::warn!(%error, %description, "the sign-in page answered with an error");
        let refused = ApiError::new(
            ErrorCode::SignInFailed,
            "Webex did not complete the sign-in. Try again; check that your account is an administrator.",
        )
        .with_detail(format!("the sign-in page answered with the error {}", error_code(&error)));
        return ("200 OK", "The sign-in was not completed. You can close this window.", Some(Err(refused)));
    }
    match param("code") {
        Some(code) => ("200 OK", "hubdesk received the sign-in. You can close this window.", Some(Ok(code))),
        None => ("400 Bad Request", "The sign-in answer was incomplete.", None),
    }
}

/// An OAuth error code (`access_denied`) as it can be shown: RFC 6749 codes
/// are short and plain; anything else is not repeated.
fn error_code(error: &str) -> &str {
    let plain = !error.is_empty() && error.len() <= 40 && error.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if plain {
        error
    } else {
        "(not a standard code)"
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// The request target of the first line (`GET /callback?... HTTP/1.1`).
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    // Read until the end of the request line (the caller bounds the time).
    while !buf[..len].contains(&b'\n') && len < buf.len() {
        let n = stream.read(&mut buf[len..]).await.ok()?;
        if n == 0 {
            return None;
        }
        len += n;
    }
    let line = std::str::from_utf8(&buf[..len]).ok()?.lines().next()?.to_owned();
    let mut parts = line.split_whitespace();
    (parts.next()? == "GET").then_some(())?;
    parts.next().map(str::to_owned)
}

async fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>hubdesk</title>\
         <body style=\"font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center\">\
         <h1 style=\"font-size:1.3rem\">hubdesk</h1><p>{message}</p></body>"
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn receives_the_code_and_ignores_other_paths() {
        let redirect = LoopbackRedirect::bind("http://127.0.0.1:0/callback").await.unwrap();
        let uri = redirect.redirect_uri().to_owned();
        assert!(!uri.contains(":0/"), "{uri}");
        let waiter = tokio::spawn(redirect.wait("xyz".into(), Duration::from_secs(10)));
        let favicon = reqwest::get(uri.replace("/callback", "/favicon.ico")).await.unwrap();
        assert_eq!(favicon.status(), 404);
        let page = reqwest::get(format!("{uri}?code=abc&state=xyz")).await.unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(waiter.await.unwrap().unwrap(), "abc");
    }

    #[test]
    fn only_plain_error_codes_are_repeated() {
        assert_eq!(error_code("access_denied"), "access_denied");
        assert_eq!(error_code("<script>"), "(not a standard code)");
        assert_eq!(error_code(&"a".repeat(41)), "(not a standard code)");
    }

    #[tokio::test]
    async fn refuses_a_non_loopback_redirect() {
        let err = LoopbackRedirect::bind("https://example.com/callback").await.err().unwrap();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }
}
