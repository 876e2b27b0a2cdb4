/// Every command the UI may call. Declaring them makes Tauri generate an
/// `allow-<command>` permission for each, so `capabilities/default.json`
/// grants exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "get_session",
    "sign_in_demo",
    "sign_in_webex",
    "sign_out",
    "get_settings",
    "save_settings",
    "list_orgs",
    "sync_org",
    "cancel_sync",
    "sync_status",
    "search_people",
    "search_everywhere",
    "sync_all",
    "list_changes",
    "get_person",
    "templates_view",
    "templates_set_mode",
    "templates_set_transition_preserve",
    "templates_preview_save",
    "templates_preview_delete",
    "templates_commit",
    "runs_list",
    "run_detail",
    "run_cancel",
    "run_resume",
    "audit_list",
    "export_preview",
    "export_audit",
];

fn main() {
    // The Tauri config lives at the repository root (see docs/architecture.md).
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
