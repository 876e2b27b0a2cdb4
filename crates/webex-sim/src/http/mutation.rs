//! A mutating request, as the change log records it: its method and path,
//! and (from the tracking middleware) its tracking id.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::{tracking, ApiError};
use crate::changelog::Change;
use crate::clock::iso_ms;
use crate::state::SimState;

pub struct Mutation {
    method: String,
    path: String,
}

impl Mutation {
    /// Records an applied change. Call it while still holding the tenant's
    /// write lock, so the log's order is the order of application.
    pub fn record(&self, state: &SimState, org_id: &str, target: &str, summary: impl Into<String>) {
        state.changes.push(Change {
            seq: 0,
            method: self.method.clone(),
            path: self.path.clone(),
            org_id: org_id.to_string(),
            target: target.to_string(),
            summary: summary.into(),
            tracking_id: tracking::current(),
            at: iso_ms(state.now_ms()),
        });
        if let Some(persistence) = &state.persistence {
            persistence.mark();
        }
    }
}

impl<S: Sync> FromRequestParts<S> for Mutation {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Mutation { method: parts.method.to_string(), path: parts.uri.path().to_string() })
    }
}
