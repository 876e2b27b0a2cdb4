//! The redirect target of the sign-in: a one-shot HTTP listener on
//! 127.0.0.1 that receives `?code=...&state=...` from the browser.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

use hubdesk_api::{ApiError, ErrorCode};

pub struct LoopbackRedirect {
    listener: TcpListener,
    redirect_uri: String,
    path: String,
}

/// What the browser brought back.
#[derive(Debug, PartialEq, Eq)]
pub struct Callback {
    pub code: String,
    pub state: String,
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

    /// Waits for the browser's redirect, answering other requests (such as
    /// `/favicon.ico`) with 404, until `timeout`.
    pub async fn wait(self, timeout: Duration) -> Result<Callback, ApiError> {
        tokio::time::timeout(timeout, self.accept_callback()).await.map_err(|_| {
            ApiError::new(
                ErrorCode::SignInFailed,
                "The sign-in was not completed in time. Try again, and finish it in the browser within five minutes.",
            )
        })?
    }

    async fn accept_callback(self) -> Result<Callback, ApiError> {
        loop {
            let (mut stream, _) = self.listener.accept().await.map_err(ApiError::internal)?;
            let Some(target) = read_request_target(&mut stream).await else { continue };
            let Ok(url) = Url::parse(&format!("http://127.0.0.1{target}")) else { continue };
            if url.path() != self.path {
                respond(&mut stream, "404 Not Found", "Not found").await;
                continue;
            }
            let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
            if let Some(error) = param("error") {
                respond(&mut stream, "200 OK", "Sign-in was refused. You can close this window.").await;
                let detail = param("error_description").unwrap_or(error);
                return Err(ApiError::new(
                    ErrorCode::SignInFailed,
                    "Webex did not complete the sign-in. Try again; check that your account is an administrator.",
                )
                .with_detail(format!("the sign-in page answered: {detail}")));
            }
            let (Some(code), Some(state)) = (param("code"), param("state")) else {
                respond(&mut stream, "400 Bad Request", "The sign-in answer was incomplete.").await;
                continue;
            };
            respond(&mut stream, "200 OK", "You are signed in to hubdesk. You can close this window.").await;
            return Ok(Callback { code, state });
        }
    }
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// The request target of the first line (`GET /callback?... HTTP/1.1`).
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    // Read until the end of the request line; browsers send it at once.
    while !buf[..len].contains(&b'\n') && len < buf.len() {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf[len..])).await.ok()?.ok()?;
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
        let waiter = tokio::spawn(redirect.wait(Duration::from_secs(10)));
        let favicon = reqwest::get(uri.replace("/callback", "/favicon.ico")).await.unwrap();
        assert_eq!(favicon.status(), 404);
        let page = reqwest::get(format!("{uri}?code=abc&state=xyz")).await.unwrap();
        assert_eq!(page.status(), 200);
        let callback = waiter.await.unwrap().unwrap();
        assert_eq!(callback, Callback { code: "abc".into(), state: "xyz".into() });
    }

    #[tokio::test]
    async fn an_error_redirect_fails_the_sign_in() {
        let redirect = LoopbackRedirect::bind("http://127.0.0.1:0/cb").await.unwrap();
        let uri = redirect.redirect_uri().to_owned();
        let waiter = tokio::spawn(redirect.wait(Duration::from_secs(10)));
        reqwest::get(format!("{uri}?error=access_denied&error_description=no+way")).await.unwrap();
        let err = waiter.await.unwrap().unwrap_err();
        assert_eq!(err.code, ErrorCode::SignInFailed);
        assert!(!err.message.contains("no way"), "the page's words are not shown as a sentence: {}", err.message);
        assert!(err.detail.as_deref().is_some_and(|d| d.contains("no way")), "they are kept as detail: {err:?}");
    }

    #[tokio::test]
    async fn refuses_a_non_loopback_redirect() {
        let err = LoopbackRedirect::bind("https://example.com/callback").await.err().unwrap();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }
}
