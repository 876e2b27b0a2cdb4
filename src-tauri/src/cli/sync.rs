//! `hubdesk sync`: the window's Sync and Sync all, headless, followed (as
//! in the window) by the templates of new and moved people.

use std::path::PathBuf;
use std::time::Instant;

use hubdesk_api::{ApiError, OrgSummary, RunProgress, RunSummary, SyncPhase, SyncProgress};
use hubdesk_core::webex::WEBEX_API_BASE;
use serde::Serialize;

use super::exit::Partial;
use super::session;

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["org", "all"]))]
pub struct SyncArgs {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
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
    session::sign_in(&core, &args.api).await?;
    session::on_ctrl_c(&core, "cancelling; the previous cache is kept", |core| core.cancel_sync());
    let started = Instant::now();
    let synced = match &args.org {
        Some(org) => core.sync_org(org, &print_progress).await.map(drop),
        None => core.sync_all(&print_progress).await.map(drop),
    };
    let org_ids: Vec<String> = match &args.org {
        Some(org) => vec![org.clone()],
        None => core.list_orgs()?.into_iter().map(|o| o.id).collect(),
    };
    let orgs: Vec<OrgSummary> = core.list_orgs()?.into_iter().filter(|o| org_ids.contains(&o.id)).collect();
    eprintln!("synced {} org(s) in {:.1} s", orgs.len(), started.elapsed().as_secs_f64());
    // Orgs that synced get their templates even when another failed, as in the window.
    let runs = core.enforce_templates(&org_ids, &print_run_progress).await;
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
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    for org in &report.orgs {
        println!("{}\t{}\t{} people", org.id, org.display_name, org.people_count);
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

fn print_progress(p: SyncProgress) {
    let resource = p.resource.as_str();
    match p.phase {
        SyncPhase::Running => {}
        SyncPhase::Done => eprintln!("{} {resource}: {} items in {} pages", p.org_id, p.items, p.pages),
        SyncPhase::Failed => {
            eprintln!("{} {resource}: failed: {}", p.org_id, p.error.map(|e| e.message).unwrap_or_default())
        }
        SyncPhase::Cancelled => eprintln!("{} {resource}: cancelled", p.org_id),
    }
}

pub fn print_run_progress(p: RunProgress) {
    if p.done.is_multiple_of(100) || p.done == p.total {
        eprintln!("{}/{} sent, {} failed", p.done, p.total, p.failed);
    }
}
