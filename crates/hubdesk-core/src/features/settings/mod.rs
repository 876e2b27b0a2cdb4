//! Settings: integration details in SQLite, the client secret in the keyring.

use crate::auth::TokenKind;
use crate::store::SettingKey;
use crate::Core;
use hubdesk_api::{ApiError, ErrorCode, Settings, SettingsInput, Theme};

pub mod commands;

/// The redirect URI suggested for a new Webex integration (RFC 8252 loopback).
pub const DEFAULT_REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

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

    pub fn save_settings(&self, input: &SettingsInput) -> Result<Settings, ApiError> {
        let redirect = input.redirect_uri.trim();
        let url = url::Url::parse(redirect).map_err(|_| {
            ApiError::new(
                ErrorCode::InvalidInput,
                "The redirect URI is not a valid address. Use http://127.0.0.1:PORT/callback.",
            )
        })?;
        let loopback = matches!(url.host_str(), Some("127.0.0.1") | Some("localhost"));
        if url.scheme() != "http" || !loopback || url.port().is_none() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "The redirect URI must be a loopback address with a port, such as http://127.0.0.1:8765/callback.",
            ));
        }
        match input.client_secret.as_deref() {
            None => {}
            Some("") => self.vault.delete(TokenKind::ClientSecret)?,
            Some(secret) => self.vault.set(TokenKind::ClientSecret, secret.trim())?,
        }
        self.store.set_setting(SettingKey::ClientId, input.client_id.trim())?;
        self.store.set_setting(SettingKey::RedirectUri, redirect)?;
        let theme = match input.theme {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        self.store.set_setting(SettingKey::Theme, theme)?;
        self.store.set_setting(SettingKey::Language, input.language.trim())?;
        self.settings()
    }
}
