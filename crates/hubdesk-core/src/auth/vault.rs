//! Secrets in the OS keyring (Secret Service on Linux), one entry per token.
//! There is deliberately no fallback: without a keyring, signing in fails
//! with a message that says how to fix it.

use keyring::Entry;

use hubdesk_api::{ApiError, ErrorCode, KeyringStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
    /// The Webex integration's client secret, entered in Settings.
    ClientSecret,
}

impl TokenKind {
    fn account(self) -> &'static str {
        match self {
            TokenKind::Access => "access_token",
            TokenKind::Refresh => "refresh_token",
            TokenKind::ClientSecret => "client_secret",
        }
    }
}

/// The keyring under one service name (`hubdesk`, or a per-test name).
#[derive(Debug, Clone)]
pub struct Vault {
    service: String,
}

impl Vault {
    pub fn new(service: impl Into<String>) -> Self {
        Self { service: service.into() }
    }

    /// The service name from `HUBDESK_KEYRING_SERVICE`, else `hubdesk`.
    pub fn from_env() -> Self {
        Self::new(std::env::var("HUBDESK_KEYRING_SERVICE").unwrap_or_else(|_| "hubdesk".to_owned()))
    }

    /// Whether a keyring answers at all.
    pub fn status(&self) -> KeyringStatus {
        match self.entry("probe").and_then(|e| e.get_password().map(|_| ()).or_else(not_found_is_ok)) {
            Ok(()) => KeyringStatus::Available,
            Err(e) => KeyringStatus::Unavailable { detail: e.to_string() },
        }
    }

    pub fn get(&self, kind: TokenKind) -> Result<Option<String>, ApiError> {
        match self.entry(kind.account()).and_then(|e| e.get_password()) {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    pub fn set(&self, kind: TokenKind, secret: &str) -> Result<(), ApiError> {
        self.entry(kind.account()).and_then(|e| e.set_password(secret)).map_err(unavailable)
    }

    pub fn delete(&self, kind: TokenKind) -> Result<(), ApiError> {
        match self.entry(kind.account()).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn entry(&self, account: &str) -> keyring::Result<Entry> {
        Entry::new(&self.service, account)
    }
}

fn not_found_is_ok(e: keyring::Error) -> keyring::Result<()> {
    match e {
        keyring::Error::NoEntry => Ok(()),
        other => Err(other),
    }
}

fn unavailable(e: keyring::Error) -> ApiError {
    ApiError::new(
        ErrorCode::KeyringUnavailable,
        "The system keyring is not available, and hubdesk keeps your sign-in only there. Start or unlock GNOME Keyring (or another Secret Service), then try again.",
    )
    .with_detail(e)
}

#[cfg(test)]
mod tests {
    //! These run against the real OS keyring: scripts/test.sh provides a
    //! Secret Service (gnome-keyring in a private D-Bus session).
    use super::*;

    fn test_vault() -> Vault {
        Vault::new(format!("hubdesk-test-{}", uuid::Uuid::new_v4()))
    }

    #[test]
    fn secrets_round_trip_through_the_real_keyring() {
        let vault = test_vault();
        assert_eq!(vault.status(), KeyringStatus::Available, "no Secret Service: run the tests with scripts/test.sh");
        assert_eq!(vault.get(TokenKind::Access).unwrap(), None);
        vault.set(TokenKind::Access, "first").unwrap();
        vault.set(TokenKind::Access, "second").unwrap();
        // A fresh handle reads it back: the secret is stored, not cached here.
        assert_eq!(Vault::new(vault.service.clone()).get(TokenKind::Access).unwrap().as_deref(), Some("second"));
        assert_eq!(vault.get(TokenKind::Refresh).unwrap(), None, "one entry per token");
        vault.delete(TokenKind::Access).unwrap();
        vault.delete(TokenKind::Access).unwrap();
        assert_eq!(vault.get(TokenKind::Access).unwrap(), None);
    }

    #[test]
    fn the_secret_service_itself_holds_the_entry() {
        let vault = test_vault();
        vault.set(TokenKind::ClientSecret, "s3cret").unwrap();
        let out = std::process::Command::new("secret-tool")
            .args(["lookup", "service", &vault.service, "username", "client_secret"])
            .output()
            .expect("secret-tool (libsecret-tools) is installed by scripts/test.sh");
        vault.delete(TokenKind::ClientSecret).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "s3cret");
    }
}

#[cfg(test)]
mod no_keyring {
    use super::*;

    const CHILD: &str = "HUBDESK_VAULT_TEST_CHILD";

    /// Re-runs this test in a child process whose D-Bus address leads
    /// nowhere: there, signing in must fail loudly, never write elsewhere.
    #[test]
    fn without_a_secret_service_secrets_are_refused_with_a_fix() {
        if std::env::var_os(CHILD).is_some() {
            let vault = Vault::new(format!("hubdesk-test-{}", uuid::Uuid::new_v4()));
            assert!(matches!(vault.status(), KeyringStatus::Unavailable { .. }), "{:?}", vault.status());
            let err = vault.set(TokenKind::Access, "t").unwrap_err();
            assert_eq!(err.code, ErrorCode::KeyringUnavailable);
            assert!(err.message.contains("GNOME Keyring"), "says how to fix it: {}", err.message);
            return;
        }
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "auth::vault::no_keyring::without_a_secret_service_secrets_are_refused_with_a_fix"])
            .env(CHILD, "1")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/hubdesk-no-bus")
            .status()
            .unwrap();
        assert!(status.success(), "the child's assertions failed");
    }
}
