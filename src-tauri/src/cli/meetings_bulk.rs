//! `hubdesk meetings bulk`: session types for many users on one site (S1,
//! S2), previewed (`--plan`) or applied through the journal (`--apply`),
//! headless, through the same core as the window. An unfinished run of
//! the org's session types (killed, cancelled, offline) is finished first.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use hubdesk_api::{ApiError, BulkPreview, ErrorCode, RunAction, RunState, RunSummary, TypesChange};
use hubdesk_core::features::meetings::bulk::BulkPeople;
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;

use super::exit::{self, outln};
use super::meetings::Format;
use super::session;
use super::sync::print_run_progress;

/// A list of people is a few MB at most; anything far bigger is the wrong file.
const MAX_PEOPLE_FILE: u64 = 16 * 1024 * 1024;

pub const BULK_HELP: &str = "\
Exit codes: 0 done (or nothing to change), 1 some users' changes failed or
the run was cancelled (run --apply again to finish it: each change is sent
once), 2 an error (the message says which: site, type, file, token...).";

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["people_file", "all_hosts"]))]
#[command(group = clap::ArgGroup::new("what").required(true).args(["plan", "apply"]))]
// No default for how: replacing everyone's set is too much to do by omission.
#[command(group = clap::ArgGroup::new("how").required(true).args(["add", "remove", "exact"]))]
pub struct BulkArgs {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// The users' org (its id as Webex gives it); default: the token's own org.
    #[arg(long)]
    pub org: Option<String>,
    /// The Meetings site, e.g. acme.webex.com.
    #[arg(long)]
    pub site: String,
    /// The users: a file with one person id or email per line (blank lines
    /// and lines starting with # are skipped).
    #[arg(long)]
    pub people_file: Option<PathBuf>,
    /// Every user with a paid Meetings license on the site.
    #[arg(long)]
    pub all_hosts: bool,
    /// Session type ids or short names, e.g. 3,11 or PRO,PRV.
    #[arg(long, value_delimiter = ',', required = true, num_args = 1..)]
    pub types: Vec<String>,
    /// Add the types to each user's own set.
    #[arg(long)]
    pub add: bool,
    /// Remove the types from each user's own set.
    #[arg(long)]
    pub remove: bool,
    /// Each user ends with exactly these types (as `meetings set` does).
    #[arg(long)]
    pub exact: bool,
    /// Print who gains and loses which types. Sends nothing.
    #[arg(long)]
    pub plan: bool,
    /// Send each changed user's whole set once, through the journal.
    #[arg(long)]
    pub apply: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// A cache file to sign in with, its ledger (journal, audit log) beside
    /// it; default: the app's own, so the window lists the run.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// 0 done, 1 some changes failed or the run stopped, 2 an error.
pub fn main(args: BulkArgs) -> ExitCode {
    match super::run_async(bulk(args)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => exit::report_as(Err(err), 2),
    }
}

/// Whether everything asked was done.
async fn bulk(args: BulkArgs) -> anyhow::Result<bool> {
    let change = match (args.add, args.remove) {
        (true, _) => TypesChange::Change { add: args.types.clone(), remove: vec![] },
        (_, true) => TypesChange::Change { add: vec![], remove: args.types.clone() },
        _ => TypesChange::Exact { types: args.types.clone() },
    };
    let people = match &args.people_file {
        Some(path) => BulkPeople::Listed(read_people(path)?),
        None => BulkPeople::AllHosts,
    };
    let core = match &args.db {
        Some(db) => session::open(db, None, false)?,
        None => session::open_app()?,
    };
    session::sign_in(&core, &args.api, Duration::from_secs(args.timeout)).await?;
    if args.plan {
        let preview = core.meetings_bulk_preview(args.org.as_deref(), &args.site, people, &change).await?;
        print_preview(&preview, args.format)?;
        return Ok(true);
    }
    let org = match &args.org {
        Some(org) => org.clone(),
        None => core.home_org_id().await?,
    };
    let mut all_done = true;
    for run in unfinished(&core, &org)? {
        eprintln!("finishing the unfinished run {} first ({} users)", run.run_id, run.total);
        let summary = send(&core, &run.run_id).await?;
        all_done &= report(&summary, args.format)?;
        if summary.state != RunState::Finished {
            // Stopped again: planning anew now would read sets still on their way.
            return Ok(false);
        }
    }
    // Planned after any resume, so the users it finished are unchanged now.
    match core.meetings_bulk_journal(Some(&org), &args.site, people, &change).await? {
        None => {
            eprintln!("nothing to change: every user already has that set");
            Ok(all_done)
        }
        Some(run) => {
            eprintln!("journaled {} user(s); sending (Ctrl-C stops after the requests in flight)", run.total);
            Ok(report(&send(&core, &run.run_id).await?, args.format)? && all_done)
        }
    }
}

/// The org's session-type runs a kill, a cancel or a lost network left unfinished, oldest first.
fn unfinished(core: &Core, org: &str) -> anyhow::Result<Vec<RunSummary>> {
    let mut runs: Vec<RunSummary> = core
        .runs_list(org)?
        .into_iter()
        .filter(|r| r.state != RunState::Finished && matches!(r.action, RunAction::MeetingsTypesSet { .. }))
        .collect();
    runs.reverse();
    Ok(runs)
}

async fn send(core: &std::sync::Arc<Core>, run_id: &str) -> anyhow::Result<RunSummary> {
    let id = run_id.to_owned();
    let message = "cancelling after the requests in flight; run `hubdesk meetings bulk --apply` again to finish";
    session::on_ctrl_c(core, message, move |core| core.run_cancel(&id));
    Ok(core.run_apply(run_id, &print_run_progress).await?)
}

/// Prints the run's end; whether it finished with nothing failed.
fn report(summary: &RunSummary, format: Format) -> anyhow::Result<bool> {
    match format {
        Format::Json => outln!("{}", serde_json::to_string(summary)?)?,
        Format::Text => outln!(
            "{}: {} of {} users done, {} partly, {} failed",
            match summary.state {
                RunState::Finished => "finished",
                _ => "stopped",
            },
            summary.succeeded,
            summary.total,
            summary.partial,
            summary.failed
        )?,
    }
    if summary.state != RunState::Finished {
        eprintln!("the run did not finish: run the same command again to send the rest (each change once)");
    }
    Ok(summary.state == RunState::Finished && summary.failed == 0 && summary.partial == 0)
}

/// One person id or email per line; blanks and `#` lines skipped.
fn read_people(path: &Path) -> anyhow::Result<Vec<String>> {
    let refused =
        |why: &str, detail: String| ApiError::new(ErrorCode::InvalidInput, why.to_owned()).with_detail(detail);
    let cannot_read = |e: std::io::Error| {
        refused("The people file cannot be read. Check its name and permissions.", format!("{}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut text = String::new();
    file.take(MAX_PEOPLE_FILE + 1).read_to_string(&mut text).map_err(cannot_read)?;
    if text.len() as u64 > MAX_PEOPLE_FILE {
        let why =
            "The people file is larger than 16 MiB, far more than a list of people. Check that it is the right file.";
        return Err(refused(why, format!("{}: over {MAX_PEOPLE_FILE} bytes", path.display())).into());
    }
    let people: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect();
    if people.is_empty() {
        let why = "The people file names nobody: put one person id or email per line.";
        return Err(refused(why, path.display().to_string()).into());
    }
    Ok(people)
}

fn print_preview(p: &BulkPreview, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return outln!("{}", serde_json::to_string_pretty(p)?);
    }
    let name = |id: &String| {
        p.site_types.iter().find(|t| &t.id == id).map_or_else(|| id.clone(), |t| format!("{} ({})", t.short_name, id))
    };
    let names = |ids: &[String]| ids.iter().map(name).collect::<Vec<_>>().join(", ");
    let plan = &p.plan;
    outln!(
        "{}: {} user(s) change, {} already have that set (nothing sent)",
        p.site_url,
        plan.changes.len(),
        plan.unchanged
    )?;
    for count in plan.per_type.iter().filter(|c| c.gained_by + c.lost_by > 0) {
        outln!("  {:<12} gained by {}, lost by {}", name(&count.id), count.gained_by, count.lost_by)?;
    }
    if plan.left_free_only > 0 {
        outln!("  {} user(s) would be left with the free type only: cut at 40 minutes (S1)", plan.left_free_only)?;
    }
    for c in &plan.changes {
        let mut diff = Vec::new();
        if !c.gains.is_empty() {
            diff.push(format!("gains {}", names(&c.gains)));
        }
        if !c.loses.is_empty() {
            diff.push(format!("loses {}", names(&c.loses)));
        }
        outln!("  {} <{}>: {}", c.display_name, c.email, diff.join("; "))?;
    }
    for (title, list) in
        [("not a host on the site (nothing sent)", &p.not_hosts), ("could not be read (nothing sent)", &p.unread)]
    {
        if !list.is_empty() {
            outln!("{title}: {}", list.len())?;
            for s in list {
                outln!("  {} <{}>: {}", s.display_name, s.email, s.reason)?;
            }
        }
    }
    if !p.not_found.is_empty() {
        outln!("not in the org: {}", p.not_found.join(", "))?;
    }
    Ok(())
}
