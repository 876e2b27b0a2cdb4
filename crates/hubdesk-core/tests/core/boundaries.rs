//! The workspace's shape, as the compiler holds it: only the app depends on
//! Tauri and clap (so the core, the API, the rules and the simulator build
//! and test with no window), and the simulator depends on nothing of
//! hubdesk. The compiler refuses a `use tauri` where the manifest does not
//! list it; this test keeps the manifests honest.

use std::process::Command;

use serde_json::Value;

/// Each workspace member's name and what it is built with: its normal and
/// build dependencies (tests and benches may use more).
fn members() -> Vec<(String, Vec<String>)> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline", "--manifest-path", manifest])
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].as_str() != Some("dev"))
                .map(|d| d["name"].as_str().unwrap().to_owned());
            (p["name"].as_str().unwrap().to_owned(), deps.collect())
        })
        .collect()
}

#[test]
fn tauri_and_clap_stay_in_the_app_and_the_simulator_stands_alone() {
    let members = members();
    assert_eq!(members.len(), 5, "{members:?}");
    for (name, deps) in &members {
        if name == "hubdesk" {
            continue;
        }
        let tauri: Vec<_> = deps.iter().filter(|d| d.starts_with("tauri")).collect();
        assert!(tauri.is_empty(), "{name} depends on {tauri:?}: only the app (src-tauri) may");
        // The simulator's own binary parses its flags; the core does not.
        if name != "webex-sim" {
            assert!(!deps.iter().any(|d| d == "clap"), "{name} depends on clap: only the app and webex-sim may");
        }
    }
    let sim = &members.iter().find(|(name, _)| name == "webex-sim").unwrap().1;
    let hubdesk: Vec<_> = sim.iter().filter(|d| d.starts_with("hubdesk")).collect();
    assert!(hubdesk.is_empty(), "webex-sim depends on {hubdesk:?}");
}
