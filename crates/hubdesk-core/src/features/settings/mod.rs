//! Settings: integration details in SQLite, the client secret in the keyring.

use crate::auth::TokenKind;
use crate::store::SettingKey;
use crate::Core;
use hubdesk_api::{
    ApiError, AppInfo, AppearanceInput, ErrorCode, FieldProblem, IntegrationField, IntegrationInput, Settings, Theme,
};

pub mod commands;

/// The redirect URI suggested for a new Webex integration (RFC 8252 loopback).
pub const DEFAULT_REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

/// The languages of the message catalogue (English now; French, Danish and
/// Swedish, the languages of the source articles, come later).
pub const LANGUAGES: &[&str] = &["en"];

/// Webex shows an integration's client ID and secret as long strings of
/// letters and digits (a simulator's may carry dashes); a short one was
/// cut when copied.
const MIN_CREDENTIAL_LENGTH: usize = 8;
const MAX_CREDENTIAL_LENGTH: usize = 256;

/// Every problem of the integration's fields, in words for next to them.
/// A missing secret is not one: signing in asks for it.
pub fn integration_problems(input: &IntegrationInput) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut problem = |field, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if let Some(message) = client_id_problem(input.client_id.trim()) {
        problem(IntegrationField::ClientId, message);
    }
    if let Some(message) =
        input.client_secret.as_deref().map(str::trim).filter(|s| !s.is_empty()).and_then(secret_problem)
    {
        problem(IntegrationField::ClientSecret, message);
    }
    if let Some(message) = redirect_problem(input.redirect_uri.trim()) {
        problem(IntegrationField::RedirectUri, message);
    }
    problems
}

fn client_id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("Enter the client ID shown on your integration's page on developer.webex.com.")
    } else if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Some("A client ID has only letters and digits, without spaces. Copy it again from developer.webex.com.")
    } else if !(MIN_CREDENTIAL_LENGTH..=MAX_CREDENTIAL_LENGTH).contains(&id.len()) {
        Some("This is not a whole client ID. Copy it again from developer.webex.com.")
    } else {
        None
    }
}

fn secret_problem(secret: &str) -> Option<&'static str> {
    if secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("A client secret has no spaces. Copy it again from developer.webex.com.")
    } else if !(MIN_CREDENTIAL_LENGTH..=MAX_CREDENTIAL_LENGTH).contains(&secret.len()) {
        Some("This is not a whole client secret. Copy it again from developer.webex.com.")
    } else {
        None
    }
}

/// RFC 8252: the sign-in comes back to hubdesk on a loopback address, on a
/// port the integration names.
fn redirect_problem(uri: &str) -> Option<&'static str> {
    let Ok(url) = url::Url::parse(uri) else {
        return Some("This is not a web address. Use one such as http://127.0.0.1:8765/callback.");
    };
    let loopback = matches!(url.host_str(), Some("127.0.0.1") | Some("localhost"));
    if url.scheme() != "http" || !loopback || url.port().is_none() {
        return Some("Use a loopback address with a port, such as http://127.0.0.1:8765/callback, and the same in your integration.");
    }
    None
}

impl Core {
    pub fn settings(&self) -> Result<Settings, ApiError> {
        let get = |key| self.store.setting(key);
        Ok(Settings {
            client_id: get(SettingKey::ClientId)?.unwrap_or_default(),
            has_client_secret: self.vault.get(TokenKind::ClientSecret).map(|s| s.is_some()).unwrap_or(false),
            redirect_uri: get(SettingKey::RedirectUri)?.unwrap_or_else(|| DEFAULT_REDIRECT_URI.to_owned()),
            theme: match get(SettingKey::Theme)?.as_deref() {
                Some("light") => Theme::Light,
                Some("dark") => Theme::Dark,
                _ => Theme::System,
            },
            language: get(SettingKey::Language)?.unwrap_or_else(|| "en".to_owned()),
            scopes: crate::auth::WEBEX_SCOPES.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// Saves the integration when every field is right (see
    /// `integration_problems`).
    pub fn save_integration(&self, input: &IntegrationInput) -> Result<Settings, ApiError> {
        let problems = integration_problems(input);
        if !problems.is_empty() {
            let fields: Vec<String> = problems.iter().map(|p| format!("{:?}: {}", p.field, p.message)).collect();
            return Err(ApiError::new(ErrorCode::InvalidInput, "Correct the fields marked, then save again.")
                .with_detail(fields.join("; ")));
        }
        match input.client_secret.as_deref().map(str::trim) {
            None => {}
            Some("") => self.vault.delete(TokenKind::ClientSecret)?,
            Some(secret) => self.vault.set(TokenKind::ClientSecret, secret)?,
        }
        self.store.set_setting(SettingKey::ClientId, input.client_id.trim())?;
        self.store.set_setting(SettingKey::RedirectUri, input.redirect_uri.trim())?;
        self.settings()
    }

    pub fn save_appearance(&self, input: &AppearanceInput) -> Result<Settings, ApiError> {
        if !LANGUAGES.contains(&input.language.as_str()) {
            return Err(ApiError::new(ErrorCode::InvalidInput, "This language is not available yet.")
                .with_detail(format!("language {:?}", input.language)));
        }
        let theme = match input.theme {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        self.store.set_setting(SettingKey::Theme, theme)?;
        self.store.set_setting(SettingKey::Language, &input.language)?;
        self.settings()
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir().display().to_string(),
            log_dir: self.log_dir().display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(client_id: &str, secret: Option<&str>, redirect_uri: &str) -> IntegrationInput {
        IntegrationInput {
            client_id: client_id.into(),
            client_secret: secret.map(str::to_owned),
            redirect_uri: redirect_uri.into(),
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<IntegrationField> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_webex_shaped_integration_has_no_problem() {
        let id = format!("C{}", "a1".repeat(32));
        let ok = input(&id, Some(&"f0".repeat(32)), "http://127.0.0.1:8765/callback");
        assert!(integration_problems(&ok).is_empty());
        let kept_secret = input(&id, None, "http://localhost:9000/cb");
        assert!(integration_problems(&kept_secret).is_empty(), "no secret typed: the stored one is kept");
    }

    #[test]
    fn each_bad_field_is_named_with_a_sentence() {
        use IntegrationField::*;
        let empty = integration_problems(&input("", None, "http://127.0.0.1:8765/callback"));
        assert_eq!(fields(&empty), [ClientId]);
        let spaces = integration_problems(&input("my id with spaces!", Some("a b"), "https://example.com/cb"));
        assert_eq!(fields(&spaces), [ClientId, ClientSecret, RedirectUri]);
        assert!(spaces.iter().all(|p| p.message.ends_with('.') && !p.message.contains("Err")));
        let no_port = integration_problems(&input("Cabcdef0123456789", None, "http://127.0.0.1/callback"));
        assert_eq!(fields(&no_port), [RedirectUri]);
        let cut = integration_problems(&input("C12", Some("short"), "not a url"));
        assert_eq!(fields(&cut), [ClientId, ClientSecret, RedirectUri]);
    }
}
