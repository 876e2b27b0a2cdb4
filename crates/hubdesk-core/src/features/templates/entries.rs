//! From a plan to journal entries: one per user with something to send,
//! with the templates each added license comes from (T6 looks back at them).

use std::collections::HashMap;

use hubdesk_api::{MeetingAccount, Template, UserChange};
use hubdesk_rules::templates::Plan;

use super::facts::{OrgSnapshot, Pools};
use crate::ledger::NewEntry;

/// One journal entry per user with something to send, with the templates
/// each added license comes from (T6 looks back at them).
pub(super) fn entries_of(plan: &Plan, templates: &[Template], snapshot: &OrgSnapshot) -> Vec<NewEntry> {
    let groups: HashMap<&str, &[String]> =
        snapshot.facts.people.iter().map(|p| (p.id.as_str(), p.groups.as_slice())).collect();
    plan.users
        .iter()
        .filter(|c| !(c.add.is_empty() && c.remove.is_empty() && c.roles.is_empty()))
        .map(|change| {
            let mine = groups.get(change.person_id.as_str()).copied().unwrap_or(&[]);
            NewEntry {
                grants: grants_of(change, templates, mine, &snapshot.pools),
                change: change.clone(),
                skip_reason: None,
            }
        })
        .collect()
}

fn grants_of(change: &UserChange, templates: &[Template], groups: &[String], pools: &Pools) -> Vec<(String, String)> {
    let applies = |t: &&Template| t.group_id.as_ref().is_none_or(|g| groups.contains(g));
    let gives = |t: &Template, license: &str| {
        t.licenses.iter().any(|l| pools.same(l, license))
            || t.meetings
                .iter()
                .any(|m| matches!(&m.account, MeetingAccount::Host { license_id } if pools.same(license_id, license)))
    };
    let mut grants = Vec::new();
    for add in &change.add {
        for t in templates.iter().filter(applies).filter(|t| gives(t, &add.license_id)) {
            grants.push((add.license_id.clone(), t.id.clone()));
        }
    }
    grants
}
