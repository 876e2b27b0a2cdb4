//! S5's last resort: take the user's paid Meetings license on a site away
//! and assign it again. Which license that is, whether Webex would give it
//! back (a paid Meetings license needs Basic Meetings, 700004, and
//! Messaging, 700005, which removing it does not touch), and what the admin
//! is told the user goes without meanwhile.

use super::model::{HeldLicense, PersonFacts, ReassignNotice};
use super::{is_paid_meetings_license, same_site};
use crate::templates::Kind;

/// The paid license `who` holds on `site_url`, ready to be removed and
/// assigned again; else a sentence saying why nothing will be sent.
pub fn license_to_reassign(person: &PersonFacts, site_url: &str, who: &str) -> Result<HeldLicense, String> {
    let license = person
        .licenses
        .iter()
        .find(|l| is_paid_meetings_license(&l.name) && l.site_url.as_deref().is_some_and(|s| same_site(s, site_url)))
        .ok_or_else(|| {
            format!(
                "{who} has no paid Meetings license on {site_url}, so there is nothing to re-assign. Assign one \
                 instead. Nothing was changed."
            )
        })?;
    let holds = |kind: Kind| person.licenses.iter().any(|l| Kind::of(&l.name) == kind);
    let lacking: Vec<&str> = [(Kind::BasicMeetings, "Basic Meetings"), (Kind::Messaging, "Messaging")]
        .into_iter()
        .filter(|(kind, _)| !holds(*kind))
        .map(|(_, name)| name)
        .collect();
    if !lacking.is_empty() {
        return Err(format!(
            "Webex gives a paid Meetings license only to someone who also holds {}, which {who} does not, so it \
             could not be assigned again once removed. Nothing was changed: assign {} first.",
            lacking.join(" and "),
            lacking.join(" and ")
        ));
    }
    Ok(license.clone())
}

/// What the user goes without while the license is off (S5). The
/// simulator keeps a user's session types on a site across the removal and
/// the new assignment (the set is not reset to the site's defaults), and
/// hubdesk reads the set back afterwards, so the words say so.
pub fn reassign_consequence(site_url: &str) -> String {
    format!(
        "Until it is back the user cannot host or schedule meetings on {site_url}. Their session types on \
         {site_url} are not reset to the site's defaults: they come back as they were (hubdesk reads them back \
         afterwards to show what Webex holds)."
    )
}

/// What the confirmation says before the license is taken away (S5).
pub fn reassign_notice(license: &HeldLicense, site_url: &str) -> ReassignNotice {
    let name = &license.name;
    let text = format!(
        "hubdesk removes {name} on {site_url} from the user, then assigns it again straight away, in that order. \
         {} If hubdesk stops in between, resuming the run assigns the license again.",
        reassign_consequence(site_url)
    );
    ReassignNotice { license_id: license.id.clone(), license_name: name.clone(), site_url: site_url.to_owned(), text }
}
