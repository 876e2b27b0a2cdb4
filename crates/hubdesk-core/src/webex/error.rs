use hubdesk_api::{ApiError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum WebexError {
    /// Could not talk to the server: DNS, connection, TLS, timeout, dropped.
    #[error("cannot reach {host}: {detail}")]
    Network { host: String, detail: String, kind: NetworkKind },
    /// The server answered with an error status.
    #[error("Webex answered {status}: {message}")]
    Api { status: u16, message: String, tracking_id: Option<String>, error_codes: Vec<i64> },
    /// The status was fine but the body was cut off or is not what the API
    /// documents. A GET can simply be repeated.
    #[error("unexpected response from Webex: {0}")]
    Body(String),
    /// A successful status with a body that is not JSON at all (a web page):
    /// another kind of server answered, so it is not fetched again.
    #[error("the answer is not JSON: {0}")]
    NotJson(String),
    /// No usable token (not signed in, keyring failure, refresh refused).
    #[error("{0}")]
    Auth(ApiError),
    /// A link (a next page) pointed outside the API's origin: the request
    /// was not sent, so the token did not leave. The link is in the log.
    #[error("a link pointed outside the API's origin (scheme, host, port); the request was not sent")]
    ForeignOrigin,
    /// The answer's body passed the client's size limit; it was not read
    /// further and is not fetched again.
    #[error("the answer is larger than the {limit}-byte limit; it was not read")]
    TooLarge { limit: u64 },
}

/// Why the server could not be talked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    /// The connection was refused: nothing listens there.
    Refused,
    /// No connection could be made: no route, name not found, TLS failed.
    Unreachable,
    /// No complete answer within the request timeout.
    TimedOut { seconds: u64 },
    /// The connection broke, or what came back was not HTTP.
    Dropped,
}

impl WebexError {
    pub fn status(&self) -> Option<u16> {
        match self {
            WebexError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Nothing answers at all: the connection is refused or cannot be made.
    /// A dropped answer or a timeout is not this: the server was reached and
    /// may have acted, so the caller checks and tries again instead.
    pub fn is_offline(&self) -> bool {
        matches!(self, WebexError::Network { kind: NetworkKind::Refused | NetworkKind::Unreachable, .. })
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

/// What the admin reads for each kind of failure; what failed goes to the
/// detail.
impl From<WebexError> for ApiError {
    fn from(e: WebexError) -> Self {
        let detail = e.to_string();
        let error = match e {
            WebexError::Auth(inner) => return inner,
            WebexError::Network { kind: NetworkKind::TimedOut { .. }, .. } => ApiError::new(
                ErrorCode::Network,
                "Webex did not answer in time. Check your network connection, then try again.",
            ),
            WebexError::Network { .. } => ApiError::new(
                ErrorCode::Network,
                "Webex cannot be reached. Check your network connection, then try again.",
            ),
            WebexError::Body(_) | WebexError::NotJson(_) => ApiError::new(
                ErrorCode::WebexApi,
                "Webex sent an answer hubdesk could not read. Try again in a moment.",
            ),
            WebexError::ForeignOrigin => ApiError::new(
                ErrorCode::WebexApi,
                "An answer from Webex pointed to another server, so hubdesk did not follow it and your sign-in \
                 stayed private. If this keeps happening, check the proxy between you and Webex.",
            ),
            WebexError::TooLarge { .. } => ApiError::new(
                ErrorCode::WebexApi,
                "Webex sent an answer far larger than expected, so hubdesk did not read it. Try again later; if \
                 it keeps happening, send the details to Cisco support.",
            ),
            WebexError::Api { status, tracking_id, .. } => {
                let (code, message) = match status {
                    401 => (ErrorCode::Unauthorized, "Webex no longer accepts this sign-in. Sign in again."),
                    403 => (
                        ErrorCode::Forbidden,
                        "Your Webex account is not allowed to do this. A full administrator of the organization can.",
                    ),
                    404 => (ErrorCode::NotFound, "Webex no longer has this item. Sync the organization to refresh it."),
                    429 => (ErrorCode::RateLimited, "Webex is limiting requests right now. Try again in a minute."),
                    _ => (
                        ErrorCode::WebexApi,
                        "Webex could not do this. Try again; if it keeps failing, send the details to Cisco support.",
                    ),
                };
                ApiError::new(code, message).with_tracking_id(tracking_id)
            }
        };
        error.with_detail(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The admin reads a sentence; the URL, status and Webex's own words go
    /// to the detail (the log and "Details").
    #[test]
    fn messages_are_sentences_and_the_technical_part_is_detail() {
        let failures = [
            WebexError::Network {
                host: "webexapis.com".into(),
                detail: "error sending request for url (https://webexapis.com/v1/people?orgId=Y2lz)".into(),
                kind: NetworkKind::Dropped,
            },
            WebexError::ForeignOrigin,
            WebexError::TooLarge { limit: 67_108_864 },
            WebexError::Body("expected value at line 1 column 1".into()),
            WebexError::NotJson("https://webexapis.com/v1/people/me: text/html: <html>".into()),
            WebexError::Api {
                status: 403,
                message: "Missing scope spark-admin:people_read".into(),
                tracking_id: Some("ROUTER_1".into()),
                error_codes: vec![],
            },
            WebexError::Api { status: 502, message: "Bad gateway".into(), tracking_id: None, error_codes: vec![] },
        ];
        for failure in failures {
            let technical = failure.to_string();
            let error = ApiError::from(failure);
            assert!(error.message.ends_with('.'), "a sentence: {}", error.message);
            for raw in ["://", "webexapis", "Y2lz", "scope", "line 1", "502", "403", "67108864"] {
                assert!(!error.message.contains(raw), "{raw} in the message: {}", error.message);
            }
            assert_eq!(error.detail.as_deref(), Some(technical.as_str()));
        }
    }
}
