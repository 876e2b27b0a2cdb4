//! Declares every window command to Tauri, from the one command list in
//! hubdesk-api, and checks that `capabilities/default.json` grants exactly
//! those commands: a command added, renamed or removed without its
//! permission fails the build here, not the window at run time.

use std::collections::BTreeSet;

// The list itself (a macro naming each command's feature, arguments and
// answer). Only the names are used here, so the types need not resolve;
// including the file spares the build script a compiled dependency.
include!("../crates/hubdesk-api/src/commands/list.rs");

macro_rules! names_only {
    (
        commands { $( $feature:ident { $( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )* } )* }
        events { $( $(#[doc = $edoc:literal])* $payload:ident = $event_name:literal ; )* }
    ) => {
        &[$($(stringify!($name)),*),*]
    };
}

const COMMANDS: &[&str] = for_each_command!(names_only);

/// What the window may use besides its commands: listening to events.
const CORE_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

fn main() {
    // The Tauri config lives at the repository root (see docs/architecture.md).
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=../crates/hubdesk-api/src/commands/list.rs");
    println!("cargo:rerun-if-changed=capabilities/default.json");
    check_capabilities();
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}

/// The window's capability grants each declared command (`allow-<name>`
/// with dashes) and nothing more.
fn check_capabilities() {
    let text = std::fs::read_to_string("capabilities/default.json").expect("capabilities/default.json");
    let capability: serde_json::Value = serde_json::from_str(&text).expect("capabilities/default.json is JSON");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|p| p.as_str().expect("permissions are names").to_owned())
        .collect();
    let wanted: BTreeSet<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain(CORE_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect();
    let missing: Vec<_> = wanted.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&wanted).collect();
    if !missing.is_empty() || !extra.is_empty() {
        panic!(
            "src-tauri/capabilities/default.json does not match the command list \
             (crates/hubdesk-api/src/commands/list.rs): missing {missing:?}, not declared {extra:?}"
        );
    }
}
