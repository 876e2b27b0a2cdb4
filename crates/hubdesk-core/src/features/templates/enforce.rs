//! Templates on every sync: hubdesk, not Webex, enforces them. People a
//! sync finds for the first time get their templates (T2, T3, T13); people
//! whose direct groups changed follow T7. Calling is never removed here:
//! C8 needs the admin's typed confirmation, so such entries are written as
//! skipped, with the reason.

use std::collections::HashSet;

use super::apply::RunProgressFn;
use super::entries::entries_of;
use super::facts;
use crate::ledger::{Ledger, NewEntry};
use crate::store::{now_ms, Store};
use crate::Core;
use hubdesk_api::{ApiError, RunAction, RunSummary};
use hubdesk_rules::templates::{self as rules, Action, GroupMove, PlanRequest, Template};

/// Starts the enforced snapshot of an org that has none, so the people
/// there now count as existing, not new (called when templates are saved).
pub(super) fn start_enforcing(store: &Store, ledger: &Ledger, org_id: &str) -> Result<(), ApiError> {
    if ledger.enforced_people(org_id)?.is_empty() {
        let people = facts::load(store, org_id)?.facts.people;
        let snapshot: Vec<_> = people.into_iter().map(|p| (p.id, p.groups)).collect();
        ledger.set_enforced_people(org_id, &snapshot)?;
    }
    Ok(())
}

impl Core {
    /// After a sync of `org_ids`: new and moved people get their
    /// templates, one run per org, each applied before the next. One org's
    /// failure does not stop the others. Answers each org that had
    /// something to do, with its run or why it failed.
    pub async fn enforce_templates(
        &self,
        org_ids: &[String],
        progress: &RunProgressFn<'_>,
    ) -> Vec<(String, Result<RunSummary, ApiError>)> {
        let actor = match self.actor().await {
            Ok(actor) => actor,
            Err(e) => return org_ids.iter().map(|org| (org.clone(), Err(e.clone()))).collect(),
        };
        let mut outcomes = Vec::new();
        for org_id in org_ids {
            let outcome = match journal_enforcement(&self.store, &self.ledger, org_id, &actor) {
                Ok(None) => continue,
                Ok(Some(run)) => self.run_apply(&run.run_id, progress).await,
                Err(e) => Err(e),
            };
            outcomes.push((org_id.clone(), outcome));
        }
        outcomes
    }
}

/// Compares the org with the snapshot templates were last enforced
/// against, journals what new and moved people get, and moves the snapshot
/// on. Returns the run to apply, if any.
pub fn journal_enforcement(
    store: &Store,
    ledger: &Ledger,
    org_id: &str,
    actor: &str,
) -> Result<Option<RunSummary>, ApiError> {
    let templates: Vec<Template> = ledger.template_list(org_id)?;
    if templates.is_empty() {
        // Nothing to enforce, and no reason to read every person after each
        // sync: the snapshot starts again with the next template.
        ledger.set_enforced_people(org_id, &[])?;
        return Ok(None);
    }
    let snapshot = facts::load(store, org_id)?;
    let before = ledger.enforced_people(org_id)?;
    let now: Vec<(String, Vec<String>)> =
        snapshot.facts.people.iter().map(|p| (p.id.clone(), sorted(&p.groups))).collect();
    if before.is_empty() {
        ledger.set_enforced_people(org_id, &now)?;
        return Ok(None);
    }
    let new_users: Vec<String> =
        now.iter().filter(|(id, _)| !before.contains_key(id)).map(|(id, _)| id.clone()).collect();
    let moves: Vec<GroupMove> = now
        .iter()
        .filter_map(|(id, groups)| {
            let from = before.get(id)?;
            (from != groups).then(|| GroupMove { person_id: id.clone(), from: from.clone() })
        })
        .collect();
    let settings = ledger.template_settings(org_id)?;
    let mut entries: Vec<NewEntry> = Vec::new();
    let mut planned: HashSet<String> = HashSet::new();
    for action in [Action::NewUsers { person_ids: new_users }, Action::GroupMoves { moves }] {
        let request = PlanRequest {
            mode: settings.mode,
            templates: templates.clone(),
            action,
            group_transition_preserve: settings.group_transition_preserve,
            grants: ledger.grants(org_id)?,
        };
        let plan = rules::plan(&request, &snapshot.facts);
        for entry in entries_of(&plan, &templates, &snapshot) {
            if planned.insert(entry.change.person_id.clone()) {
                entries.push(hold_back_calling_removal(entry));
            }
        }
    }
    // The snapshot moves on with the journal: the same people are not
    // planned twice, whatever the run's fate.
    ledger.set_enforced_people(org_id, &now)?;
    if entries.is_empty() {
        return Ok(None);
    }
    Ok(Some(ledger.create_run(org_id, &RunAction::Enforced, actor, &entries, now_ms())?))
}

fn sorted(groups: &[String]) -> Vec<String> {
    let mut groups = groups.to_vec();
    groups.sort();
    groups
}

fn hold_back_calling_removal(mut entry: NewEntry) -> NewEntry {
    if entry.change.remove.iter().any(|r| r.calling) {
        entry.skip_reason = Some(
            "Removing Calling deletes voicemail, numbers and call settings for good (C8): hubdesk does not do it \
             without your typed confirmation. Re-apply the template with preserve off to remove it."
                .to_owned(),
        );
    }
    entry
}
