//! `hubdesk templates plan` with files a script might hand it, and a
//! reader that leaves early: the real binary on a cache synced from the
//! simulator.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hubdesk_core::features::templates::facts;
use hubdesk_core::store::Store;
use serde_json::json;
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{partner_token, stderr, BIN};

struct Cache {
    server: SimServer,
    dir: tempfile::TempDir,
    org: String,
}

impl Cache {
    /// A cache of the partner and one customer; `org` is the customer.
    async fn synced() -> Cache {
        let server = sim::start(SimConfig { people: 200, customers: 1, ..SimConfig::default() }).await.unwrap();
        let token = partner_token(&server).await;
        let dir = tempfile::tempdir().unwrap();
        let sync = Command::new(BIN)
            .args(["sync", "--api", &server.base_url(), "--all", "--db"])
            .arg(dir.path().join("cache.sqlite"))
            .env("HUBDESK_TOKEN", &token)
            .output()
            .unwrap();
        assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
        let listing = String::from_utf8(sync.stdout).unwrap();
        let org = listing.lines().map(|l| l.split('\t').next().unwrap().to_owned()).nth(1).unwrap();
        Cache { server, dir, org }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("cache.sqlite")
    }

    fn write(&self, name: &str, text: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn plan(&self, template: &Path) -> Command {
        let mut command = Command::new(BIN);
        command.args(["templates", "plan", "--org", &self.org, "--existing", "--db"]).arg(self.db());
        command.arg("--template").arg(template);
        command
    }

    fn facts(&self) -> hubdesk_rules::templates::OrgFacts {
        facts::load(&Store::open(&self.db()).unwrap(), &self.org).unwrap().facts
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_into_a_closed_pipe_exits_quietly() {
    let cache = Cache::synced().await;
    let site = cache.facts().attendee_sites[0].clone();
    let template =
        json!({"name": "All", "licenses": [], "meetings": [{"siteUrl": site, "account": {"type": "attendee"}}]});
    let path = cache.write("all.json", template.to_string().as_bytes());
    let full = cache.plan(&path).output().unwrap();
    assert!(full.status.success() && full.stdout.len() > 1000, "{}", stderr(&full));

    // `| head` that has already left: the read end is closed before a byte is written.
    let mut child = cache.plan(&path).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    cache.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_template_file_over_the_limit_is_refused() {
    let cache = Cache::synced().await;
    let site = cache.facts().attendee_sites[0].clone();
    // Valid JSON, made huge by padding: 2 MiB of spaces before the closing brace.
    let mut text =
        json!({"name": "All", "licenses": [], "meetings": [{"siteUrl": site, "account": {"type": "attendee"}}]})
            .to_string()
            .into_bytes();
    let close = text.pop().unwrap();
    text.extend(std::iter::repeat_n(b' ', 2 * 1024 * 1024));
    text.push(close);
    let path = cache.write("huge.json", &text);
    let output = cache.plan(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(stderr(&output).contains("larger than 1 MiB"), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "no preview of a refused file");
    cache.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_template_naming_a_license_twice_is_refused() {
    let cache = Cache::synced().await;
    let license = cache.facts().licenses.into_iter().find(|l| l.name == "Messaging").expect("a Messaging license");
    let template = json!({"name": "Twice", "licenses": [license.id, license.id], "meetings": []});
    let path = cache.write("twice.json", template.to_string().as_bytes());
    let output = cache.plan(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(stderr(&output).contains("same license twice"), "{}", stderr(&output));
    cache.server.shutdown().await;
}

/// `plan` sends nothing and writes nothing: with no ledger beside the cache
/// it plans against an empty one, and creates none.
#[tokio::test(flavor = "multi_thread")]
async fn plan_creates_no_ledger() {
    let cache = Cache::synced().await;
    let ledger = cache.dir.path().join("cache.ledger.sqlite");
    std::fs::remove_file(&ledger).unwrap();
    let site = cache.facts().attendee_sites[0].clone();
    let template =
        json!({"name": "All", "licenses": [], "meetings": [{"siteUrl": site, "account": {"type": "attendee"}}]});
    let path = cache.write("all.json", template.to_string().as_bytes());
    let before = std::fs::read(cache.db()).unwrap();
    let output = cache.plan(&path).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let preview: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(preview["previewId"].is_string(), "{preview}");
    assert!(!ledger.exists(), "no ledger created");
    assert_eq!(std::fs::read(cache.db()).unwrap(), before, "the cache is unchanged");
    cache.server.shutdown().await;
}
