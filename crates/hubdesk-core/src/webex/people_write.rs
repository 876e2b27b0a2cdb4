//! `GET` and `PUT /v1/people/{id}` for a Calling fix (webex-api.md §3): a
//! PUT replaces the whole person, so the person is read as Webex answers it
//! (every field, known to hubdesk or not), only the work number is changed,
//! and all of it is sent back.

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::resources::urlencode;
use super::{WebexClient, WebexError};

/// A person exactly as Webex answered, to be sent back whole.
#[derive(Debug, Clone, PartialEq)]
pub struct WholePerson(pub Map<String, Value>);

impl WholePerson {
    /// The `work` number of `phoneNumbers`, if any.
    pub fn work_number(&self) -> Option<&str> {
        self.phone_numbers().iter().find(|p| p["type"] == "work").and_then(|p| p["value"].as_str())
    }

    fn phone_numbers(&self) -> &[Value] {
        self.0.get("phoneNumbers").and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// Sets the work number, keeping every other number. `work_extension`
    /// is read-only (§3), so it is not sent back.
    pub fn set_work_number(&mut self, number: &str) {
        let mut numbers: Vec<Value> =
            self.phone_numbers().iter().filter(|p| p["type"] != "work_extension").cloned().collect();
        match numbers.iter_mut().find(|p| p["type"] == "work") {
            Some(work) => work["value"] = Value::String(number.to_owned()),
            None => numbers.insert(0, json!({"type": "work", "value": number, "primary": true})),
        }
        self.0.insert("phoneNumbers".into(), Value::Array(numbers));
    }
}

impl WebexClient {
    /// The person with their Calling data, every field kept.
    pub async fn whole_person(&self, person_id: &str) -> Result<WholePerson, WebexError> {
        let url = self.url(&format!("people/{}?callingData=true", urlencode(person_id)));
        self.get_json(&url).await.map(WholePerson)
    }

    /// Replaces the person with `person`; sent once with the tracking id.
    /// The answer is the person as Webex holds them, when it could be read.
    pub async fn put_whole_person(
        &self,
        person_id: &str,
        person: &WholePerson,
        tracking_id: &str,
    ) -> Result<Option<WholePerson>, WebexError> {
        let url = self.url(&format!("people/{}?callingData=true", urlencode(person_id)));
        let response = self.send_once(Method::PUT, &url, &person.0, tracking_id).await?;
        let body = self.read_body(response, &url).await.ok();
        Ok(body.and_then(|b| serde_json::from_slice(&b).ok()).map(WholePerson))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c4_only_the_work_number_changes_and_the_read_only_extension_is_not_sent() {
        let mut person = WholePerson(
            json!({
                "displayName": "Åsa Björk",
                "addresses": [{"type": "work", "country": "SE"}],
                "phoneNumbers": [
                    {"type": "mobile", "value": "+46701234567"},
                    {"type": "work", "value": "08-123 456", "primary": true},
                    {"type": "work_extension", "value": "81001"}
                ]
            })
            .as_object()
            .unwrap()
            .clone(),
        );
        person.set_work_number("+468123456");
        assert_eq!(person.work_number(), Some("+468123456"));
        assert_eq!(
            person.0["phoneNumbers"],
            json!([{"type": "mobile", "value": "+46701234567"}, {"type": "work", "value": "+468123456", "primary": true}])
        );
        assert_eq!(person.0["addresses"][0]["country"], "SE", "every other field is sent back");
    }

    #[test]
    fn c4_a_person_without_a_work_number_gets_one() {
        let mut person = WholePerson(json!({"displayName": "X"}).as_object().unwrap().clone());
        assert_eq!(person.work_number(), None);
        person.set_work_number("+4533141647");
        assert_eq!(person.work_number(), Some("+4533141647"));
    }
}
