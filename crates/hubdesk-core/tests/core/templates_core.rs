//! License templates through `Core`, as the window uses them: the demo
//! sign-in, a synced customer, the templates screen, preview, commit,
//! apply, history, audit; the C8 confirmation and the offline refusal.

use hubdesk_api::{
    ApplyRequest, AssignmentMode, AuditEvent, EntryState, ErrorCode, LicenseCategory, RunState, SaveScope,
    TemplateDraft,
};
use hubdesk_core::Core;

async fn signed_in_with_a_synced_customer() -> (tempfile::TempDir, Core, String) {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    core.sync_org(&customer, &|_| {}).await.expect("sync");
    (dir, core, customer)
}

fn draft(name: &str, group: Option<&str>, licenses: Vec<String>) -> TemplateDraft {
    TemplateDraft { id: None, name: name.into(), group_id: group.map(str::to_owned), licenses, meetings: vec![] }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_group_template_is_previewed_applied_and_audited() {
    let (_dir, core, org) = signed_in_with_a_synced_customer().await;
    let view = core.templates_view(&org).unwrap();
    assert_eq!(view.mode, AssignmentMode::Org, "Control Hub's default");
    assert!(view.templates.is_empty() && view.last_synced_ms.is_some());
    assert!(view.groups.iter().any(|g| !g.eligible), "T17: distribution groups are listed, not eligible");
    assert!(view.licenses.iter().any(|l| l.category == LicenseCategory::Calling));
    assert!(!view.sites.is_empty());

    let view = core.templates_set_mode(&org, AssignmentMode::Group).await.unwrap();
    let distribution = view.groups.iter().find(|g| !g.eligible).unwrap();
    let messaging = view.licenses.iter().find(|l| l.name == "Advanced Messaging").unwrap().id.clone();
    let scope = SaveScope { existing_users: true, preserve: true };
    let refused =
        core.templates_preview_save(&org, &draft("Lists", Some(&distribution.id), vec![messaging.clone()]), scope);
    assert_eq!(refused.unwrap_err().code, ErrorCode::InvalidTemplate, "T17");

    let group = view.groups.iter().filter(|g| g.eligible).max_by_key(|g| g.member_count).unwrap();
    let preview = core.templates_preview_save(&org, &draft("Sales", Some(&group.id), vec![messaging]), scope).unwrap();
    assert!(preview.plan.totals.users_changed > 0);
    assert_eq!(preview.calling_confirmation, None, "nothing removes Calling");
    let csv = core.preview_csv(&preview.preview_id).unwrap();
    assert_eq!(csv.lines().count() as u32, preview.plan.users.len() as u32 + 1, "a header and a row per user");

    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: None };
    let run = core.templates_commit(&request).await.unwrap().expect("a run");
    assert_eq!(run.total, preview.plan.totals.users_changed);
    let summary = core.run_apply(&run.run_id, &|_| {}).await.unwrap();
    assert_eq!((summary.state, summary.failed), (RunState::Finished, 0));
    assert_eq!(core.runs_list(&org).unwrap()[0].run_id, run.run_id);
    let detail = core.run_detail(&run.run_id).unwrap();
    assert!(detail.entries.iter().all(|e| e.state == EntryState::Done && e.tracking_id.is_some()));
    let audit = core.audit_list(&org).unwrap();
    let (events, changes): (Vec<_>, Vec<_>) = audit.iter().partition(|a| a.event.is_some());
    assert_eq!(changes.len() as u32, summary.succeeded);
    // Newest first: the template saved, after the mode switched to per group.
    let events: Vec<_> = events.iter().map(|a| a.event.clone().unwrap()).collect();
    assert_eq!(
        events,
        [
            AuditEvent::TemplateSaved { template_name: "Sales".into(), edited: false },
            AuditEvent::ModeSwitched { mode: AssignmentMode::Group, deleted_templates: vec![] },
        ],
        "the audit log records changes to hubdesk's own templates and settings too"
    );
    let me = core.session_info().await.user.unwrap().email;
    assert!(audit.iter().all(|a| a.actor == me), "the audit names who did it");
    let text = core.audit_log_csv(&org).unwrap();
    assert!(text.starts_with("When (UTC),Who,User,User ID,Change,Outcome,Tracking ID,Run"));
    assert!(text.contains("Template created: Sales"), "events read in English in the CSV");

    // A preview is used once: committing it again is refused.
    assert_eq!(core.templates_commit(&request).await.unwrap_err().code, ErrorCode::PreviewExpired);
    let view = core.templates_view(&org).unwrap();
    assert_eq!(view.templates.len(), 1);
    assert!(view.groups.iter().find(|g| g.id == group.id).unwrap().has_template);
    core.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn c8_removing_calling_needs_the_typed_confirmation_and_nothing_is_sent_offline() {
    let (_dir, core, org) = signed_in_with_a_synced_customer().await;
    let view = core.templates_view(&org).unwrap();
    let messaging = view.licenses.iter().find(|l| l.name == "Messaging").unwrap().id.clone();
    // T5: existing users, preserve off: everything but Messaging goes.
    let scope = SaveScope { existing_users: true, preserve: false };
    let preview = core.templates_preview_save(&org, &draft("Bare", None, vec![messaging]), scope).unwrap();
    assert!(preview.plan.totals.calling_removals > 0);
    let expected = preview.calling_confirmation.clone().expect("C8 asks for a typed confirmation");
    assert!(expected.contains(&preview.plan.totals.calling_removals.to_string()));

    for typed in [None, Some("yes".to_owned())] {
        let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: typed };
        assert_eq!(core.templates_commit(&request).await.unwrap_err().code, ErrorCode::ConfirmationRequired);
    }
    assert!(core.templates_view(&org).unwrap().templates.is_empty(), "nothing saved without the confirmation");

    // Offline: the confirmed commit is refused, not queued.
    core.shutdown().await;
    let request =
        ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: Some(expected.to_uppercase()) };
    let error = core.templates_commit(&request).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Offline, "{error:?}");
    assert!(core.templates_view(&org).unwrap().templates.is_empty());
    assert!(core.runs_list(&org).unwrap().is_empty(), "nothing journaled");
}
