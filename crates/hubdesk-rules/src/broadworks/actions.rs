//! Rule B4: for a subscriber with an error or a pending requirement, retry
//! activation (with a valid email), delete the subscriber (it can onboard
//! again), change the package, copy the error text.
//!
//! Pure: the core reads the subscriber's status live and these functions
//! decide whether the action applies, before anything is sent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Webex for BroadWorks packages (webex-api.md §7.1, field `package`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Package {
    Softphone,
    Basic,
    Standard,
    Premium,
}

impl Package {
    pub const ALL: [Package; 4] = [Package::Softphone, Package::Basic, Package::Standard, Package::Premium];

    pub fn as_str(self) -> &'static str {
        match self {
            Package::Softphone => "softphone",
            Package::Basic => "basic",
            Package::Standard => "standard",
            Package::Premium => "premium",
        }
    }

    /// A package by its API name, ignoring case and spaces around it.
    pub fn parse(text: &str) -> Result<Package, String> {
        let wanted = text.trim().to_ascii_lowercase();
        Package::ALL.into_iter().find(|p| p.as_str() == wanted).ok_or_else(|| {
            format!(
                "\"{}\" is not a Webex for BroadWorks package. Choose softphone, basic, standard or premium.",
                text.trim()
            )
        })
    }
}

/// What an admin does to one subscriber (B4). Copying the error text sends
/// nothing: see [`error_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Onboard again with a valid email.
    Retry,
    /// Remove the subscriber; the Webex user stays.
    Delete,
    /// Change the package.
    Package,
}

impl ActionKind {
    pub const ALL: [ActionKind; 3] = [ActionKind::Retry, ActionKind::Delete, ActionKind::Package];
}

/// A status Webex is still working on: it moves on its own, and Webex
/// refuses changes until it settles (the API's 409 while updating).
pub fn in_progress(status: &str) -> bool {
    matches!(status, "provisioning" | "updating")
}

/// A status that waits for something from the subscriber or the admin:
/// an email, its validation, a user's consent to move.
pub fn pending_requirement(status: &str) -> bool {
    matches!(status, "pending_email_input" | "pending_email_validation" | "pending_user_migration")
}

/// Whether the action applies to a subscriber in `status`; when not, the
/// sentence that says why and what to do instead (B4).
pub fn action_applies(action: ActionKind, status: &str) -> Result<(), String> {
    if in_progress(status) {
        return Err(format!(
            "Webex is still working on this subscriber ({status}). Wait until its status settles, then try again."
        ));
    }
    match action {
        ActionKind::Retry if status == "error" || pending_requirement(status) => Ok(()),
        ActionKind::Retry if status == "provisioned" => {
            Err("This subscriber is already provisioned, so there is no activation to retry. Delete it first if it \
             must onboard again."
                .to_owned())
        }
        ActionKind::Retry => Err(format!(
            "Retry activation is for a subscriber with an error or a pending requirement; this one is {status}."
        )),
        ActionKind::Delete | ActionKind::Package => Ok(()),
    }
}

/// Whether a package change to `to` changes anything.
pub fn package_change(from: Option<&str>, to: Package) -> Result<(), String> {
    match from.map(str::trim) {
        Some(from) if from.eq_ignore_ascii_case(to.as_str()) => {
            Err(format!("This subscriber already has the {} package, so there is nothing to change.", to.as_str()))
        }
        _ => Ok(()),
    }
}

/// A retry's email, trimmed and lowercased, or the sentence that says
/// what is wrong with it. Checked before anything is sent (B4: "a valid
/// email"): one `@`, a local part of the characters mail allows, and a
/// domain of dot-separated labels with a top-level name of letters.
pub fn valid_email(text: &str) -> Result<String, String> {
    let email = text.trim();
    let refuse = |why: &str| Err(format!("\"{email}\" is not a valid email address: {why}. Type the address again."));
    if email.is_empty() {
        return Err("Type the email address the subscriber will sign in with.".to_owned());
    }
    if email.len() > 254 {
        return refuse("it is longer than 254 characters");
    }
    let Some((local, domain)) = email.split_once('@') else { return refuse("it has no @") };
    if domain.contains('@') {
        return refuse("it has more than one @");
    }
    let local_ok = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    if local.is_empty() || local.len() > 64 || !local.chars().all(local_ok) {
        return refuse("the part before the @ is empty or has characters an address cannot have");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return refuse("the part before the @ has a misplaced dot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        return refuse("the domain after the @ is not a domain name");
    }
    let top = labels[labels.len() - 1];
    if top.len() < 2 || !top.chars().all(|c| c.is_ascii_alphabetic()) {
        return refuse("the domain does not end in a top-level name such as .com");
    }
    Ok(email.to_ascii_lowercase())
}

/// A subscriber's background error, as `errors[]` has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberErrorText {
    pub code: Option<i64>,
    pub description: Option<String>,
}

/// The error text copied for a ticket: one line per error, its code then
/// its description (B4 "copy the error text"); line breaks inside a
/// description become spaces so each error stays on its line.
pub fn error_text(errors: &[SubscriberErrorText]) -> String {
    errors
        .iter()
        .map(|e| {
            let description = e.description.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            match (e.code, description.is_empty()) {
                (Some(code), false) => format!("{code}: {description}"),
                (Some(code), true) => code.to_string(),
                (None, false) => description,
                (None, true) => "(no description)".to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_STATUSES: [&str; 7] = [
        "pending_email_input",
        "pending_email_validation",
        "pending_user_migration",
        "provisioning",
        "provisioned",
        "updating",
        "error",
    ];

    #[test]
    fn b4_retry_applies_to_errors_and_pending_requirements_only() {
        for status in ALL_STATUSES {
            let expected = matches!(
                status,
                "error" | "pending_email_input" | "pending_email_validation" | "pending_user_migration"
            );
            assert_eq!(action_applies(ActionKind::Retry, status).is_ok(), expected, "{status}");
        }
        let refusal = action_applies(ActionKind::Retry, "provisioned").unwrap_err();
        assert!(refusal.contains("already provisioned"), "{refusal}");
    }

    #[test]
    fn b4_nothing_is_changed_while_webex_works_on_the_subscriber() {
        for action in [ActionKind::Retry, ActionKind::Delete, ActionKind::Package] {
            for status in ["provisioning", "updating"] {
                let refusal = action_applies(action, status).unwrap_err();
                assert!(refusal.contains("Wait until its status settles"), "{action:?} {status}: {refusal}");
            }
            assert!(action_applies(action, "error").is_ok(), "{action:?}");
        }
        assert!(action_applies(ActionKind::Delete, "provisioned").is_ok());
        assert!(action_applies(ActionKind::Package, "provisioned").is_ok());
    }

    #[test]
    fn b4_package_names_and_a_change_to_the_same_package() {
        assert_eq!(Package::parse(" Premium ").unwrap(), Package::Premium);
        assert_eq!(Package::ALL.map(Package::as_str), ["softphone", "basic", "standard", "premium"]);
        let unknown = Package::parse("platinum").unwrap_err();
        assert!(unknown.contains("\"platinum\" is not") && unknown.contains("softphone, basic"), "{unknown}");
        assert!(package_change(Some("basic"), Package::Premium).is_ok());
        assert!(package_change(None, Package::Premium).is_ok());
        assert!(package_change(Some("premium"), Package::Premium).unwrap_err().contains("already has"));
    }

    #[test]
    fn b4_a_retry_needs_a_valid_email() {
        assert_eq!(valid_email("  Ake.Angstrom@Fjordby.example ").unwrap(), "ake.angstrom@fjordby.example");
        assert!(valid_email("o'neil+bw@mail.co.uk").is_ok());
        for bad in [
            "",
            "no-at-sign.example",
            "two@@ats.example",
            "a@b@c.example",
            "@nolocal.example",
            "space in@x.example",
            ".dot@x.example",
            "a..b@x.example",
            "a@nodot",
            "a@-x.example",
            "a@x..example",
            "a@x.c0m",
            "a@x.c",
        ] {
            let refusal = valid_email(bad).unwrap_err();
            assert!(refusal.ends_with('.') && refusal.len() > 20, "{bad}: {refusal}");
        }
    }

    #[test]
    fn b4_copy_error_text_is_one_line_per_error_with_its_code() {
        let errors = [
            SubscriberErrorText {
                code: Some(10022),
                description: Some("The BroadWorks UserID is already\nassociated with an existing user.".into()),
            },
            SubscriberErrorText { code: Some(10500), description: None },
            SubscriberErrorText { code: None, description: Some("Timed out.".into()) },
        ];
        assert_eq!(
            error_text(&errors),
            "10022: The BroadWorks UserID is already associated with an existing user.\n10500\nTimed out."
        );
        assert_eq!(error_text(&[]), "");
    }
}
