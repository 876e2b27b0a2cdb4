//! A last line of defence: a handler that panics answers 500 in the Webex
//! error shape (with its tracking id) instead of dropping the connection,
//! and the panic is logged. Bounds on every input are the real fix; this
//! only keeps a future bug from looking like a network failure.

use std::any::Any;
use std::panic::AssertUnwindSafe;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::FutureExt;

use super::ApiError;

pub async fn middleware(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    // The shared state tolerates poisoned locks, so carrying on after a
    // panic is safe for the other requests.
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            tracing::error!("simulator: {method} {path} panicked: {}", what(panic.as_ref()));
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on the server.").into_response()
        }
    }
}

fn what(panic: &(dyn Any + Send)) -> &str {
    match panic.downcast_ref::<&str>() {
        Some(text) => text,
        None => panic.downcast_ref::<String>().map_or("(no message)", String::as_str),
    }
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use axum::Router;

    use super::super::tracking;

    async fn boom() -> &'static str {
        panic!("a bug")
    }

    /// A panicking handler behind the layers the simulator uses answers 500
    /// with the Webex body, and the server keeps serving.
    #[tokio::test]
    async fn a_panic_answers_500_in_the_webex_shape() {
        let app = Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn(super::middleware))
            .layer(axum::middleware::from_fn(tracking::middleware));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let answer = reqwest::get(format!("{origin}/boom")).await.expect("an answer, not a dropped connection");
        assert_eq!(answer.status(), 500);
        let tracking = answer.headers()["trackingid"].to_str().unwrap().to_string();
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body["message"], "Something went wrong on the server.");
        assert_eq!(body["errors"][0]["description"], body["message"]);
        assert_eq!(body["trackingId"], tracking.as_str());
        assert_eq!(reqwest::get(format!("{origin}/fine")).await.unwrap().text().await.unwrap(), "ok");
    }
}
