//! A full sync of a 100,000-person org from the simulator with
//! `--latency-ms 20`, against its pagination floor (the pages of the longest
//! sequential chain × 20 ms), its peak memory, and a peer client doing the
//! same listing on the same simulator.
//!
//!   cargo bench -p hubdesk-core --bench sync_floor              # 100,000 people
//!   cargo bench -p hubdesk-core --bench sync_floor -- --quick   # 10,000 people
//!   ... -- --sync-only: without the listings side by side
//!
//! The simulator runs as its own process (this bench started again as
//! `webex-sim`), so neither its memory nor its CPU counts here. The sync runs in this process, whose peak
//! resident memory (VmHWM) is reset just before it starts. The peer is
//! wxc_sdk's async people listing, when `scripts/peer-wxc-sdk.sh` has
//! installed it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hubdesk_api::{SyncPhase, SyncProgress, SyncResource};
use hubdesk_core::store::Store;
use hubdesk_core::webex::{StaticToken, WebexClient};
use tokio_util::sync::CancellationToken;

const LATENCY_MS: u64 = 20;

/// The first argument that makes this bench the simulator's process.
const AS_SIMULATOR: &str = "--as-webex-sim";

fn main() {
    let mut args = std::env::args();
    if args.nth(1).as_deref() == Some(AS_SIMULATOR) {
        return run_simulator(args);
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let people = if quick { 10_000 } else { 100_000 };
    // One org only (`--customers 0`): the partner's, with every person.
    let sim = Sim::start(people);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let token = runtime.block_on(sim.token());
    let dir = tempfile::tempdir().unwrap();
    let sync = runtime.block_on(full_sync(&sim.base, &token, &dir.path().join("cache.sqlite")));
    let chain = sync.pages.iter().map(|(_, pages)| *pages).max().unwrap_or(0);
    let floor = Duration::from_millis(chain as u64 * LATENCY_MS);
    println!("simulator: {people} people in one org, {LATENCY_MS} ms added to every request");
    for (resource, pages) in &sync.pages {
        println!("  {resource}: {pages} pages");
    }
    println!(
        "full sync: {} people in {:.2} s; floor {chain} pages x {LATENCY_MS} ms = {:.2} s; measured/floor = {:.3}",
        sync.people,
        sync.elapsed.as_secs_f64(),
        floor.as_secs_f64(),
        sync.elapsed.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "  the last page of people arrived after {:.2} s ({:.2} ms a page); storing them took the rest",
        sync.paged.as_secs_f64(),
        sync.paged.as_secs_f64() * 1e3 / chain.max(1) as f64
    );
    println!("peak memory of the syncing process (VmHWM): {} MB", sync.peak_mb);
    if std::env::args().any(|a| a == "--sync-only") {
        return;
    }

    let listing = runtime.block_on(list_people(&sim.base, &token));
    println!("hubdesk people listing alone: {} people in {:.2} s", listing.0, listing.1.as_secs_f64());
    match peer_listing(&sim.base, &token) {
        Some(peer) => println!(
            "peer (wxc_sdk async people.list(calling_data=True)): {} people in {:.2} s, peak {:.0} MB; \
             peer time / hubdesk listing time = {:.2}, peer time / hubdesk full sync time = {:.2}",
            peer.people,
            peer.seconds,
            peer.peak_mb,
            peer.seconds / listing.1.as_secs_f64(),
            peer.seconds / sync.elapsed.as_secs_f64()
        ),
        None => println!("peer: not installed (run scripts/peer-wxc-sdk.sh)"),
    }
}

struct SyncRun {
    elapsed: Duration,
    /// When the last page of people had arrived.
    paged: Duration,
    people: u64,
    /// Pages of each resource's sequential chain.
    pages: Vec<(String, u32)>,
    peak_mb: u64,
}

/// What `hubdesk sync --all` does, timed from the first org sync on.
async fn full_sync(base: &str, token: &str, db: &Path) -> SyncRun {
    let client = WebexClient::new(base, Arc::new(StaticToken(token.to_owned())));
    let store = Store::open(db).unwrap();
    let me = client.me().await.unwrap();
    let orgs = hubdesk_core::sync::sync_organizations(&client, &store, &me.org_id).await.unwrap();
    let ids: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
    let pages = Arc::new(Mutex::new(Vec::new()));
    let last_people_page = Arc::new(Mutex::new(None));
    let (done, last_page) = (pages.clone(), last_people_page.clone());
    let progress = move |p: SyncProgress| match p.phase {
        SyncPhase::Done => done.lock().unwrap().push((p.resource.as_str().to_owned(), p.pages)),
        SyncPhase::Running if p.resource == SyncResource::People => *last_page.lock().unwrap() = Some(Instant::now()),
        _ => {}
    };
    reset_peak_memory();
    let start = Instant::now();
    hubdesk_core::sync::sync_orgs(&client, &store, &me.org_id, &ids, &progress, &CancellationToken::new())
        .await
        .unwrap();
    let elapsed = start.elapsed();
    let peak_mb = peak_memory_mb();
    let paged = last_people_page.lock().unwrap().map_or(Duration::ZERO, |at| at - start);
    let people = store.org_summaries().unwrap().iter().map(|o| u64::from(o.people_count)).sum();
    let mut pages = pages.lock().unwrap().clone();
    pages.sort();
    SyncRun { elapsed, paged, people, pages, peak_mb }
}

/// The same work as the peer: every person with calling data, nothing stored.
async fn list_people(base: &str, token: &str) -> (usize, Duration) {
    let client = WebexClient::new(base, Arc::new(StaticToken(token.to_owned())));
    let me = client.me().await.unwrap();
    let start = Instant::now();
    let mut pager = client.people(&me.org_id);
    let mut count = 0;
    while let Some(page) = pager.next_page().await.unwrap() {
        count += page.len();
    }
    (count, start.elapsed())
}

#[derive(serde::Deserialize)]
struct PeerRun {
    people: usize,
    seconds: f64,
    peak_mb: f64,
}

fn peer_listing(base: &str, token: &str) -> Option<PeerRun> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join(".tools/wxc-venv/bin/python");
    if !python.exists() {
        return None;
    }
    let out = Command::new(python).arg(root.join("scripts/peer_people.py")).arg(base).arg(token).output().unwrap();
    assert!(out.status.success(), "peer failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// Resident memory peak of this process so far, in MB.
fn peak_memory_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
}

/// Starts the peak over from the current size (Linux: `clear_refs` 5).
fn reset_peak_memory() {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
}

/// `webex-sim ARGS`, in this process.
fn run_simulator(args: impl Iterator<Item = String>) {
    use clap::Parser;
    let args = webex_sim::cli::SimArgs::parse_from(std::iter::once("webex-sim".to_owned()).chain(args));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(webex_sim::cli::run(args)).unwrap();
}

/// The simulator in a process of its own, stopped on drop.
struct Sim {
    child: Child,
    base: String,
}

impl Sim {
    fn start(people: usize) -> Sim {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([AS_SIMULATOR, "--port", "0", "--customers", "0", "--people", &people.to_string()])
            .args(["--latency-ms", &LATENCY_MS.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let base = first.strip_prefix("listening on ").expect("the simulator's first line").to_owned();
        // Keep reading what it prints, so it never writes to a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Sim { child, base }
    }

    fn origin(&self) -> &str {
        self.base.trim_end_matches("/v1")
    }

    async fn token(&self) -> String {
        let body = serde_json::json!({ "role": "partner_full_admin" });
        let reply: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/_sim/tokens", self.origin()))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        reply["access_token"].as_str().unwrap().to_owned()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
