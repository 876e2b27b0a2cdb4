//! The `TrackingID` header on every response (webex-api.md §2.6). A client
//! that sends its own `TrackingID` gets it back; otherwise one is made up.
//! Error bodies repeat it as `trackingId`, read from the request's task.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

pub static HEADER: HeaderName = HeaderName::from_static("trackingid");

tokio::task_local! {
    static CURRENT: String;
}

/// The tracking id of the request being served.
pub fn current() -> String {
    CURRENT.try_with(String::clone).unwrap_or_else(|_| fresh())
}

fn fresh() -> String {
    format!("ROUTER_{}", Uuid::new_v4())
}

/// A client's id is echoed only if it is short printable ASCII.
fn from_client(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let sane = !text.is_empty() && text.len() <= 128 && text.bytes().all(|b| b.is_ascii_graphic());
    sane.then(|| text.to_string())
}

pub async fn middleware(request: Request, next: Next) -> Response {
    let id = request.headers().get(&HEADER).and_then(from_client).unwrap_or_else(fresh);
    let mut response = CURRENT.scope(id.clone(), next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER.clone(), value);
    }
    response
}
