//! Webex resources as the REST API returns them (webex-api.md §3–§5).
//! Unknown fields are ignored; missing optional fields are `None`.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub created: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(default)]
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phone_numbers: Vec<PhoneNumber>,
    #[serde(default)]
    pub extension: Option<String>,
    #[serde(default)]
    pub location_id: Option<String>,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub org_id: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub licenses: Vec<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub last_activity: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// The spec says string "true"/"false"; SDKs have seen booleans.
    #[serde(default, deserialize_with = "bool_or_string")]
    pub invite_pending: Option<bool>,
    #[serde(default, deserialize_with = "bool_or_string")]
    pub login_enabled: Option<bool>,
    #[serde(default)]
    pub site_urls: Vec<String>,
}

impl Person {
    pub fn primary_email(&self) -> &str {
        self.emails.first().map(String::as_str).unwrap_or("")
    }

    /// The work number, the one Webex Calling uses (rule C2).
    pub fn work_number(&self) -> Option<&str> {
        self.phone_numbers.iter().find(|p| p.kind == "work").map(|p| p.value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct License {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub total_units: i64,
    #[serde(default)]
    pub consumed_units: i64,
    #[serde(default)]
    pub consumed_by_users: Option<i64>,
    #[serde(default)]
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub site_url: Option<String>,
    #[serde(default)]
    pub site_type: Option<String>,
}

/// `{items: [...]}`, the list envelope of most endpoints.
#[derive(Debug, Clone, Deserialize)]
pub struct Items<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}

fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        None => None,
        Some(Flag::Bool(b)) => Some(b),
        Some(Flag::Text(s)) => match s.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_pending_accepts_bool_and_string() {
        let a: Person = serde_json::from_str(r#"{"id":"a","invitePending":"true","loginEnabled":false}"#).unwrap();
        assert_eq!(a.invite_pending, Some(true));
        assert_eq!(a.login_enabled, Some(false));
        let b: Person = serde_json::from_str(r#"{"id":"b","invitePending":false}"#).unwrap();
        assert_eq!(b.invite_pending, Some(false));
        assert_eq!(b.login_enabled, None);
    }

    #[test]
    fn work_number_ignores_mobile() {
        let p: Person = serde_json::from_str(
            r#"{"id":"a","phoneNumbers":[{"type":"mobile","value":"+4520000000"},{"type":"work","value":"+4533000000"}]}"#,
        )
        .unwrap();
        assert_eq!(p.work_number(), Some("+4533000000"));
    }
}
