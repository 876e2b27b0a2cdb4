//! S5's last resort: the user's paid Meetings license on a site removed,
//! then assigned again, through the apply journal. One run
//! (`RunAction::MeetingsLicenseReassigned`) with two entries for the
//! person, sent strictly in order (`RunAction::in_order`): each is marked
//! in flight before its PATCH leaves and its answer audited with its
//! tracking id. After a crash between the two, resuming the run checks the
//! entry in flight first and then assigns the license again, so a crash
//! never leaves the user without it for good; running the same re-assign
//! again resumes the unfinished run rather than starting another.

use hubdesk_api::{
    ApiError, EntryState, ErrorCode, LicenseAdd, LicenseRemove, MeetingsReassigned, MeetingsRole, RunAction,
    RunSummary, UserChange,
};
use hubdesk_rules::meetings::{self, HeldLicense};

use super::set::refused_offline;
use super::{to_rule_type, Target};
use crate::features::templates::apply::RunProgressFn;
use crate::ledger::NewEntry;
use crate::store::now_ms;
use crate::Core;

impl Core {
    /// Removes and re-assigns the user's paid Meetings license on `site`;
    /// the run, and what the user holds afterwards (read again).
    pub async fn meetings_reassign_license(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
    ) -> Result<MeetingsReassigned, ApiError> {
        self.meetings_reassign_license_reporting(org_id, person, site, &|_| {}).await
    }

    /// The same, with the run's progress (the window's `run-progress`).
    pub async fn meetings_reassign_license_reporting(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
        progress: &RunProgressFn<'_>,
    ) -> Result<MeetingsReassigned, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await.map_err(refused_offline)?;
        let run = match self.unfinished_reassign(&target, site)? {
            Some(run) => run,
            None => self.meetings_reassign_journal_for(&target, site).await?,
        };
        let RunAction::MeetingsLicenseReassigned { site_url, license_name, .. } = run.action.clone() else {
            unreachable!("a re-assign run")
        };
        let applied = self.run_apply(&run.run_id, progress).await;
        let detail = self.ledger.run_detail(&run.run_id)?;
        let tracking_ids = detail.entries.iter().filter_map(|e| e.tracking_id.clone()).collect();
        if let Err(e) = applied {
            return Err(stopped_between(e, &detail.entries, &target.email, &license_name, &site_url));
        }
        // What Webex holds now, read again rather than trusted from the answers.
        let (after, user_types) =
            futures::join!(client.person(&target.person.id), client.user_session_types(&target.person.id, &site_url));
        let after = after.map_err(ApiError::from)?;
        let target = Target::new(target.org_id, after, target.email, target.org_licenses, &[]);
        let license_held = matches!(meetings::role_on(&target.facts, &site_url), MeetingsRole::Host { .. });
        let warning = (!license_held).then(|| {
            let why = detail.entries.iter().rev().find_map(|e| e.error.clone()).unwrap_or_default();
            format!(
                "{} does not hold {license_name} on {site_url} now, so they cannot host or schedule there. {}Resume \
                 the run under History, or assign the license again, to give it back. {why}",
                target.email,
                match detail.summary.state {
                    hubdesk_api::RunState::Finished => "",
                    _ => "The run stopped before the license was assigned again. ",
                }
            )
            .trim_end()
            .to_owned()
        });
        Ok(MeetingsReassigned {
            run: self.ledger.run_summary(&run.run_id)?,
            site_url,
            license_name,
            tracking_ids,
            license_held,
            licenses: target.facts.licenses.iter().map(|l| l.name.clone()).collect(),
            session_types: user_types.ok().map(|types| types.into_iter().map(to_rule_type).collect()),
            warning,
        })
    }

    /// Journals the re-assign without sending anything: the run, with the
    /// removal first and the new assignment second.
    pub async fn meetings_reassign_journal(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
    ) -> Result<RunSummary, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await.map_err(refused_offline)?;
        self.meetings_reassign_journal_for(&target, site).await
    }

    async fn meetings_reassign_journal_for(&self, target: &Target, site: &str) -> Result<RunSummary, ApiError> {
        let license = meetings::license_to_reassign(&target.facts, site, &target.email)
            .map_err(|sentence| ApiError::new(ErrorCode::InvalidInput, sentence))?;
        let site_url = license.site_url.clone().unwrap_or_else(|| site.to_owned());
        let actor = self.signed_in_email().await?;
        let action = RunAction::MeetingsLicenseReassigned {
            site_url: site_url.clone(),
            license_name: license.name.clone(),
            email: target.email.clone(),
        };
        let entries = reassign_entries(target, &license, &site_url);
        Ok(self.ledger.create_run(&target.org_id, &action, &actor, &entries, now_ms())?)
    }

    /// A re-assign of the same license that stopped before it finished.
    fn unfinished_reassign(&self, target: &Target, site: &str) -> Result<Option<RunSummary>, ApiError> {
        let same = |run: &RunSummary| {
            matches!(&run.action, RunAction::MeetingsLicenseReassigned { site_url, email, .. }
                if site_url.eq_ignore_ascii_case(site) && email.eq_ignore_ascii_case(&target.email))
        };
        let runs = self.ledger.runs(&target.org_id)?;
        Ok(runs.into_iter().filter(|r| r.state != hubdesk_api::RunState::Finished).find(same))
    }
}

/// The two entries, in the order they are sent: the license removed, then
/// the same license of the same site assigned again.
fn reassign_entries(target: &Target, license: &HeldLicense, site_url: &str) -> Vec<NewEntry> {
    // The site in the name: the audit line says which site's license it was.
    let name = format!("{} ({site_url})", license.name);
    let subscription_id =
        target.org_licenses.iter().find(|l| l.id == license.id).and_then(|l| l.subscription_id.clone());
    let change = |add: Vec<LicenseAdd>, remove: Vec<LicenseRemove>| UserChange {
        person_id: target.person.id.clone(),
        email: target.email.clone(),
        display_name: target.person.display_name.clone(),
        add,
        remove,
        roles: vec![],
        issues: vec![],
        pending_first_sign_in: false,
    };
    let remove = LicenseRemove { license_id: license.id.clone(), name: name.clone(), calling: false };
    let add = LicenseAdd {
        license_id: license.id.clone(),
        name,
        subscription_id,
        site_url: Some(site_url.to_owned()),
        calling: None,
    };
    [change(vec![], vec![remove]), change(vec![add], vec![])]
        .into_iter()
        .map(|change| NewEntry { change, grants: vec![], skip_reason: None })
        .collect()
}

/// The run stopped (offline, most often): when the license was removed and
/// not yet given back, the admin is told so, and how it comes back.
fn stopped_between(
    error: ApiError,
    entries: &[hubdesk_api::RunEntry],
    email: &str,
    license_name: &str,
    site_url: &str,
) -> ApiError {
    let removed = entries.first().is_some_and(|e| matches!(e.state, EntryState::Done | EntryState::Partial));
    let given_back = entries.get(1).is_some_and(|e| matches!(e.state, EntryState::Done | EntryState::Partial));
    if !removed || given_back {
        return error;
    }
    let detail = error.detail.clone().unwrap_or_else(|| error.message.clone());
    ApiError::new(
        error.code,
        format!(
            "{license_name} on {site_url} was removed from {email}, but it could not be assigned again yet: \
             {} Until it is, they cannot host or schedule on {site_url}. Run the re-assign again (or Resume the \
             run under History) and hubdesk assigns it again.",
            error.message
        ),
    )
    .with_detail(detail)
}
