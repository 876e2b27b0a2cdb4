//! The id in a URL path (`/v1/people/{personId}`), read so that a segment
//! that is not percent-encoded UTF-8 (`%FF`) gets the Webex error body
//! instead of axum's plain-text rejection.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::ApiError;

pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| PathId(id))
            .map_err(|_| ApiError::bad_request("The id in the request URL is not valid."))
    }
}
