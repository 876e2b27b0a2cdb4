//! The templates screen: what it shows, the mode switch (T1) and the
//! group-transition setting (T7).

use super::facts::{self, OrgSnapshot};
use crate::ledger::OrgTemplateSettings;
use crate::Core;
use hubdesk_api::{ApiError, AssignmentMode, ErrorCode, TemplateError, TemplateSummary, TemplatesView};
use hubdesk_rules::templates::templates_left_by_mode_switch;

impl Core {
    pub fn templates_view(&self, org_id: &str) -> Result<TemplatesView, ApiError> {
        let snapshot = facts::load(&self.store, org_id)?;
        self.view_of(org_id, &snapshot)
    }

    pub(super) fn view_of(&self, org_id: &str, snapshot: &OrgSnapshot) -> Result<TemplatesView, ApiError> {
        let settings = self.ledger.template_settings(org_id)?;
        let stored = self.ledger.templates(org_id)?;
        let templates: Vec<_> = stored.iter().map(|(t, _)| t.clone()).collect();
        let groups = facts::group_options(&snapshot.facts, &templates);
        let licenses = facts::license_options(&snapshot.facts);
        let sites = facts::site_options(&snapshot.facts, &licenses);
        let summaries = stored
            .into_iter()
            .map(|(template, updated_ms)| {
                let group = template.group_id.as_ref().and_then(|id| groups.iter().find(|g| &g.id == id));
                TemplateSummary {
                    group_name: group.map(|g| g.name.clone()),
                    member_count: group.map_or(snapshot.facts.people.len() as u32, |g| g.member_count),
                    template,
                    updated_ms,
                }
            })
            .collect();
        let last_synced_ms = self.store.last_synced_ms(org_id)?;
        Ok(TemplatesView {
            org_id: org_id.to_owned(),
            mode: settings.mode,
            group_transition_preserve: settings.group_transition_preserve,
            templates: summaries,
            groups,
            licenses,
            sites,
            last_synced_ms,
            unfinished_run: self.ledger.unfinished_run(org_id)?,
        })
    }

    /// T1: switching deletes the other mode's templates. Licenses already
    /// assigned stay: deleting never removes them by itself (T6).
    pub fn templates_set_mode(&self, org_id: &str, mode: AssignmentMode) -> Result<TemplatesView, ApiError> {
        let settings = self.ledger.template_settings(org_id)?;
        let templates: Vec<_> = self.ledger.template_list(org_id)?;
        let deleted = templates_left_by_mode_switch(&templates, mode);
        self.ledger.switch_mode(org_id, OrgTemplateSettings { mode, ..settings }, &deleted)?;
        self.templates_view(org_id)
    }

    /// T7: whether users moving between groups keep their licenses.
    pub fn templates_set_transition_preserve(&self, org_id: &str, preserve: bool) -> Result<TemplatesView, ApiError> {
        let settings = self.ledger.template_settings(org_id)?;
        self.ledger
            .set_template_settings(org_id, OrgTemplateSettings { group_transition_preserve: preserve, ..settings })?;
        self.templates_view(org_id)
    }
}

/// A rule broken by a template, in words.
pub(super) fn template_error(error: &TemplateError) -> ApiError {
    let message = match error {
        TemplateError::WrongMode => "This template does not fit the organization's mode: switch between org-wide and per-group assignment first (T1).".to_owned(),
        TemplateError::Duplicate => "There is already a template for this organization or group (T1).".to_owned(),
        TemplateError::DistributionGroup => "Distribution groups cannot carry a license template; choose a security group (T17).".to_owned(),
        TemplateError::UnknownGroup => "The group is not in the cache; sync the organization and try again.".to_owned(),
        TemplateError::UnknownLicense { license_id } => format!("License {license_id} is not in the cache; sync the organization and try again."),
        TemplateError::SiteTwice { site_url } => format!("{site_url} appears twice: a template has one Meetings entry per site (T10)."),
        TemplateError::NotASiteLicense { site_url, .. } => format!("The host license chosen for {site_url} is not a Meetings license of that site."),
        TemplateError::NoAttendeeFeature { site_url } => format!("{site_url} does not offer attendee accounts (T14)."),
        TemplateError::Empty => "A template needs at least one license.".to_owned(),
    };
    ApiError::new(ErrorCode::InvalidTemplate, message)
}
