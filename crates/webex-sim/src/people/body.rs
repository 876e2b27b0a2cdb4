//! The body of `POST /v1/people` and `PUT /v1/people/{id}` (admin spec
//! `Person` fields). Fields a client copies from a GET and cannot change
//! (`id`, `created`, `status`...) are ignored, so GET → change → PUT works.

use serde::Deserialize;
use serde_json::Value;

use crate::http::ApiError;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PersonBody {
    pub emails: Option<Vec<String>>,
    pub phone_numbers: Option<Vec<PhoneNumberIn>>,
    pub extension: Option<String>,
    pub location_id: Option<String>,
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub org_id: Option<String>,
    pub roles: Option<Vec<String>>,
    pub licenses: Option<Vec<String>>,
    pub department: Option<String>,
    pub title: Option<String>,
    pub site_urls: Option<Vec<String>>,
    /// A boolean, or the strings "true"/"false" (webex-api.md §11.4).
    pub login_enabled: Option<Value>,
}

#[derive(Deserialize)]
pub struct PhoneNumberIn {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

impl PersonBody {
    /// The one address a person has (`emails` holds one).
    pub fn email(&self) -> Option<&str> {
        self.emails.as_ref()?.first().map(String::as_str).filter(|e| !e.trim().is_empty())
    }

    /// The `work` number sent, if any.
    pub fn work_number(&self) -> Option<&str> {
        self.phone_numbers.as_ref()?.iter().find(|n| n.kind == "work").map(|n| n.value.as_str())
    }

    pub fn login_enabled(&self) -> Result<Option<bool>, ApiError> {
        match &self.login_enabled {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(other) => Err(ApiError::bad_request(format!("Invalid loginEnabled {other}: expected true or false."))),
        }
    }

    /// The site URLs with the attendee role (`site#attendee`).
    pub fn attendee_sites(&self) -> impl Iterator<Item = &str> {
        self.site_urls.iter().flatten().filter_map(|url| url.strip_suffix("#attendee"))
    }
}

/// A mail address that looks like one: `local@domain.tld`.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !email.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flexible_fields() {
        let body: PersonBody = serde_json::from_value(serde_json::json!({
            "emails": ["a@b.example"], "loginEnabled": "false", "id": "ignored",
            "phoneNumbers": [{"type": "work_extension", "value": "80011001"}, {"type": "work", "value": "+4533000001"}],
            "siteUrls": ["x.webex.com", "y.webex.com#attendee"]
        }))
        .unwrap();
        assert_eq!(body.email(), Some("a@b.example"));
        assert_eq!(body.work_number(), Some("+4533000001"));
        assert_eq!(body.login_enabled().unwrap(), Some(false));
        assert_eq!(body.attendee_sites().collect::<Vec<_>>(), ["y.webex.com"]);
        assert!(valid_email("a@b.example") && !valid_email("a@b") && !valid_email("nobody"));
    }
}
