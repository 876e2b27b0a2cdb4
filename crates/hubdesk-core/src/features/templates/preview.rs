//! Previews (nothing sent) and committing one: the template is saved or
//! deleted and the changes written to the journal, all before any request.

use std::collections::VecDeque;

use super::enforce::start_enforcing;
use super::entries::entries_of;
use super::facts::{self, OrgSnapshot};
use super::screen::template_error;
use crate::ledger::{Ledger, NewEntry, OrgTemplateSettings};
use crate::store::{now_ms, Store};
use crate::Core;
use hubdesk_api::{
    ApiError, ApplyRequest, AssignmentMode, AuditEvent, ErrorCode, Preview, RunAction, RunSummary, SaveScope, Template,
    TemplateDraft,
};
use hubdesk_rules::templates::{self as rules, Action, OrgFacts, PersonFact, Plan, PlanRequest};

/// Previews kept for commit; older ones expire.
const KEPT_PREVIEWS: usize = 8;

#[derive(Default)]
pub struct Previews(std::sync::Mutex<VecDeque<Planned>>);

enum Intent {
    /// The template, and the mode it was planned in.
    Save(Template, AssignmentMode),
    Delete(String),
    /// C6: saved templates applied again; nothing about them changes.
    Reapply,
}

impl Previews {
    fn keep(&self, planned: Planned) -> Preview {
        let preview = planned.preview.clone();
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if list.len() == KEPT_PREVIEWS {
            list.pop_front();
        }
        list.push_back(planned);
        preview
    }

    fn take(&self, id: &str) -> Option<Planned> {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let at = list.iter().position(|p| p.preview.preview_id == id)?;
        list.remove(at)
    }

    pub(super) fn plan_of(&self, id: &str) -> Option<Plan> {
        let list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        list.iter().find(|p| p.preview.preview_id == id).map(|p| p.preview.plan.clone())
    }
}

/// A computed preview with what committing it takes.
pub struct Planned {
    pub preview: Preview,
    intent: Intent,
    action: RunAction,
    entries: Vec<NewEntry>,
    /// The org's last sync when previewed: a newer sync expires it.
    synced_ms: Option<i64>,
}

/// T4, T5, T6: what saving `draft` with `scope` would change. `mode`
/// overrides the org's stored mode (the command line adopts the draft's
/// when the org has no template yet).
pub fn plan_save(
    store: &Store,
    ledger: &Ledger,
    org_id: &str,
    draft: &TemplateDraft,
    scope: SaveScope,
    mode: Option<AssignmentMode>,
) -> Result<Planned, ApiError> {
    let snapshot = facts::load(store, org_id)?;
    let mut settings = ledger.template_settings(org_id)?;
    settings.mode = mode.unwrap_or(settings.mode);
    let stored: Vec<Template> = ledger.template_list(org_id)?;
    let template = template_of(draft)?;
    let previous = stored.iter().find(|t| t.id == template.id).cloned();
    rules::validate(&template, settings.mode, &stored, &snapshot.facts).map_err(|e| template_error(&e))?;
    let mut templates: Vec<Template> = stored.into_iter().filter(|t| t.id != template.id).collect();
    templates.push(template.clone());
    let action = Action::Save {
        template_id: template.id.clone(),
        previous: previous.clone(),
        existing_users: scope.existing_users,
        preserve: scope.preserve,
    };
    let run_action = RunAction::Saved {
        template_name: template.name.clone(),
        edited: previous.is_some(),
        existing_users: scope.existing_users,
    };
    let request = PlanRequest {
        mode: settings.mode,
        templates,
        action,
        group_transition_preserve: settings.group_transition_preserve,
        grants: ledger.grants(org_id)?,
    };
    planned(store, org_id, &snapshot, request, Intent::Save(template, settings.mode), run_action)
}

/// T6: what deleting a template would change (nothing unless `preserve`
/// is off).
pub fn plan_delete(
    store: &Store,
    ledger: &Ledger,
    org_id: &str,
    template_id: &str,
    preserve: bool,
) -> Result<Planned, ApiError> {
    let snapshot = facts::load(store, org_id)?;
    let settings = ledger.template_settings(org_id)?;
    let stored: Vec<Template> = ledger.template_list(org_id)?;
    let template = stored.iter().find(|t| t.id == template_id).cloned().ok_or_else(|| {
        ApiError::new(ErrorCode::NotFound, "This template no longer exists. Reopen the templates screen.")
    })?;
    let run_action = RunAction::Deleted { template_name: template.name.clone() };
    let request = PlanRequest {
        mode: settings.mode,
        templates: stored.into_iter().filter(|t| t.id != template_id).collect(),
        action: Action::Delete { template, preserve },
        group_transition_preserve: settings.group_transition_preserve,
        grants: ledger.grants(org_id)?,
    };
    planned(store, org_id, &snapshot, request, Intent::Delete(template_id.to_owned()), run_action)
}

/// C6: the saved templates `template_ids` applied again to the existing
/// users they cover for whom `only` holds (the Calling fix: those without
/// Calling yet). What users hold is kept (preserve) and no template changes.
pub fn plan_reapply(
    store: &Store,
    ledger: &Ledger,
    org_id: &str,
    template_ids: &[String],
    only: &dyn Fn(&OrgFacts, &PersonFact) -> bool,
) -> Result<Planned, ApiError> {
    let mut snapshot = facts::load(store, org_id)?;
    let kept: Vec<bool> = snapshot.facts.people.iter().map(|p| only(&snapshot.facts, p)).collect();
    let mut keep = kept.into_iter();
    snapshot.facts.people.retain(|_| keep.next().unwrap_or(false));
    let settings = ledger.template_settings(org_id)?;
    let templates: Vec<Template> = ledger.template_list(org_id)?;
    let chosen: Vec<&Template> = templates.iter().filter(|t| template_ids.contains(&t.id)).collect();
    let Some(first) = chosen.first() else {
        return Err(ApiError::new(ErrorCode::NotFound, "This template no longer exists. Reopen the templates screen."));
    };
    let action = match (settings.mode, chosen.len()) {
        // T13 leaves users created with licenses alone when new; an org
        // template saved for existing users does not, so it is saved again.
        (AssignmentMode::Org, _) | (_, 1) => Action::Save {
            template_id: first.id.clone(),
            previous: Some((*first).clone()),
            existing_users: true,
            preserve: true,
        },
        // Several group templates: each user gets their own groups' ones.
        (AssignmentMode::Group, _) => {
            let groups: Vec<&String> = chosen.iter().filter_map(|t| t.group_id.as_ref()).collect();
            let covered = snapshot.facts.people.iter().filter(|p| p.groups.iter().any(|g| groups.contains(&g)));
            Action::NewUsers { person_ids: covered.map(|p| p.id.clone()).collect() }
        }
    };
    let names: Vec<&str> = chosen.iter().map(|t| t.name.as_str()).collect();
    let run_action = RunAction::CallingTemplateReapplied { template_name: names.join(", ") };
    let request = PlanRequest {
        mode: settings.mode,
        templates: templates.clone(),
        action,
        group_transition_preserve: settings.group_transition_preserve,
        grants: ledger.grants(org_id)?,
    };
    planned(store, org_id, &snapshot, request, Intent::Reapply, run_action)
}

fn planned(
    store: &Store,
    org_id: &str,
    snapshot: &OrgSnapshot,
    request: PlanRequest,
    intent: Intent,
    action: RunAction,
) -> Result<Planned, ApiError> {
    let plan = rules::plan(&request, &snapshot.facts);
    let entries = entries_of(&plan, &request.templates, snapshot);
    let preview = Preview {
        preview_id: uuid::Uuid::new_v4().to_string(),
        org_id: org_id.to_owned(),
        calling_confirmation: calling_confirmation(plan.totals.calling_removals),
        plan,
    };
    Ok(Planned { preview, intent, action, entries, synced_ms: store.last_synced_ms(org_id)? })
}

impl Planned {
    /// C8: refuses unless `typed` is the confirmation the preview asked for.
    pub fn check_confirmation(&self, typed: Option<&str>) -> Result<(), ApiError> {
        let Some(expected) = &self.preview.calling_confirmation else {
            return Ok(());
        };
        if typed.unwrap_or("").trim().eq_ignore_ascii_case(expected) {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorCode::ConfirmationRequired,
            format!("Removing Calling deletes voicemail, numbers and call settings for good (C8). Type “{expected}” to confirm."),
        ))
    }

    pub fn sends_anything(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Saves or deletes the template and journals every change, durably,
    /// before anything is sent. `None` when there is nothing to send.
    pub fn commit(self, store: &Store, ledger: &Ledger, actor: &str) -> Result<Option<RunSummary>, ApiError> {
        let org_id = &self.preview.org_id;
        match &self.intent {
            Intent::Save(template, mode) => {
                let settings = ledger.template_settings(org_id)?;
                if settings.mode != *mode {
                    ledger.set_template_settings(org_id, OrgTemplateSettings { mode: *mode, ..settings })?;
                    let switched = AuditEvent::ModeSwitched { mode: *mode, deleted_templates: Vec::new() };
                    ledger.record_event(org_id, actor, &switched, now_ms())?;
                }
                ledger.save_template(org_id, template, now_ms())?
            }
            Intent::Delete(id) => ledger.delete_template(org_id, id)?,
            Intent::Reapply => {}
        }
        if !matches!(self.intent, Intent::Reapply) {
            if let Some(event) = audit_event(&self.action) {
                ledger.record_event(org_id, actor, &event, now_ms())?;
            }
            start_enforcing(store, ledger, org_id)?;
        }
        if self.entries.is_empty() {
            return Ok(None);
        }
        Ok(Some(ledger.create_run(org_id, &self.action, actor, &self.entries, now_ms())?))
    }
}

impl Previews {
    /// Keeps a preview planned elsewhere (the Calling fixes' C6) for `templates_commit`.
    pub fn keep_planned(&self, planned: Planned) -> Preview {
        self.keep(planned)
    }
}

impl Core {
    pub fn templates_preview_save(
        &self,
        org_id: &str,
        draft: &TemplateDraft,
        scope: SaveScope,
    ) -> Result<Preview, ApiError> {
        let planned = plan_save(&self.store, &self.ledger, org_id, draft, scope, None)?;
        Ok(self.previews.keep(planned))
    }

    /// A template file, as the command line reads it: without an id it
    /// edits the template of the same group (or the org template) rather
    /// than adding one, and an org without templates takes the file's mode
    /// (T1). The preview is kept for `templates_commit`, as the window's.
    pub fn templates_preview_file(
        &self,
        org_id: &str,
        mut draft: TemplateDraft,
        scope: SaveScope,
    ) -> Result<Preview, ApiError> {
        let stored = self.ledger.template_list(org_id)?;
        if draft.id.is_none() {
            draft.id = stored.iter().find(|t| t.group_id == draft.group_id).map(|t| t.id.clone());
        }
        let file_mode = if draft.group_id.is_some() { AssignmentMode::Group } else { AssignmentMode::Org };
        let mode = stored.is_empty().then_some(file_mode);
        let planned = plan_save(&self.store, &self.ledger, org_id, &draft, scope, mode)?;
        Ok(self.previews.keep(planned))
    }

    pub fn templates_preview_delete(
        &self,
        org_id: &str,
        template_id: &str,
        preserve: bool,
    ) -> Result<Preview, ApiError> {
        let planned = plan_delete(&self.store, &self.ledger, org_id, template_id, preserve)?;
        Ok(self.previews.keep(planned))
    }

    /// Commits the preview the admin saw. Returns the run to apply, `None`
    /// when nothing is to be sent.
    pub async fn templates_commit(&self, request: &ApplyRequest) -> Result<Option<RunSummary>, ApiError> {
        let planned = self.previews.take(&request.preview_id).ok_or_else(expired)?;
        if self.store.last_synced_ms(&planned.preview.org_id)? != planned.synced_ms {
            return Err(expired());
        }
        if let Err(e) = planned.check_confirmation(request.typed_confirmation.as_deref()) {
            self.previews.keep(planned);
            return Err(e);
        }
        let actor = self.actor().await?;
        if planned.sends_anything() {
            self.require_online().await?;
        }
        planned.commit(&self.store, &self.ledger, &actor)
    }

    /// Writes are refused, never queued, when Webex cannot be reached.
    pub async fn require_online(&self) -> Result<(), ApiError> {
        let client = self.client().await?;
        match client.me().await {
            Err(e @ crate::webex::WebexError::Network { .. }) => Err(ApiError::new(
                ErrorCode::Offline,
                "Webex cannot be reached, so nothing was saved or sent. Try again when you are online.",
            )
            .with_detail(e)),
            Err(e) => Err(e.into()),
            Ok(_) => Ok(()),
        }
    }
}

/// What the audit log says of a saved or deleted template.
fn audit_event(action: &RunAction) -> Option<AuditEvent> {
    match action {
        RunAction::Saved { template_name, edited, .. } => {
            Some(AuditEvent::TemplateSaved { template_name: template_name.clone(), edited: *edited })
        }
        RunAction::Deleted { template_name } => {
            Some(AuditEvent::TemplateDeleted { template_name: template_name.clone() })
        }
        _ => None,
    }
}

fn expired() -> ApiError {
    ApiError::new(
        ErrorCode::PreviewExpired,
        "This preview is out of date: the cache changed or hubdesk restarted. Preview again.",
    )
}

fn template_of(draft: &TemplateDraft) -> Result<Template, ApiError> {
    let name = draft.name.trim();
    if name.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "A template needs a name."));
    }
    Ok(Template {
        id: draft.id.clone().filter(|id| !id.is_empty()).unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        name: name.to_owned(),
        group_id: draft.group_id.clone(),
        licenses: draft.licenses.clone(),
        meetings: draft.meetings.clone(),
    })
}

/// C8: what the admin types to remove Calling from `count` users.
pub(crate) fn calling_confirmation(count: u32) -> Option<String> {
    match count {
        0 => None,
        1 => Some("remove calling from 1 user".to_owned()),
        n => Some(format!("remove calling from {n} users")),
    }
}
