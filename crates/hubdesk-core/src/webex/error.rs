use hubdesk_api::{ApiError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum WebexError {
    /// Could not talk to the server: DNS, connection, TLS, timeout, dropped.
    #[error("cannot reach {host}: {detail}")]
    Network { host: String, detail: String },
    /// The server answered with an error status.
    #[error("Webex answered {status}: {message}")]
    Api { status: u16, message: String, tracking_id: Option<String>, error_codes: Vec<i64> },
    /// The status was fine but the body was cut off or is not what the API
    /// documents. A GET can simply be repeated.
    #[error("unexpected response from Webex: {0}")]
    Body(String),
    /// No usable token (not signed in, keyring failure, refresh refused).
    #[error("{0}")]
    Auth(ApiError),
}

impl WebexError {
    pub fn status(&self) -> Option<u16> {
        match self {
            WebexError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Worth another try later: the network or the server had a moment.
    pub fn is_transient(&self) -> bool {
        match self {
            WebexError::Network { .. } => true,
            WebexError::Api { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504 | 423),
            _ => false,
        }
    }
}

impl From<WebexError> for ApiError {
    fn from(e: WebexError) -> Self {
        match e {
            WebexError::Auth(inner) => inner,
            WebexError::Network { .. } => ApiError::new(ErrorCode::Network, e.to_string()),
            WebexError::Body(_) => ApiError::new(ErrorCode::WebexApi, e.to_string()),
            WebexError::Api { status, ref tracking_id, .. } => {
                let code = match status {
                    401 => ErrorCode::Unauthorized,
                    403 => ErrorCode::Forbidden,
                    404 => ErrorCode::NotFound,
                    429 => ErrorCode::RateLimited,
                    _ => ErrorCode::WebexApi,
                };
                let tracking_id = tracking_id.clone();
                ApiError::new(code, e.to_string()).with_tracking_id(tracking_id)
            }
        }
    }
}
