//! From a planned change to a `PATCH /v1/licenses/users` body, and back:
//! what of a change is still missing given what a person holds.

use super::facts::Pools;
use crate::webex::licenses_write::{
    LicenseOperation, LineProperties, Operation, PatchUserLicenses, SiteUrlOperation, UserLicenses,
};
use hubdesk_api::{SiteRole, UserChange};

pub fn request_body(change: &UserChange, org_id: &str) -> PatchUserLicenses {
    let adds = change.add.iter().map(|a| LicenseOperation {
        id: a.license_id.clone(),
        operation: Operation::Add,
        properties: a.calling.as_ref().map(|line| LineProperties {
            location_id: Some(line.location_id.clone()),
            phone_number: line.phone_number.clone(),
            extension: line.extension.clone(),
        }),
    });
    let removes = change.remove.iter().map(|r| LicenseOperation {
        id: r.license_id.clone(),
        operation: Operation::Remove,
        properties: None,
    });
    // Host roles come with the site's license; only attendee roles are
    // sent as site urls (Webex accepts only `attendee`, §4.3).
    let sites = change.roles.iter().filter_map(|r| {
        let operation = match (r.from, r.to) {
            (_, SiteRole::Attendee) => Operation::Add,
            (SiteRole::Attendee, _) => Operation::Remove,
            _ => return None,
        };
        Some(SiteUrlOperation { site_url: r.site_url.clone(), account_type: "attendee", operation })
    });
    PatchUserLicenses {
        person_id: change.person_id.clone(),
        org_id: org_id.to_owned(),
        licenses: adds.chain(removes).collect(),
        site_urls: sites.collect(),
    }
}

/// The part of `change` not yet true of a person holding `licenses` and
/// `site_urls` (`site` for a host, `site#attendee` for an attendee).
/// Removals name the license actually held in the pool.
pub fn remaining_change(change: &UserChange, licenses: &[String], site_urls: &[String], pools: &Pools) -> UserChange {
    let attendee = |site: &str| site_urls.iter().any(|s| s.strip_suffix("#attendee") == Some(site));
    let mut remaining = change.clone();
    remaining.add.retain(|a| pools.held_in_pool(&a.license_id, licenses).is_none());
    remaining.remove = change
        .remove
        .iter()
        .filter_map(|r| {
            let held = pools.held_in_pool(&r.license_id, licenses)?;
            let mut r = r.clone();
            r.license_id = held.clone();
            Some(r)
        })
        .collect();
    remaining.roles.retain(|r| match (r.from, r.to) {
        (_, SiteRole::Attendee) => !attendee(&r.site_url),
        (SiteRole::Attendee, _) => attendee(&r.site_url),
        _ => false,
    });
    remaining
}

/// Site urls as a person's `siteUrls` spell them, from a PATCH answer.
pub fn held_site_urls(held: &UserLicenses) -> Vec<String> {
    held.site_urls
        .iter()
        .map(|s| match s.account_type.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("attendee") => format!("{}#attendee", s.site_url),
            _ => s.site_url.clone(),
        })
        .collect()
}

/// One line for the audit log and the run history:
/// `+Webex Calling - Professional −Messaging attendee example.webex.com`.
pub fn summary_line(change: &UserChange) -> String {
    let adds = change.add.iter().map(|a| format!("+{}", a.name));
    let removes = change.remove.iter().map(|r| format!("−{}", r.name));
    let roles = change.roles.iter().map(|r| format!("{}→{} {}", role(r.from), role(r.to), r.site_url));
    adds.chain(removes).chain(roles).collect::<Vec<_>>().join(" ")
}

fn role(role: SiteRole) -> &'static str {
    match role {
        SiteRole::None => "none",
        SiteRole::Attendee => "attendee",
        SiteRole::Host => "host",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hubdesk_api::{CallingLine, LicenseAdd, LicenseRemove, SiteRoleChange};
    use hubdesk_rules::templates::LicenseFact;

    fn pools() -> Pools {
        let fact = |id: &str, name: &str, sub: &str| LicenseFact {
            id: id.into(),
            name: name.into(),
            subscription_id: Some(sub.into()),
            site_url: None,
            total_units: 10,
            consumed_units: 0,
        };
        Pools::from_licenses(&[
            fact("pro-old", "Webex Calling - Professional", "s1"),
            fact("pro-new", "Webex Calling - Professional", "s2"),
            fact("msg", "Messaging", "s1"),
        ])
    }

    fn change() -> UserChange {
        UserChange {
            person_id: "p".into(),
            email: "p@x".into(),
            display_name: "P".into(),
            add: vec![LicenseAdd {
                license_id: "pro-old".into(),
                name: "Webex Calling - Professional".into(),
                subscription_id: Some("s1".into()),
                site_url: None,
                calling: Some(CallingLine {
                    location_id: "loc".into(),
                    phone_number: Some("+4533000001".into()),
                    extension: None,
                }),
            }],
            remove: vec![LicenseRemove { license_id: "msg".into(), name: "Messaging".into(), calling: false }],
            roles: vec![SiteRoleChange {
                site_url: "s.webex.com".into(),
                from: SiteRole::None,
                to: SiteRole::Attendee,
            }],
            issues: vec![],
            pending_first_sign_in: false,
        }
    }

    #[test]
    fn the_body_carries_the_line_and_the_attendee_role() {
        let body = serde_json::to_value(request_body(&change(), "org")).unwrap();
        assert_eq!(body["licenses"][0]["properties"]["phoneNumber"], "+4533000001");
        assert_eq!(body["licenses"][0]["operation"], "add");
        assert_eq!(body["licenses"][1]["operation"], "remove");
        assert_eq!(body["siteUrls"][0]["accountType"], "attendee");
        assert_eq!(body["orgId"], "org");
    }

    #[test]
    fn t12_a_license_of_the_same_pool_counts_as_landed() {
        // Webex took the unit from another subscription than planned.
        let rest = remaining_change(&change(), &["pro-new".into(), "msg".into()], &[], &pools());
        assert!(rest.add.is_empty(), "the service is held");
        assert_eq!(rest.remove.len(), 1, "Messaging is still held");
        assert_eq!(rest.roles.len(), 1, "the attendee role is missing");
        let done = remaining_change(&change(), &["pro-new".into()], &["s.webex.com#attendee".into()], &pools());
        assert!(done.add.is_empty() && done.remove.is_empty() && done.roles.is_empty());
    }
}
