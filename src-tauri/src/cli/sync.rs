//! `hubdesk sync`: the window's Sync and Sync all, headless, followed (as
//! in the window) by the templates of new and moved people.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hubdesk_api::{ApiError, OrgSummary, RunProgress, RunSummary, SyncPhase, SyncProgress};
use hubdesk_core::webex::WEBEX_API_BASE;
use serde::Serialize;

use super::exit::{outln, Partial};
use super::session;

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["org", "all"]))]
pub struct SyncArgs {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Sync this org (its id as Webex gives it).
    #[arg(long)]
    pub org: Option<String>,
    /// Sync every org the token manages.
    #[arg(long)]
    pub all: bool,
    /// The SQLite cache to write (created if missing); the ledger of templates is beside it.
    #[arg(long)]
    pub db: PathBuf,
    /// What standard output shows: a line per org, or one JSON document.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `--format json`: the synced orgs and the template runs that followed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    orgs: Vec<OrgSummary>,
    sync_error: Option<ApiError>,
    template_runs: Vec<TemplateRun>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateRun {
    org_id: String,
    run: Option<RunSummary>,
    error: Option<ApiError>,
}

pub async fn run(args: SyncArgs) -> anyhow::Result<()> {
    let core = session::open(&args.db, None, false)?;
    let waiting = Waiting::start(&args.api, "the token check");
    let status = waiting.status.clone();
    session::sign_in(&core, &args.api, Duration::from_secs(args.timeout)).await?;
    session::on_ctrl_c(&core, "cancelling; the previous cache is kept", |core| core.cancel_sync());
    let started = Instant::now();
    status.set_step("the list of orgs");
    let progress = move |p: SyncProgress| status.progress(p);
    let synced = match &args.org {
        Some(org) => core.sync_org(org, &progress).await.map(drop),
        None => core.sync_all(&progress).await.map(drop),
    };
    let org_ids: Vec<String> = match &args.org {
        Some(org) => vec![org.clone()],
        None => core.list_orgs()?.into_iter().map(|o| o.id).collect(),
    };
    let orgs: Vec<OrgSummary> = core.list_orgs()?.into_iter().filter(|o| org_ids.contains(&o.id)).collect();
    let status = &waiting.status;
    status.say(format!("synced {} org(s) in {:.1} s", orgs.len(), started.elapsed().as_secs_f64()));
    status.set_step("the templates of new and moved people");
    // Orgs that synced get their templates even when another failed, as in the window.
    let runs = core.enforce_templates(&org_ids, &|p| status.run_progress(p)).await;
    drop(waiting);
    let template_runs: Vec<TemplateRun> = runs
        .into_iter()
        .map(|(org_id, result)| match result {
            Ok(run) => TemplateRun { org_id, run: Some(run), error: None },
            Err(error) => TemplateRun { org_id, run: None, error: Some(error) },
        })
        .collect();
    let failed_runs = template_runs.iter().filter(|r| r.error.is_some()).count();
    let report = Report { orgs, sync_error: synced.as_ref().err().cloned(), template_runs };
    print(&report, args.format)?;
    synced?;
    if failed_runs > 0 {
        return Err(Partial(format!("templates could not be enforced in {failed_runs} org(s)")).into());
    }
    Ok(())
}

fn print(report: &Report, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return outln!("{}", serde_json::to_string_pretty(report)?);
    }
    for org in &report.orgs {
        outln!("{}\t{}\t{} people", org.id, org.display_name, org.people_count)?;
    }
    for run in &report.template_runs {
        match (&run.run, &run.error) {
            (Some(r), _) => eprintln!(
                "{}: templates for {} new or moved user(s): {} applied, {} partly, {} failed",
                run.org_id, r.total, r.succeeded, r.partial, r.failed
            ),
            (None, Some(e)) => eprintln!("{}: templates could not be enforced: {e}", run.org_id),
            (None, None) => {}
        }
    }
    Ok(())
}

pub fn print_run_progress(p: RunProgress) {
    if let Some(line) = run_progress_line(&p) {
        eprintln!("{line}");
    }
}

fn run_progress_line(p: &RunProgress) -> Option<String> {
    (p.done.is_multiple_of(100) || p.done == p.total)
        .then(|| format!("{}/{} sent, {} failed", p.done, p.total, p.failed))
}

/// After this long with nothing printed, say what is still awaited.
const QUIET: Duration = Duration::from_secs(5);

/// What `hubdesk sync` is waiting for. Everything it prints on standard
/// error goes through here, and a ticker prints what is still awaited
/// whenever nothing else was printed for `QUIET`: a hanging server shows as
/// a wait, not as silence.
struct Waiting {
    status: Status,
    ticker: tokio::task::JoinHandle<()>,
}

/// What is printed and awaited, shared by the ticker and the progress callbacks.
#[derive(Clone)]
struct Status(Arc<Mutex<WaitState>>);

struct WaitState {
    last_line: Instant,
    /// What is awaited when no resource is: the token check, the org list...
    step: &'static str,
    /// Resources syncing now ("org people") and the items they have so far.
    running: BTreeMap<String, u32>,
}

impl Waiting {
    fn start(api: &str, step: &'static str) -> Waiting {
        let state = WaitState { last_line: Instant::now(), step, running: BTreeMap::new() };
        let status = Status(Arc::new(Mutex::new(state)));
        let (ticking, api) = (status.clone(), api.to_owned());
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let mut state = ticking.lock();
                if state.last_line.elapsed() >= QUIET {
                    eprintln!("still waiting for {api}: {}", state.awaited());
                    state.last_line = Instant::now();
                }
            }
        });
        Waiting { status, ticker }
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.ticker.abort();
    }
}

impl Status {
    fn lock(&self) -> std::sync::MutexGuard<'_, WaitState> {
        self.0.lock().expect("nothing panics while holding it")
    }

    fn say(&self, line: String) {
        let mut state = self.lock();
        eprintln!("{line}");
        state.last_line = Instant::now();
    }

    fn set_step(&self, step: &'static str) {
        self.lock().step = step;
    }

    fn progress(&self, p: SyncProgress) {
        let key = format!("{} {}", p.org_id, p.resource.as_str());
        let line = match p.phase {
            SyncPhase::Running => {
                self.lock().running.insert(key, p.items);
                return;
            }
            SyncPhase::Done => format!("{key}: {} items in {} pages", p.items, p.pages),
            SyncPhase::Failed => format!("{key}: failed: {}", p.error.map(|e| e.message).unwrap_or_default()),
            SyncPhase::Cancelled => format!("{key}: cancelled"),
        };
        self.lock().running.remove(&key);
        self.say(line);
    }

    fn run_progress(&self, p: RunProgress) {
        if let Some(line) = run_progress_line(&p) {
            self.say(line);
        }
    }
}

impl WaitState {
    /// "org1 people (300 so far), org2 licenses, and 3 more", or the step.
    fn awaited(&self) -> String {
        if self.running.is_empty() {
            return self.step.to_owned();
        }
        let mut named: Vec<String> = self
            .running
            .iter()
            .take(3)
            .map(|(what, items)| if *items > 0 { format!("{what} ({items} so far)") } else { what.clone() })
            .collect();
        if self.running.len() > 3 {
            named.push(format!("and {} more", self.running.len() - 3));
        }
        named.join(", ")
    }
}
