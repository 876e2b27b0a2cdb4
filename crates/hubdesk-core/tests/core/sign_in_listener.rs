//! The sign-in's loopback listener against real TCP clients: any local
//! process or web page can reach its port, so only the callback with this
//! sign-in's state counts, an error answer is shown as a fixed sentence,
//! and a slow client does not hold up the real callback.

use std::time::{Duration, Instant};

use hubdesk_api::ErrorCode;
use hubdesk_core::auth::LoopbackRedirect;
use tokio::io::AsyncWriteExt;

const STATE: &str = "the-real-state";

async fn listen() -> (String, tokio::task::JoinHandle<Result<String, hubdesk_api::ApiError>>) {
    let redirect = LoopbackRedirect::bind("http://127.0.0.1:0/callback").await.unwrap();
    let uri = redirect.redirect_uri().to_owned();
    (uri, tokio::spawn(redirect.wait(STATE.into(), Duration::from_secs(20))))
}

/// The page the listener answers with.
async fn visit(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("the listener answers");
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn forged_callbacks_are_ignored_and_the_real_one_signs_in() {
    let (uri, waiter) = listen().await;
    let (status, page) = visit(&format!("{uri}?code=attacker&state=guess")).await;
    assert_eq!(status, 400);
    assert!(!page.contains("signed in") && !page.contains("received the sign-in"), "a neutral page: {page}");
    visit(&format!("{uri}?error=access_denied&error_description=Your+account+is+locked&state=guess")).await;
    visit(&format!("{uri}?code=attacker")).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!waiter.is_finished(), "no forged callback ends the sign-in");

    let (status, page) = visit(&format!("{uri}?code=real&state={STATE}")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(waiter.await.unwrap().expect("signed in"), "real");
}

#[tokio::test]
async fn a_slow_client_does_not_hold_up_the_real_callback() {
    let (uri, waiter) = listen().await;
    let port = url::Url::parse(&uri).unwrap().port().unwrap();
    // Half a request line, then a byte now and then, never finishing.
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    slow.write_all(b"GET /callback?code=x&st").await.unwrap();
    let trickle = tokio::spawn(async move {
        for _ in 0..30 {
            tokio::time::sleep(Duration::from_millis(500)).await;
            if slow.write_all(b"a").await.is_err() {
                return;
            }
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;

    let started = Instant::now();
    visit(&format!("{uri}?code=real&state={STATE}")).await;
    let code = tokio::time::timeout(Duration::from_secs(3), waiter).await.expect("not held up").unwrap().unwrap();
    assert_eq!(code, "real");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    trickle.abort();
}

#[tokio::test]
async fn an_error_answer_is_shown_as_a_fixed_sentence() {
    let (uri, waiter) = listen().await;
    let description = "<script>alert(1)</script>Call 555-0100 to unlock your account";
    let url = reqwest::Url::parse_with_params(
        &uri,
        [("error", "access_denied"), ("error_description", description), ("state", STATE)],
    )
    .unwrap();
    let (_, page) = visit(url.as_str()).await;
    assert!(!page.contains("<script") && !page.contains("555-0100"), "the page does not repeat it: {page}");

    let error = waiter.await.unwrap().unwrap_err();
    assert_eq!(error.code, ErrorCode::SignInFailed);
    assert_eq!(
        error.message,
        "Webex did not complete the sign-in. Try again; check that your account is an administrator."
    );
    let detail = error.detail.unwrap_or_default();
    assert!(detail.contains("access_denied"), "the standard code is detail: {detail}");
    assert!(!detail.contains("script") && !detail.contains("555-0100"), "the description only in the log: {detail}");
}
