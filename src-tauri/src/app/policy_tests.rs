//! The window's content security policy, as shipped in `tauri.conf.json`:
//! scripts only from the app itself, no eval, no remote connections (the
//! window talks to Webex only through the core), no plugins, frames or forms.

use serde_json::Value;

fn csp() -> serde_json::Map<String, Value> {
    let conf: Value = serde_json::from_str(include_str!("../../../tauri.conf.json")).expect("tauri.conf.json is JSON");
    conf["app"]["security"]["csp"].as_object().expect("the CSP is set, as a map of directives").clone()
}

fn directive(name: &str) -> String {
    csp().get(name).and_then(Value::as_str).unwrap_or_else(|| panic!("the CSP sets {name}")).to_owned()
}

#[test]
fn scripts_come_only_from_the_app_and_never_from_eval_or_inline() {
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'");
    for (name, value) in csp() {
        let value = value.as_str().unwrap_or_default();
        assert!(!value.contains("unsafe-eval"), "{name} allows eval: {value}");
        assert!(!value.contains('*'), "{name} allows any source: {value}");
        assert!(!value.contains("http://") || value.contains("http://ipc.localhost"), "{name}: {value}");
        assert!(!value.contains("https://"), "{name} reaches the network: {value}");
    }
}

#[test]
fn the_window_connects_only_to_the_app_ipc() {
    assert_eq!(directive("connect-src"), "ipc: http://ipc.localhost");
    assert_eq!(directive("object-src"), "'none'");
    assert_eq!(directive("frame-ancestors"), "'none'");
    assert_eq!(directive("form-action"), "'none'");
    assert_eq!(directive("base-uri"), "'none'");
}
