//! Errors as the UI sees them: a stable code to branch on and a human message.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable error codes. The UI branches on these, so renaming one is a
/// breaking change the generated bindings make visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No session: the user must sign in.
    NotSignedIn,
    /// The OS keyring (Secret Service) is missing or locked.
    KeyringUnavailable,
    /// The sign-in flow failed or was refused.
    SignInFailed,
    /// The app is missing settings it needs (client id, ...).
    NotConfigured,
    /// Webex (or the simulator) could not be reached.
    Network,
    /// Webex rejected the token even after a refresh.
    Unauthorized,
    /// The token lacks a scope or role for this action.
    Forbidden,
    /// Webex throttled us for longer than we were willing to wait.
    RateLimited,
    /// Webex answered with an error not covered above.
    WebexApi,
    /// The thing asked for does not exist (in Webex or in the cache).
    NotFound,
    /// The user's input is malformed; the message says which field.
    InvalidInput,
    /// A long task was cancelled by the user.
    Cancelled,
    /// Another task of the same kind is already running.
    Busy,
    /// The local database failed.
    Database,
    /// The database was written by a newer hubdesk.
    DatabaseTooNew,
    /// A license template breaks a rule (T1, T17...); the message says which.
    InvalidTemplate,
    /// A destructive change (C8: removing Calling) needs the typed
    /// confirmation the preview asked for.
    ConfirmationRequired,
    /// A write was refused because Webex cannot be reached: never queued.
    Offline,
    /// The preview is gone (the app restarted, or the cache changed since):
    /// preview again.
    PreviewExpired,
    /// A bug: something that should not happen did.
    Internal,
}

/// An error as the admin sees it: a sentence that says what happened and
/// what to do next, and, apart, the technical detail (what failed, the
/// status, URLs and ids) for the log and the "Details" disclosure, which is
/// what a helpdesk pastes into a ticket. The message never holds the detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    /// A sentence for a person, in English, with what to do next; the UI
    /// may replace it with a translated message keyed by `code`.
    pub message: String,
    /// What failed, technically: for the log and behind "Details".
    pub detail: Option<String>,
    /// Webex's tracking id, when the error came from a Webex call.
    pub tracking_id: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), detail: None, tracking_id: None }
    }

    /// Adds the technical detail (kept out of the message).
    pub fn with_detail(mut self, detail: impl std::fmt::Display) -> Self {
        self.detail = Some(detail.to_string());
        self
    }

    pub fn with_tracking_id(mut self, tracking_id: Option<String>) -> Self {
        self.tracking_id = tracking_id;
        self
    }

    /// A bug: something that should not happen did. `detail` says what.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::Internal,
            "Something unexpected went wrong in hubdesk. Try again; if it happens again, copy the details into a report.",
        )
        .with_detail(detail)
    }

    /// The message and, when there is one, the detail: for logs and the
    /// command line.
    pub fn full_text(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{} ({detail})", self.message),
            None => self.message.clone(),
        }
    }
}
