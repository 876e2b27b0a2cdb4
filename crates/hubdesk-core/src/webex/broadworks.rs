//! Webex for BroadWorks subscriber writes (webex-api.md §7.1): read one,
//! find by BroadWorks user id, delete, provision, change the package, and
//! the provisioning precheck. Each write is sent once with the journal's
//! tracking id; only a 429 or a refused token is repeated by the client.

use reqwest::Method;
use serde::Serialize;

use super::models::{Items, Subscriber};
use super::resources::urlencode;
use super::{WebexClient, WebexError};
use hubdesk_api::{ProvisionFields, SubscriberErrorText};

/// The precheck said no: Webex's codes and texts, and its tracking id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrecheckRefusal {
    pub errors: Vec<SubscriberErrorText>,
    pub tracking_id: Option<String>,
}

#[derive(Serialize)]
struct PackageBody<'a> {
    package: &'a str,
}

impl WebexClient {
    /// The subscriber as Webex has it now; `None` when it is gone (404).
    pub async fn subscriber(&self, subscriber_id: &str) -> Result<Option<Subscriber>, WebexError> {
        let url = self.url(&format!("broadworks/subscribers/{}", urlencode(subscriber_id)));
        match self.get_json(&url).await {
            Ok(s) => Ok(Some(s)),
            Err(WebexError::Api { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Subscribers with this BroadWorks user id (at most one, normally).
    pub async fn subscribers_by_user_id(&self, user_id: &str) -> Result<Vec<Subscriber>, WebexError> {
        let url = self.url(&format!("broadworks/subscribers?userId={}", urlencode(user_id)));
        let list: Items<Subscriber> = self.get_json(&url).await?;
        Ok(list.items)
    }

    /// `DELETE`: the BroadWorks↔Webex mapping goes; the Webex user stays.
    pub async fn delete_subscriber(&self, subscriber_id: &str, tracking_id: &str) -> Result<(), WebexError> {
        let url = self.url(&format!("broadworks/subscribers/{}", urlencode(subscriber_id)));
        self.send_once_empty(Method::DELETE, &url, tracking_id).await?;
        Ok(())
    }

    /// `POST`: answers the new subscriber; provisioning goes on in the background.
    pub async fn provision_subscriber(
        &self,
        fields: &ProvisionFields,
        tracking_id: &str,
    ) -> Result<Subscriber, WebexError> {
        let url = self.url("broadworks/subscribers");
        let response = self.send_once(Method::POST, &url, fields, tracking_id).await?;
        let body = self.read_body(response, &url).await?;
        serde_json::from_slice(&body).map_err(|e| WebexError::Body(format!("{url}: {e}")))
    }

    /// `PUT {package}`: the answer does not show the change; the status is
    /// `updating` until it is applied.
    pub async fn change_subscriber_package(
        &self,
        subscriber_id: &str,
        package: &str,
        tracking_id: &str,
    ) -> Result<Subscriber, WebexError> {
        let url = self.url(&format!("broadworks/subscribers/{}", urlencode(subscriber_id)));
        let response = self.send_once(Method::PUT, &url, &PackageBody { package }, tracking_id).await?;
        let body = self.read_body(response, &url).await?;
        serde_json::from_slice(&body).map_err(|e| WebexError::Body(format!("{url}: {e}")))
    }

    /// `POST /validate`: whether provisioning these fields would likely
    /// succeed. A 400 is Webex's refusal (with its codes), not a failure.
    pub async fn precheck_subscriber(
        &self,
        fields: &ProvisionFields,
    ) -> Result<Result<(), PrecheckRefusal>, WebexError> {
        let url = self.url("broadworks/subscribers/validate");
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        match self.send_once(Method::POST, &url, fields, &tracking_id).await {
            Ok(_) => Ok(Ok(())),
            Err(WebexError::Api { status: 400, message, tracking_id, error_codes }) => {
                let mut errors: Vec<SubscriberErrorText> = error_codes
                    .iter()
                    .map(|code| SubscriberErrorText { code: Some(*code), description: None })
                    .collect();
                match errors.first_mut() {
                    Some(first) => first.description = Some(message),
                    None => errors.push(SubscriberErrorText { code: None, description: Some(message) }),
                }
                Ok(Err(PrecheckRefusal { errors, tracking_id }))
            }
            Err(e) => Err(e),
        }
    }
}
