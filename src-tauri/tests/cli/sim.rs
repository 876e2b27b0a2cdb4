//! `hubdesk sim` is the simulator crate's own binary, `webex-sim`: the same
//! flags, the same banner, the same answers.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use webex_sim::client::{call, SimHelpers};

use crate::support::BIN;

/// A simulator process, killed when dropped.
struct Running {
    child: Child,
    origin: String,
    banner: Vec<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn webex_sim_binary() -> PathBuf {
    // Both binaries of the workspace land in the same target folder.
    let path = Path::new(BIN).with_file_name(format!("webex-sim{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} is missing: build the workspace (cargo test --workspace)", path.display());
    path
}

/// Starts `program args… --port 0 …` and reads its banner up to the admin line.
fn start(program: &Path, args: &[&str]) -> Running {
    let mut child = Command::new(program)
        .args(args)
        .args(["--port", "0", "--people", "60", "--customers", "2", "--seed", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = Vec::new();
    while let Some(Ok(line)) = lines.next() {
        let done = line.starts_with("partner admin:");
        banner.push(line);
        if done {
            break;
        }
    }
    // Keep reading what it prints: a closed pipe would stop it at its next line.
    std::thread::spawn(move || lines.for_each(drop));
    let origin = banner[0].strip_prefix("listening on ").expect("the first line gives the address");
    let origin = origin.trim_end_matches("/v1").to_owned();
    Running { child, origin, banner }
}

/// What a script sees first: the org list, the first page of people with
/// Calling data, and the licenses of the first customer.
async fn answers(sim: &Running) -> Vec<Value> {
    let token = SimHelpers::new(&sim.origin).token("partner_full_admin", None).await.unwrap().access_token;
    let base = format!("{}/v1", sim.origin);
    let get = |url: String| {
        let token = token.clone();
        async move { call(reqwest::Method::GET, &url, &token, None).await.unwrap().body }
    };
    let orgs = get(format!("{base}/organizations")).await;
    let customer = orgs["items"][1]["id"].as_str().unwrap().to_owned();
    vec![
        orgs,
        get(format!("{base}/people?orgId={customer}&callingData=true&max=20")).await,
        get(format!("{base}/licenses?orgId={customer}")).await,
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn hubdesk_sim_and_webex_sim_answer_identically() {
    let ours = start(Path::new(BIN), &["sim"]);
    let theirs = start(&webex_sim_binary(), &[]);
    let banner = |sim: &Running| sim.banner.iter().map(|l| l.replace(&sim.origin, "ORIGIN")).collect::<Vec<_>>();
    assert_eq!(banner(&ours), banner(&theirs), "the same tenant, the same admin");
    let (a, b) = (answers(&ours).await, answers(&theirs).await);
    assert!(a[1]["items"].as_array().is_some_and(|people| people.len() == 20), "a page of people: {}", a[1]);
    assert_eq!(a, b, "the same answers from both binaries");
}
