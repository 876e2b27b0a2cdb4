//! The demo tenant as the app runs it: `hubdesk sim` as a process of its
//! own, with its state in the data folder. Killed in the middle of a
//! session (or gone after being idle), it is started again by the next
//! request, and nothing the admin did is lost.

use std::sync::Arc;

use hubdesk_api::{ApplyRequest, AssignmentMode, RunState, SaveScope, SyncResource, TemplateDraft};
use hubdesk_core::auth::Vault;
use hubdesk_core::demo::{DemoClient, DemoRecord, SpawnedDemo, DEMO_RECORD};
use hubdesk_core::{Core, CoreFiles};

use crate::support::BIN;

fn open_core(dir: &std::path::Path) -> Core {
    let client = DemoClient { id: webex_sim::DEMO_CLIENT_ID.into(), secret: webex_sim::DEMO_CLIENT_SECRET.into() };
    let vault = Vault::new(format!("hubdesk-it-{}", uuid::Uuid::new_v4()));
    Core::open(&CoreFiles::in_data_dir(dir), vault).unwrap().with_demo(Arc::new(SpawnedDemo::new(BIN.into(), client)))
}

fn kill_the_demo_tenant(dir: &std::path::Path) {
    let record: DemoRecord = serde_json::from_str(&std::fs::read_to_string(dir.join(DEMO_RECORD)).unwrap()).unwrap();
    let killed = std::process::Command::new("kill").args(["-9", &record.pid.to_string()]).status().unwrap();
    assert!(killed.success(), "the demo tenant's process {} was running", record.pid);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_tenant_comes_back_with_the_admins_changes_after_its_process_dies() {
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path());
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    let first = core.sync_org(&customer, &|_| {}).await.expect("the first sync");
    let people_before = first.iter().find(|r| r.resource == SyncResource::People).unwrap().item_count;

    // The admin's work: a group template applied to the group's members.
    core.templates_set_mode(&customer, AssignmentMode::Group).await.unwrap();
    let view = core.templates_view(&customer).unwrap();
    let group = view.groups.iter().filter(|g| g.eligible).max_by_key(|g| g.member_count).unwrap().clone();
    let license = view.licenses.iter().find(|l| l.name == "Advanced Messaging").unwrap().id.clone();
    let draft = TemplateDraft {
        id: None,
        name: "Durable".into(),
        group_id: Some(group.id.clone()),
        licenses: vec![license.clone()],
        meetings: vec![],
    };
    let preview = core.templates_preview_save(&customer, &draft, SaveScope { existing_users: true, preserve: true });
    let preview = preview.unwrap();
    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: None };
    let run = core.templates_commit(&request).await.unwrap().expect("changes to send");
    let applied = core.run_apply(&run.run_id, &|_| {}).await.unwrap();
    assert_eq!((applied.state, applied.failed), (RunState::Finished, 0));
    assert!(applied.succeeded > 0);

    kill_the_demo_tenant(dir.path());

    // The next request finds nothing answering, starts the tenant again from
    // its saved state, and goes on: a moment's wait, nothing lost.
    let rows = core.sync_org(&customer, &|_| {}).await.expect("the sync after the kill works");
    assert!(rows.iter().all(|r| r.last_error.is_none()), "{rows:?}");
    let people = rows.iter().find(|r| r.resource == SyncResource::People).unwrap().item_count;
    assert_eq!(people, people_before, "the tenant is not back at its seed: everyone is still there");
    let changes = core.changes(&customer).unwrap();
    let lost = changes.iter().filter(|c| c.kind == hubdesk_api::ChangeKind::LicenseLost).count();
    assert_eq!(lost, 0, "no license came back lost: {changes:?}");
    for user in preview.plan.users.iter().filter(|u| !u.add.is_empty()) {
        let person = core.person_detail(&customer, &user.person_id).unwrap();
        assert!(person.licenses.iter().any(|l| l.name == "Advanced Messaging"), "{} kept the license", user.email);
    }

    // Signing in again (the demo's sign-in talks to it directly) works too.
    kill_the_demo_tenant(dir.path());
    core.sign_out().await.unwrap();
    core.sign_in_demo().await.expect("the demo sign-in starts the tenant again");
    core.shutdown().await;
    kill_the_demo_tenant(dir.path());
}
