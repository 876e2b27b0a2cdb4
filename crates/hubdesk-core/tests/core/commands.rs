//! The window's commands with no window: each is dispatched by name with the
//! JSON the window sends (camelCase arguments), as `src-tauri` does, and
//! answers the JSON the window reads. A host of the test's own records the
//! events the window would receive.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use hubdesk_api::{ApiError, ErrorCode, Event, SyncPhase, COMMAND_NAMES};
use hubdesk_core::commands::{dispatch, Caller};
use hubdesk_core::host::Host;
use hubdesk_core::{Core, CoreFiles};
use serde_json::{json, Value};

use crate::support::{open_core, private_vault};

/// Keeps every event; a browser that cannot open; a save dialog that
/// answers `save_answer` and keeps what it was asked to propose; an open
/// dialog that answers `open_answer`.
#[derive(Default)]
struct RecordingHost {
    events: Mutex<Vec<Event>>,
    folders: Mutex<Vec<PathBuf>>,
    save_answer: Mutex<Option<PathBuf>>,
    save_proposals: Mutex<Vec<PathBuf>>,
    open_answer: Mutex<Option<PathBuf>>,
}

impl Host for RecordingHost {
    fn emit(&self, event: Event) {
        self.events.lock().unwrap().push(event);
    }

    fn open_in_browser(&self, _url: String) -> BoxFuture<'static, Result<(), ApiError>> {
        Box::pin(async { Err(ApiError::new(ErrorCode::SignInFailed, "no browser in this test")) })
    }

    fn open_folder(&self, path: PathBuf) -> BoxFuture<'static, Result<(), ApiError>> {
        self.folders.lock().unwrap().push(path);
        Box::pin(async { Ok(()) })
    }

    fn choose_save_path(&self, suggested: PathBuf) -> BoxFuture<'static, Option<PathBuf>> {
        self.save_proposals.lock().unwrap().push(suggested);
        let answer = self.save_answer.lock().unwrap().clone();
        Box::pin(async move { answer })
    }

    fn choose_open_path(&self) -> BoxFuture<'static, Option<PathBuf>> {
        let answer = self.open_answer.lock().unwrap().clone();
        Box::pin(async move { answer })
    }
}

async fn call(caller: &Caller, name: &str, args: Value) -> Result<Value, ApiError> {
    let json = dispatch(caller, name, args).await?;
    Ok(serde_json::from_str(&json).expect("commands answer JSON"))
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_sync_and_search_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let host = Arc::new(RecordingHost::default());
    let caller = Caller::new(Arc::new(open_core(dir.path(), private_vault())), host.clone());

    let session = call(&caller, "get_session", json!({})).await.unwrap();
    assert_eq!(session["user"], Value::Null, "nobody is signed in yet");
    let session = call(&caller, "sign_in_demo", Value::Null).await.expect("a command without arguments takes none");
    assert_eq!(session["tenant"], "demo");
    let home = session["user"]["orgId"].as_str().unwrap().to_owned();

    let orgs = call(&caller, "list_orgs", json!({})).await.unwrap();
    assert_eq!(orgs.as_array().unwrap().len(), 4, "the partner and three customers: {orgs}");
    let customer = orgs[1]["id"].as_str().unwrap().to_owned();
    assert_ne!(customer, home);

    let rows = call(&caller, "sync_org", json!({ "orgId": customer })).await.unwrap();
    let people = rows.as_array().unwrap().iter().find(|r| r["resource"] == "people").expect("a people row");
    assert!(people["itemCount"].as_u64().unwrap() > 100, "{people}");
    let finished: Vec<_> = host
        .events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            Event::SyncProgress(p) if p.org_id == customer && p.phase == SyncPhase::Done => Some(p.resource),
            _ => None,
        })
        .collect();
    assert!(finished.len() >= 6, "every resource of the org reported done as sync-progress: {finished:?}");

    let query = json!({ "query": { "orgId": customer, "text": "", "offset": 0, "limit": 10 } });
    let page = call(&caller, "search_people", query).await.unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 10);
    let first = page["rows"][0]["id"].as_str().unwrap();
    let person = call(&caller, "get_person", json!({ "orgId": customer, "personId": first })).await.unwrap();
    assert_eq!(person["id"], first);

    // The detail pane reads numbers as the table does.
    let with_phone = page["rows"].as_array().unwrap().iter().find(|r| r["phone"]["valid"] == true).expect("a number");
    let person = call(&caller, "get_person", json!({ "orgId": customer, "personId": with_phone["id"] })).await.unwrap();
    let work = &person["phoneNumbers"][0];
    assert_eq!(work["readable"], with_phone["phone"], "{person}");
    assert_ne!(work["readable"]["display"], work["value"], "formatted for reading, not as stored: {work}");
}

#[tokio::test]
async fn bad_arguments_and_unknown_commands_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let caller = Caller::new(Arc::new(open_core(dir.path(), private_vault())), Arc::new(RecordingHost::default()));
    // The window's arguments are typed from the same list: a mismatch is a bug.
    let wrong = call(&caller, "sync_status", json!({ "org": "x" })).await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Internal, "{wrong:?}");
    assert!(wrong.detail.as_deref().is_some_and(|d| d.contains("orgId")), "the detail names what is wrong: {wrong:?}");
    assert!(!wrong.message.contains("orgId"), "the message is a sentence: {wrong:?}");
    let typed_wrong = call(&caller, "sync_status", json!({ "orgId": 7 })).await.unwrap_err();
    assert_eq!(typed_wrong.code, ErrorCode::Internal, "{typed_wrong:?}");
    let unknown = call(&caller, "drop_tables", json!({})).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::Internal);
}

/// Every declared command reaches a handler: called with no arguments,
/// none answers "there is no command" (they answer, or refuse the
/// arguments, or refuse because nobody is signed in).
#[tokio::test]
async fn every_declared_command_has_a_handler() {
    let dir = tempfile::tempdir().unwrap();
    // No demo tenant: `sign_in_demo` answers not_configured instead of signing in.
    let core = Core::open(&CoreFiles::in_data_dir(dir.path()), private_vault()).unwrap();
    let caller = Caller::new(Arc::new(core), Arc::new(RecordingHost::default()));
    for name in COMMAND_NAMES {
        if let Err(e) = call(&caller, name, json!({})).await {
            assert!(!e.detail.unwrap_or_default().starts_with("there is no command"), "{name}");
        }
    }
}

/// Exports go where the admin chooses in the save dialog, which opens only
/// once there is something to save; cancelling it writes nothing.
#[tokio::test]
async fn exports_are_saved_where_the_save_dialog_says() {
    let dir = tempfile::tempdir().unwrap();
    let host = Arc::new(RecordingHost::default());
    let caller = Caller::new(Arc::new(open_core(&dir.path().join("data"), private_vault())), host.clone());

    let expired = call(&caller, "export_preview", json!({ "previewId": "gone" })).await.unwrap_err();
    assert_eq!(expired.code, ErrorCode::PreviewExpired);
    assert!(host.save_proposals.lock().unwrap().is_empty(), "no dialog for an export that cannot be made");

    let cancelled = call(&caller, "export_audit", json!({ "orgId": "org-1" })).await.unwrap();
    assert_eq!(cancelled, Value::Null, "a cancelled dialog answers null");
    let proposed = host.save_proposals.lock().unwrap()[0].clone();
    let name = proposed.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("hubdesk-audit-") && name.ends_with(".csv"), "proposes a named CSV: {name}");

    let chosen = dir.path().join("chosen").join("audit.csv");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    *host.save_answer.lock().unwrap() = Some(chosen.clone());
    let saved = call(&caller, "export_audit", json!({ "orgId": "org-1" })).await.unwrap();
    assert_eq!(saved, json!(chosen.display().to_string()), "answers where it saved");
    let text = std::fs::read_to_string(&chosen).unwrap();
    assert!(text.starts_with("When (UTC),Who,User"), "{text}");
    let csvs = std::fs::read_dir(chosen.parent().unwrap()).unwrap().count();
    assert_eq!(csvs, 1, "only the chosen file was written");
}
