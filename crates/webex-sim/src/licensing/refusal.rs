//! Why a license could not be given or taken, with the Webex error code and
//! wording of the admin spec's `PATCH /licenses/users` examples.

use crate::http::ErrorDetail;
use crate::tenant::CallingError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: Option<u32>,
    pub message: &'static str,
    pub description: String,
}

impl Refusal {
    /// A refusal with one of the spec's codes; `{licenses}` is the license id
    /// (the site URLs for 400216).
    pub fn coded(code: u32, license: &str) -> Refusal {
        let (message, text) = match code {
            400000 => ("License not recognized", "License not recognized {licenses}"),
            400112 => ("License assignment failed", "Changing a user's Webex Calling license from Professional to Standard is not allowed. The following license(s) could not be applied as requested: {licenses}"),
            400118 => ("License management not supported", "User management of Messenger license {licenses} is not supported"),
            400216 => ("Invalid site URL", "Request contains invalid attendee siteUrls: {licenses}"),
            400404 => ("License conflict", "User cannot have both Webex Calling Professional and Standard License together. The following license(s) could not be applied as requested: {licenses}"),
            400406 => ("License conflict", "User cannot have both Webex Calling Standard and Webex Attendant Console licenses together. The following license(s) could not be applied as requested: {licenses}"),
            400407 => ("License conflict", "User cannot have both Webex Calling Standard and CX Essential licenses together. The following license(s) could not be applied as requested: {licenses}"),
            400408 => ("License prerequisite missing", "User needs Webex Calling Professional license to be assigned before assigning Webex Attendant Console: {licenses}"),
            400410 => ("License downgrade not allowed", "Changing a user's license from CX Essential to Webex Calling Standard is not allowed. The following license(s) could not be applied as requested: {licenses}"),
            400411 => ("License properties missing", "Each Webex Calling license should contain its own calling properties. The following license(s) do not have properties: {licenses}"),
            400413 => ("License conflict", "Could not apply the following license(s): {licenses} as the user can be assigned only one of licenses with the offer code from the list:"),
            700003 => ("License prerequisite missing", "Free teams messaging mandatory for paid teams messaging license. The following license could not be applied as requested: {licenses}"),
            700004 => ("License prerequisite missing", "Free teams meeting mandatory for paid teams meeting license. The following license could not be applied as requested: {licenses}"),
            700005 => ("License prerequisite missing", "Free teams messaging mandatory for teams meeting license. The following license(s) could not be applied as requested: {licenses}"),
            700006 => ("License removal not allowed", "Screen Share {licenses} is implicitly assigned and cannot be removed"),
            _ => ("License assignment failed", "The following license(s) could not be applied as requested: {licenses}"),
        };
        Refusal { code: Some(code), message, description: text.replace("{licenses}", license) }
    }

    /// A Calling line that cannot be provisioned: code 400 ("Unable to find
    /// location") for location problems, no code for number problems.
    pub fn calling(error: &CallingError) -> Refusal {
        let code = matches!(error, CallingError::LocationMissing | CallingError::LocationNotCallingEnabled);
        let message = match code {
            true => "Unable to find location",
            false => "License assignment failed",
        };
        Refusal { code: code.then_some(400), message, description: error.describe() }
    }

    /// Every subscription of the license's pool is used up.
    pub fn no_units(name: &str, license: &str) -> Refusal {
        Refusal {
            code: None,
            message: "License assignment failed",
            description: format!("No unit of {name} is left in any subscription. The following license(s) could not be applied as requested: {license}"),
        }
    }

    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail { error_code: self.code, description: self.description.clone() }
    }
}
