//! Whether a template may be saved (T1, T10, T14, T17), and which templates
//! a mode switch deletes (T1).

use super::category::Kind;
use super::model::{AssignmentMode, GroupUsage, LicenseFact, MeetingAccount, OrgFacts, Template, TemplateError};

/// Checks `template` against the org's mode, its other templates (`others`
/// may contain the template itself, when edited: same id) and the facts.
/// The first problem found is returned, in this order: mode, group,
/// duplicate, empty, licenses, Meetings entries.
pub fn validate(
    template: &Template,
    mode: AssignmentMode,
    others: &[Template],
    facts: &OrgFacts,
) -> Result<(), TemplateError> {
    check_mode_and_group(template, mode, facts)?;
    // T1: one org template; one template per group.
    if others.iter().any(|other| other.id != template.id && other.group_id == template.group_id) {
        return Err(TemplateError::Duplicate);
    }
    if template.licenses.is_empty() && template.meetings.is_empty() {
        return Err(TemplateError::Empty);
    }
    for (at, id) in template.licenses.iter().enumerate() {
        if template.licenses[..at].contains(id) {
            return Err(TemplateError::LicenseTwice { license_id: id.clone() });
        }
        user_license(id, facts)?;
    }
    check_meetings(template, facts)
}

/// T1: the ids of the templates a switch to `new_mode` deletes (those of the
/// mode being left).
pub fn templates_left_by_mode_switch(templates: &[Template], new_mode: AssignmentMode) -> Vec<String> {
    let leaving = |t: &&Template| match new_mode {
        AssignmentMode::Org => t.group_id.is_some(),
        AssignmentMode::Group => t.group_id.is_none(),
    };
    templates.iter().filter(leaving).map(|t| t.id.clone()).collect()
}

fn check_mode_and_group(template: &Template, mode: AssignmentMode, facts: &OrgFacts) -> Result<(), TemplateError> {
    match (mode, template.group_id.as_deref()) {
        (AssignmentMode::Org, None) => Ok(()),
        (AssignmentMode::Group, Some(group_id)) => {
            let group = facts.groups.iter().find(|g| g.id == group_id).ok_or(TemplateError::UnknownGroup)?;
            match group.usage {
                GroupUsage::Security => Ok(()),
                // T17
                GroupUsage::Distribution => Err(TemplateError::DistributionGroup),
            }
        }
        _ => Err(TemplateError::WrongMode),
    }
}

/// A license a user can be given: known to the org, and neither a
/// workspace license nor Messenger (which the editor does not offer).
fn user_license<'f>(id: &str, facts: &'f OrgFacts) -> Result<&'f LicenseFact, TemplateError> {
    let license = facts
        .licenses
        .iter()
        .find(|l| l.id == id)
        .ok_or_else(|| TemplateError::UnknownLicense { license_id: id.to_string() })?;
    match Kind::of(&license.name).not_for_users() {
        None => Ok(license),
        Some(why) => Err(TemplateError::NotForUsers { license_id: id.to_string(), why }),
    }
}

/// T10: one entry per site (a Meetings license in `licenses` counts as its
/// site's entry); a host entry names a Meetings license of its site; T14:
/// attendee entries need the site's attendee feature.
fn check_meetings(template: &Template, facts: &OrgFacts) -> Result<(), TemplateError> {
    let mut seen: Vec<&str> = Vec::new();
    for id in &template.licenses {
        let license = user_license(id, facts)?;
        if let (Kind::Meeting, Some(site)) = (Kind::of(&license.name), license.site_url.as_deref()) {
            note_site(&mut seen, site)?;
        }
    }
    for entry in &template.meetings {
        note_site(&mut seen, &entry.site_url)?;
        match &entry.account {
            MeetingAccount::Host { license_id } => {
                let license = user_license(license_id, facts)?;
                let on_site = license.site_url.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&entry.site_url));
                if Kind::of(&license.name) != Kind::Meeting || !on_site {
                    return Err(TemplateError::NotASiteLicense {
                        site_url: entry.site_url.clone(),
                        license_id: license_id.clone(),
                    });
                }
            }
            MeetingAccount::Attendee => {
                if !facts.attendee_sites.iter().any(|s| s.eq_ignore_ascii_case(&entry.site_url)) {
                    return Err(TemplateError::NoAttendeeFeature { site_url: entry.site_url.clone() });
                }
            }
        }
    }
    Ok(())
}

fn note_site<'a>(seen: &mut Vec<&'a str>, site: &'a str) -> Result<(), TemplateError> {
    if seen.iter().any(|s| s.eq_ignore_ascii_case(site)) {
        return Err(TemplateError::SiteTwice { site_url: site.to_string() });
    }
    seen.push(site);
    Ok(())
}
