//! Session commands: sign in (demo or Webex), out, and what is signed in.

use hubdesk_api::{ApiError, SessionInfo};

use crate::auth::Opener;
use crate::commands::Caller;

pub async fn get_session(caller: &Caller) -> Result<SessionInfo, ApiError> {
    Ok(caller.core.session_info().await)
}

pub async fn sign_in_demo(caller: &Caller) -> Result<SessionInfo, ApiError> {
    caller.core.sign_in_demo().await
}

/// The Webex sign-in page opens in the caller's browser.
pub async fn sign_in_webex(caller: &Caller) -> Result<SessionInfo, ApiError> {
    let host = caller.host.clone();
    let open: Opener = Box::new(move |url| host.open_in_browser(url));
    caller.core.sign_in_webex(open).await
}

pub async fn sign_out(caller: &Caller) -> Result<SessionInfo, ApiError> {
    caller.core.sign_out().await
}
