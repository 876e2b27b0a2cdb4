//! Non-secret settings and the remembered session. Secrets (tokens, the
//! client secret) never come here: they live in the OS keyring.

use rusqlite::{params, OptionalExtension};

use super::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    ClientId,
    RedirectUri,
    Theme,
    Language,
    /// JSON of the signed-in session (tenant, API base, user); no tokens.
    Session,
}

impl SettingKey {
    fn as_str(self) -> &'static str {
        match self {
            SettingKey::ClientId => "client_id",
            SettingKey::RedirectUri => "redirect_uri",
            SettingKey::Theme => "theme",
            SettingKey::Language => "language",
            SettingKey::Session => "session",
        }
    }
}

impl Store {
    pub fn setting(&self, key: SettingKey) -> Result<Option<String>> {
        let conn = self.reader();
        Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key.as_str()], |r| r.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: SettingKey, value: &str) -> Result<()> {
        self.writer().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key.as_str(), value],
        )?;
        Ok(())
    }

    pub fn delete_setting(&self, key: SettingKey) -> Result<()> {
        self.writer().execute("DELETE FROM settings WHERE key = ?1", [key.as_str()])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::SettingKey;
    use crate::store::temp_store;

    #[test]
    fn set_overwrite_delete() {
        let (_dir, store) = temp_store();
        assert_eq!(store.setting(SettingKey::ClientId).unwrap(), None);
        store.set_setting(SettingKey::ClientId, "one").unwrap();
        store.set_setting(SettingKey::ClientId, "two").unwrap();
        assert_eq!(store.setting(SettingKey::ClientId).unwrap().as_deref(), Some("two"));
        store.delete_setting(SettingKey::ClientId).unwrap();
        assert_eq!(store.setting(SettingKey::ClientId).unwrap(), None);
    }
}
