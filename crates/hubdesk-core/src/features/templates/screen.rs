//! The templates screen: what it shows, the mode switch (T1) and the
//! group-transition setting (T7).

use super::facts::{self, OrgSnapshot};
use crate::ledger::OrgTemplateSettings;
use crate::store::now_ms;
use crate::Core;
use hubdesk_api::{
    ApiError, AssignmentMode, AuditEvent, ErrorCode, NotForUsers, TemplateError, TemplateSummary, TemplatesView,
};
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
    pub async fn templates_set_mode(&self, org_id: &str, mode: AssignmentMode) -> Result<TemplatesView, ApiError> {
        let settings = self.ledger.template_settings(org_id)?;
        let templates: Vec<_> = self.ledger.template_list(org_id)?;
        let deleted = templates_left_by_mode_switch(&templates, mode);
        self.ledger.switch_mode(org_id, OrgTemplateSettings { mode, ..settings }, &deleted)?;
        if settings.mode != mode {
            let names = templates.iter().filter(|t| deleted.contains(&t.id)).map(|t| t.name.clone()).collect();
            let event = AuditEvent::ModeSwitched { mode, deleted_templates: names };
            self.ledger.record_event(org_id, &self.audit_actor().await, &event, now_ms())?;
        }
        self.templates_view(org_id)
    }

    /// T7: whether users moving between groups keep their licenses.
    pub async fn templates_set_transition_preserve(
        &self,
        org_id: &str,
        preserve: bool,
    ) -> Result<TemplatesView, ApiError> {
        let settings = self.ledger.template_settings(org_id)?;
        self.ledger
            .set_template_settings(org_id, OrgTemplateSettings { group_transition_preserve: preserve, ..settings })?;
        if settings.group_transition_preserve != preserve {
            let event = AuditEvent::TransitionPreserveSet { preserve };
            self.ledger.record_event(org_id, &self.audit_actor().await, &event, now_ms())?;
        }
        self.templates_view(org_id)
    }

    /// Who the audit log names for a change made without Webex: the signed-in
    /// admin, or this computer's user when nobody is.
    async fn audit_actor(&self) -> String {
        match self.signed_in_email().await {
            Ok(email) => email,
            Err(_) => std::env::var("USER").unwrap_or_else(|_| "hubdesk".to_owned()),
        }
    }
}

/// A rule broken by a template, in words an admin acts on; the rule and
/// the ids go to the detail.
pub(super) fn template_error(error: &TemplateError) -> ApiError {
    let message = match error {
        // T1
        TemplateError::WrongMode => "This template does not fit how the organization assigns licenses. Switch between organization-wide and per-group assignment first.".to_owned(),
        TemplateError::Duplicate => "This organization or group already has a template. Edit that one instead.".to_owned(),
        // T17
        TemplateError::DistributionGroup => "Distribution groups cannot have a license template. Choose a security group.".to_owned(),
        TemplateError::UnknownGroup => "This group is no longer in the organization. Sync the organization, then choose a group again.".to_owned(),
        TemplateError::UnknownLicense { .. } => "A license in this template is no longer in the organization's subscriptions. Remove it from the template.".to_owned(),
        TemplateError::NotForUsers { why: NotForUsers::Workspaces, .. } => "Webex Calling Workspaces licenses are for shared devices and rooms, not people. Remove it from the template.".to_owned(),
        TemplateError::NotForUsers { why: NotForUsers::Messenger, .. } => "Webex manages Messenger licenses itself; an administrator cannot assign them. Remove it from the template.".to_owned(),
        TemplateError::LicenseTwice { .. } => "The template names the same license twice. Remove one.".to_owned(),
        // T10
        TemplateError::SiteTwice { site_url } => format!("{site_url} appears twice. A template has one Meetings entry per site."),
        TemplateError::NotASiteLicense { site_url, .. } => format!("The host license chosen for {site_url} is not a Meetings license of that site. Choose one of the site's licenses."),
        // T14
        TemplateError::NoAttendeeFeature { site_url } => format!("{site_url} does not offer attendee accounts. Choose a host license for it instead."),
        TemplateError::Empty => "A template needs at least one license.".to_owned(),
    };
    ApiError::new(ErrorCode::InvalidTemplate, message).with_detail(format!("{error:?}"))
}
