//! `hubdesk meetings refresh|reassign`, the troubleshooter's fixes past a
//! save (rule S5), as a helpdesk script runs them: the real binary against
//! the simulator over HTTP, on the seeded "cannot schedule" people.

use std::process::Command;

use hubdesk_core::auth::Vault;
use hubdesk_core::{Core, CoreFiles};
use serde_json::Value;

use crate::meetings::{person, stdout_json, text, Tenant, PUT_PATH};
use crate::support::{self, BIN};

const LICENSES_PATH: &str = "/v1/licenses/users";

fn first_chars(changes: &[Value]) -> Vec<char> {
    changes.iter().map(|c| c["summary"].as_str().unwrap().chars().next().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_reassign_needs_yes_says_what_the_user_loses_then_removes_and_assigns_once_each_in_order() {
    let tenant = Tenant::start().await;
    let c = &tenant.customers[0];
    let sam = person(c, "sam.sessionless");

    // Without --yes: what it costs, and nothing sent (5: input refused).
    let out = tenant.run(&c.token, &["reassign", "--person", &sam, "--site", &c.site]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    let said = support::stderr(&out);
    assert!(said.contains(&format!("they cannot host or schedule meetings on {}", c.site)), "{said}");
    assert!(said.contains("not reset to the site's defaults") && said.contains("--yes"), "{said}");
    assert!(tenant.changes().await.is_empty(), "nothing was sent");

    let out = tenant.run(&c.token, &["reassign", "--person", &sam, "--site", &c.site, "--yes", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let done = stdout_json(&out);
    assert_eq!(done["licenseHeld"], true, "{done:#}");
    assert_eq!(done["run"]["state"], "finished");
    let ids: Vec<&str> = done["trackingIds"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();

    // Webex saw the removal, then the assignment, once each, with those ids.
    let changes = tenant.changes().await;
    assert!(changes.iter().all(|c| c["path"] == LICENSES_PATH), "{changes:#?}");
    assert_eq!(first_chars(&changes), ['-', '+'], "{changes:#?}");
    let seen: Vec<&str> = changes.iter().map(|c| c["trackingId"].as_str().unwrap()).collect();
    assert_eq!(seen, ids);

    // The window's audit log (the app's data folder) has both, with their ids.
    let core = Core::open(&CoreFiles::in_data_dir(tenant.data.path()), Vault::new("hubdesk-it-unused")).unwrap();
    let mut audited: Vec<String> = core.audit_list(&c.org).unwrap().into_iter().filter_map(|a| a.tracking_id).collect();
    audited.sort();
    let mut expected: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(audited, expected);

    // As text: each step with its tracking id, and what the user holds.
    let out = tenant.run(&c.token, &["reassign", "--person", &sam, "--site", &c.site, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(printed.contains("removed: ") && printed.contains("assigned again: "), "{printed}");
    assert!(printed.contains(&format!("now holds a paid Meetings license on {}", c.site)), "{printed}");
    assert!(printed.contains("session types on") && printed.contains("1 FRE"), "{printed}");
    let changes = tenant.changes().await;
    assert_eq!(first_chars(&changes), ['-', '+', '-', '+'], "{changes:#?}");
    let last = changes[3]["trackingId"].as_str().unwrap();
    assert!(printed.contains(last), "the tracking id printed is the one Webex saw: {printed}");

    // Someone without the site's paid license: refused, nothing sent.
    let bea = person(c, "bea.basic");
    let out = tenant.run(&c.token, &["reassign", "--person", &bea, "--site", &c.site, "--yes"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(support::stderr(&out).contains("Nothing was changed"), "{}", text(&out));
    assert_eq!(tenant.changes().await.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_refresh_prints_each_step_and_puts_twice_and_the_user_then_passes() {
    let tenant = Tenant::start().await;
    let c = &tenant.customers[1];
    let sam = person(c, "sam.sessionless");

    let out = tenant.run(&c.token, &["refresh", "--person", &sam, "--site", &c.site]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    let (off, on) = printed.split_once("paid types back on:").expect("both steps printed");
    assert!(off.contains("paid types off:") && off.contains("Webex now holds: 1 FRE"), "{printed}");
    assert!(!off.contains("3 PRO"), "{printed}");
    assert!(on.contains("3 PRO") && on.contains("11 PRV"), "{printed}");

    let changes = tenant.changes().await;
    assert!(changes.iter().all(|c| c["method"] == "PUT" && c["path"] == PUT_PATH), "{changes:#?}");
    let summaries: Vec<&str> = changes.iter().map(|c| c["summary"].as_str().unwrap()).collect();
    let on_site = |ids: &str| format!("session types on {}: {ids}", c.site);
    assert_eq!(summaries, [on_site("1"), on_site("1,3,11")]);
    for change in &changes {
        assert!(printed.contains(change["trackingId"].as_str().unwrap()), "{printed}");
    }
    let out = tenant.run(&c.token, &["diagnose", "--person", &sam, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "S1 fixed: {}", text(&out));

    // An attendee has no session types to refresh: refused, nothing sent.
    let ada = person(c, "ada.attendee");
    let out = tenant.run(&c.token, &["refresh", "--person", &ada, "--site", &c.site]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert_eq!(tenant.changes().await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn s5_offline_reassign_and_refresh_send_nothing_and_exit_4() {
    // A port nothing listens on: Webex cannot be reached.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let api = format!("http://{}/v1", closed.local_addr().unwrap());
    drop(closed);
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["reassign", "--person", "sam@x.example", "--site", "x.webex.com", "--yes"][..],
        &["refresh", "--person", "sam@x.example", "--site", "x.webex.com"][..],
    ] {
        let mut command = Command::new(BIN);
        command.arg("meetings").args(args).args(["--api", &api, "--timeout", "5"]);
        let out = command.env("HUBDESK_TOKEN", "t").env("HUBDESK_DATA_DIR", data.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(4), "{}", text(&out));
        assert!(support::stderr(&out).contains("cannot reach"), "{}", text(&out));
    }
    let core = Core::open(&CoreFiles::in_data_dir(data.path()), Vault::new("hubdesk-it-unused")).unwrap();
    assert!(core.ledger.unfinished_runs().unwrap().is_empty(), "nothing journaled");
}
