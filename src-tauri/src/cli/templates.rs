//! `hubdesk templates plan|apply|resume`: license templates without a
//! window, through the same rules, ledger and journal as the app.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use tokio_util::sync::CancellationToken;

use super::sync::token;
use crate::api::{AssignmentMode, RunProgress, RunSummary, SaveScope, TemplateDraft};
use crate::ledger::Ledger;
use crate::ops::templates::apply::{apply_run, ApplyContext};
use crate::ops::templates::facts;
use crate::ops::templates::{plan_save, Planned};
use crate::store::Store;
use crate::webex::{StaticToken, WebexClient, WEBEX_API_BASE};

#[derive(clap::Subcommand, Debug)]
pub enum TemplatesCommand {
    /// Print the preview of saving a template, as JSON. Sends nothing.
    Plan(PlanArgs),
    /// Save a template and apply it through the journal (resuming first
    /// any run of the org a crash or cancel left unfinished).
    Apply(ApplyArgs),
    /// Finish every unfinished run: each change is sent once.
    Resume(ResumeArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct PlanArgs {
    /// The SQLite cache (from `hubdesk sync`).
    #[arg(long)]
    pub db: PathBuf,
    /// The ledger (templates, journal, audit); default: beside the cache.
    #[arg(long)]
    pub ledger: Option<PathBuf>,
    #[arg(long)]
    pub org: String,
    /// The template as JSON: {"name", "groupId"?, "licenses": [ids],
    /// "meetings": [{"siteUrl", "account": {"type": "host", "licenseId"} | {"type": "attendee"}}]}.
    #[arg(long)]
    pub template: PathBuf,
    /// Also apply to existing users (T4).
    #[arg(long)]
    pub existing: bool,
    /// With --existing, remove licenses the template lacks (T5).
    #[arg(long)]
    pub no_preserve: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub plan: PlanArgs,
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// C8: the confirmation text the plan asks for when Calling is removed.
    #[arg(long)]
    pub confirm: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ResumeArgs {
    #[arg(long)]
    pub db: PathBuf,
    #[arg(long)]
    pub ledger: Option<PathBuf>,
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
}

pub async fn run(command: TemplatesCommand) -> anyhow::Result<()> {
    match command {
        TemplatesCommand::Plan(args) => {
            let (store, ledger) = open(&args.db, args.ledger.as_ref())?;
            let planned = plan(&store, &ledger, &args)?;
            println!("{}", serde_json::to_string_pretty(&planned.preview)?);
            Ok(())
        }
        TemplatesCommand::Apply(args) => apply(args).await,
        TemplatesCommand::Resume(args) => {
            let (store, ledger) = open(&args.db, args.ledger.as_ref())?;
            let client = client(&args.api)?;
            for run_id in ledger.unfinished_runs()? {
                let summary = send(&client, &store, &ledger, &run_id).await?;
                println!("{}", serde_json::to_string(&summary)?);
            }
            Ok(())
        }
    }
}

async fn apply(args: ApplyArgs) -> anyhow::Result<()> {
    let (store, ledger) = open(&args.plan.db, args.plan.ledger.as_ref())?;
    let client = client(&args.api)?;
    if let Some(run) = ledger.unfinished_run(&args.plan.org)? {
        eprintln!("resuming the unfinished run {} first; run apply again afterwards for a new plan", run.run_id);
        let summary = send(&client, &store, &ledger, &run.run_id).await?;
        println!("{}", serde_json::to_string(&summary)?);
        return Ok(());
    }
    let planned = plan(&store, &ledger, &args.plan)?;
    planned.check_confirmation(args.confirm.as_deref())?;
    let me = client.me().await.context("Webex cannot be reached or refused the token; nothing was saved or sent")?;
    match planned.commit(&store, &ledger, me.primary_email())? {
        None => eprintln!("saved; nothing to send"),
        Some(run) => {
            eprintln!("journaled {} change(s); sending", run.total);
            let summary = send(&client, &store, &ledger, &run.run_id).await?;
            println!("{}", serde_json::to_string(&summary)?);
        }
    }
    Ok(())
}

fn open(db: &Path, ledger: Option<&PathBuf>) -> anyhow::Result<(Store, Ledger)> {
    if !db.exists() {
        bail!("{} does not exist: run `hubdesk sync` first", db.display());
    }
    let store = Store::open(db)?;
    let ledger = Ledger::open(&ledger.cloned().unwrap_or_else(|| Ledger::path_beside(db)))?;
    Ok((store, ledger))
}

fn client(api: &str) -> anyhow::Result<WebexClient> {
    Ok(WebexClient::new(api, Arc::new(StaticToken(token()?))))
}

fn plan(store: &Store, ledger: &Ledger, args: &PlanArgs) -> anyhow::Result<Planned> {
    let text =
        std::fs::read_to_string(&args.template).with_context(|| format!("cannot read {}", args.template.display()))?;
    let mut draft: TemplateDraft =
        serde_json::from_str(&text).with_context(|| format!("{} is not a template", args.template.display()))?;
    let stored = ledger.templates(&args.org)?;
    // The template of the same group (or the org template) is edited, not
    // duplicated, when the file has no id.
    if draft.id.is_none() {
        draft.id = stored.iter().find(|(t, _)| t.group_id == draft.group_id).map(|(t, _)| t.id.clone());
    }
    // T1: an org without templates takes the file's mode.
    let mode =
        stored.is_empty().then_some(if draft.group_id.is_some() { AssignmentMode::Group } else { AssignmentMode::Org });
    let scope = SaveScope { existing_users: args.existing, preserve: !args.no_preserve };
    Ok(plan_save(store, ledger, &args.org, &draft, scope, mode)?)
}

pub(super) async fn send(
    client: &WebexClient,
    store: &Store,
    ledger: &Ledger,
    run_id: &str,
) -> anyhow::Result<RunSummary> {
    let org_id = ledger.run_summary(run_id)?.org_id;
    let pools = facts::pools(store, &org_id)?;
    let actor = client.me().await.map(|me| me.primary_email().to_owned()).unwrap_or_else(|_| "hubdesk".to_owned());
    let ctx = ApplyContext { client, ledger, store: Some(store), org_id: &org_id, actor: &actor, pools: &pools };
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("cancelling after the requests in flight; `hubdesk templates resume` finishes the run");
            on_ctrl_c.cancel();
        }
    });
    Ok(apply_run(&ctx, run_id, &print_progress, &cancel).await?)
}

fn print_progress(p: RunProgress) {
    if p.done.is_multiple_of(100) || p.done == p.total {
        eprintln!("{}/{} sent, {} failed", p.done, p.total, p.failed);
    }
}
