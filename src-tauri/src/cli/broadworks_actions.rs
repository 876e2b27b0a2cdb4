//! `hubdesk broadworks retry|delete|package`: one subscriber's action (B4)
//! through the same core as the window: planned (read live, checked,
//! prechecked), journaled, sent, audited, then its status printed (followed
//! until it settles with `--wait`). An unfinished BroadWorks run (killed,
//! cancelled, offline) is finished first: a retry's provision is sent then.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use hubdesk_api::{
    EntryState, RunAction, RunState, RunSummary, SubscriberAction, SubscriberAsk, SubscriberLive, SubscriberRefusal,
};
use hubdesk_core::features::broadworks::follow::FollowLimits;
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;
use serde::Serialize;

use super::exit::{self, outln};
use super::meetings::Format;
use super::session;
use super::sync::print_run_progress;

pub const HELP: &str = "\
Exit codes: 0 done, 1 refused or failed (the message says why; nothing was
changed unless it says so), 2 an error (token, network, files...).";

#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// A cache file to sign in with, its ledger (journal, audit log) beside it.
    #[arg(long)]
    pub db: PathBuf,
    /// The subscriber's id, as Webex gives it.
    #[arg(long)]
    pub subscriber: String,
    /// Follow the subscriber's status until it settles (or --wait-limit passes), then print it.
    #[arg(long)]
    pub wait: bool,
    /// Seconds --wait follows the status before giving up (1 to 3600).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub wait_limit: u64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RetryArgs {
    #[command(flatten)]
    pub common: Common,
    /// The email the subscriber onboards with.
    #[arg(long)]
    pub email: String,
}

#[derive(clap::Args, Debug, Clone)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub common: Common,
    /// Confirms the delete (the Webex user stays; the subscriber can onboard again).
    #[arg(long)]
    pub yes: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct PackageArgs {
    #[command(flatten)]
    pub common: Common,
    /// softphone, basic, standard or premium.
    #[arg(long)]
    pub to: String,
}

pub enum ActionArgs {
    Retry(RetryArgs),
    Delete(DeleteArgs),
    Package(PackageArgs),
}

/// What `--format json` prints.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    ok: bool,
    refused: Vec<SubscriberRefusal>,
    run: Option<RunSummary>,
    /// Each failed entry's sentence.
    failures: Vec<String>,
    subscriber: Option<SubscriberLive>,
}

/// 0 done, 1 refused or failed, 2 an error.
pub fn main(args: ActionArgs) -> ExitCode {
    match super::run_async(act(args)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => exit::report_as(Err(err), 2),
    }
}

async fn act(args: ActionArgs) -> anyhow::Result<bool> {
    let (common, action, confirmed) = match args {
        ActionArgs::Retry(a) => (a.common, SubscriberAction::Retry { email: a.email }, true),
        ActionArgs::Delete(a) => (a.common, SubscriberAction::Delete, a.yes),
        ActionArgs::Package(a) => (a.common, SubscriberAction::Package { to: a.to }, true),
    };
    let core = session::open(&common.db, None, false)?;
    session::sign_in(&core, &common.api, Duration::from_secs(common.timeout)).await?;
    let asks = [SubscriberAsk { subscriber_id: common.subscriber.clone(), action }];
    if !confirmed {
        // The confirmation names them, from Webex's own record.
        let preview = core.broadworks_actions_preview(&asks).await?;
        let Some(row) = preview.rows.first() else {
            return print(&refused_outcome(preview.refused), common.format);
        };
        let sentence = format!(
            "Not deleted: deleting {} ({}, {}) needs --yes. The Webex user stays, and the subscriber can onboard again.",
            row.display_name, row.user_id, row.status
        );
        let refusal = SubscriberRefusal {
            subscriber_id: row.subscriber_id.clone(),
            display_name: Some(row.display_name.clone()),
            status: Some(row.status.clone()),
            action: row.action.clone(),
            reason: sentence,
            errors: vec![],
            tracking_id: None,
        };
        return print(&refused_outcome(vec![refusal]), common.format);
    }
    let home = core.home_org_id().await?;
    for run in unfinished(&core, &home)? {
        eprintln!("finishing the unfinished BroadWorks run {} first ({} requests)", run.run_id, run.total);
        let summary = send(&core, &run.run_id).await?;
        if summary.state != RunState::Finished {
            eprintln!("the earlier run stopped again: run the same command again to finish it");
            return Ok(false);
        }
    }
    let (run, refused) = core.broadworks_actions_journal(&asks).await?;
    let Some(run) = run else { return print(&refused_outcome(refused), common.format) };
    let summary = send(&core, &run.run_id).await?;
    let detail = core.run_detail(&run.run_id)?;
    let failures: Vec<String> = detail
        .entries
        .iter()
        .filter(|e| matches!(e.state, EntryState::Failed | EntryState::Partial))
        .filter_map(|e| e.error.clone())
        .collect();
    // The status now: the last answer, or followed until it settles.
    let ids = core.broadworks_run_subscribers(&run.run_id)?;
    let limits = match common.wait {
        true => FollowLimits { time_limit: Duration::from_secs(common.wait_limit), ..FollowLimits::default() },
        false => FollowLimits { time_limit: Duration::ZERO, ..FollowLimits::default() },
    };
    let on_change = |live: SubscriberLive| {
        if common.wait && common.format == Format::Text {
            eprintln!("  {}: {}", live.subscriber_id, live.status);
        }
    };
    let subscriber = core.broadworks_follow(&ids, limits, &on_change).await?.into_iter().last();
    let ok = summary.state == RunState::Finished && summary.failed == 0 && failures.is_empty();
    let outcome = Outcome { ok, refused, run: Some(summary), failures, subscriber };
    print(&outcome, common.format)
}

fn refused_outcome(refused: Vec<SubscriberRefusal>) -> Outcome {
    Outcome { ok: false, refused, run: None, failures: vec![], subscriber: None }
}

/// Prints the outcome; whether it was done.
fn print(outcome: &Outcome, format: Format) -> anyhow::Result<bool> {
    if format == Format::Json {
        outln!("{}", serde_json::to_string_pretty(outcome)?)?;
        return Ok(outcome.ok);
    }
    for r in &outcome.refused {
        outln!("refused: {}", r.reason)?;
        for e in &r.errors {
            outln!(
                "  {} {}",
                e.code.map(|c| c.to_string()).unwrap_or_default(),
                e.description.as_deref().unwrap_or("")
            )?;
        }
    }
    if let Some(run) = &outcome.run {
        outln!(
            "run {}: {} of {} requests done, {} failed{}",
            run.run_id,
            run.succeeded,
            run.total,
            run.failed,
            if run.state == RunState::Finished { "" } else { " (stopped: run the command again to finish)" }
        )?;
    }
    for f in &outcome.failures {
        outln!("failed: {f}")?;
    }
    if let Some(s) = &outcome.subscriber {
        let note = match (s.settled, s.timed_out) {
            (_, true) => " (still moving when the wait ended)",
            (false, _) => " (Webex is still working on it: --wait follows it)",
            _ => "",
        };
        outln!("subscriber {}: {}{note}", s.subscriber_id, s.status)?;
        let errors = hubdesk_core::features::broadworks::actions::ticket_text(&s.errors);
        if !errors.is_empty() {
            outln!("{errors}")?;
        }
    }
    Ok(outcome.ok)
}

/// The home org's BroadWorks runs left unfinished, oldest first.
fn unfinished(core: &Core, org: &str) -> anyhow::Result<Vec<RunSummary>> {
    let mut runs: Vec<RunSummary> = core
        .runs_list(org)?
        .into_iter()
        .filter(|r| r.state != RunState::Finished && matches!(r.action, RunAction::BroadworksSubscribers { .. }))
        .collect();
    runs.reverse();
    Ok(runs)
}

async fn send(core: &std::sync::Arc<Core>, run_id: &str) -> anyhow::Result<RunSummary> {
    let id = run_id.to_owned();
    let message = "cancelling after the request in flight; run the same command again to finish";
    session::on_ctrl_c(core, message, move |core| core.run_cancel(&id));
    Ok(core.run_apply(run_id, &print_run_progress).await?)
}
