//! `PATCH /v1/licenses/users` (webex-api.md §4.3): the one write license
//! templates use.
//!
//! A PATCH is not blindly repeated: when its answer is lost (a dropped
//! connection, a 5xx) the change may or may not have landed, so the caller
//! reads the person back and sends only what is still missing. 429 and 401
//! are safe to repeat (the request was refused before anything happened)
//! and are handled here, like every other call, through the shared gate.

use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};

use super::models::Person;
use super::resources::urlencode;
use super::{WebexClient, WebexError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatchUserLicenses {
    pub person_id: String,
    pub org_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<LicenseOperation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub site_urls: Vec<SiteUrlOperation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenseOperation {
    pub id: String,
    pub operation: Operation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<LineProperties>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Add,
    Remove,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteUrlOperation {
    pub site_url: String,
    /// Webex accepts only `attendee` here (§4.3).
    pub account_type: &'static str,
    pub operation: Operation,
}

/// `UserLicensesResponse`: what the user holds after the request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UserLicenses {
    #[serde(default)]
    pub licenses: Vec<String>,
    #[serde(default)]
    pub site_urls: Vec<SiteAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteAccount {
    pub site_url: String,
    /// `attendee` or `host`; wxc_sdk has seen upper case (§4.3 [?]).
    #[serde(default)]
    pub account_type: Option<String>,
}

/// The answer to one PATCH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchAnswer {
    /// 206: part of the request was refused; `held` says what stuck.
    pub partial: bool,
    pub held: UserLicenses,
    pub tracking_id: String,
}

impl WebexClient {
    /// Sends one PATCH with the given tracking id. Transient failures come
    /// back as errors (check, then resend what is missing).
    pub async fn patch_user_licenses(
        &self,
        body: &PatchUserLicenses,
        tracking_id: &str,
    ) -> Result<PatchAnswer, WebexError> {
        let url = self.url("licenses/users");
        let response = self.send_once(Method::PATCH, &url, body, tracking_id).await?;
        let partial = response.status() == StatusCode::PARTIAL_CONTENT;
        let held = match self.read_body(response, &url).await {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            // The change happened; only its echo was lost.
            Err(_) => UserLicenses::default(),
        };
        Ok(PatchAnswer { partial, held, tracking_id: tracking_id.to_owned() })
    }
}

impl WebexClient {
    /// What a person holds now, read back after an answer was lost.
    pub async fn person(&self, person_id: &str) -> Result<Person, WebexError> {
        self.get_json(&self.url(&format!("people/{}", urlencode(person_id)))).await
    }
}

/// The error statuses that mean "refused, nothing changed" rather than
/// "unknown": the caller records them as failures without checking.
pub fn is_refusal(error: &WebexError) -> bool {
    matches!(error, WebexError::Api { status, .. } if (400..500).contains(status) && *status != 408 && *status != 429)
}
