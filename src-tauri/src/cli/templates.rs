//! `hubdesk templates plan|apply|resume`: the window's preview, commit and
//! resume of license templates, headless, through the same core.

use std::path::PathBuf;

use anyhow::Context;
use hubdesk_api::{ApplyRequest, RunSummary, SaveScope, TemplateDraft};
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;

use super::session;
use super::sync::print_run_progress;

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
            let core = session::open(&args.db, args.ledger.as_deref(), true)?;
            let (draft, scope) = read_template(&args)?;
            let preview = core.templates_preview_file(&args.org, draft, scope)?;
            println!("{}", serde_json::to_string_pretty(&preview)?);
            Ok(())
        }
        TemplatesCommand::Apply(args) => apply(args).await,
        TemplatesCommand::Resume(args) => {
            let core = session::open(&args.db, args.ledger.as_deref(), true)?;
            session::sign_in(&core, &args.api).await?;
            for run_id in core.ledger.unfinished_runs()? {
                print_summary(&send(&core, &run_id).await?)?;
            }
            Ok(())
        }
    }
}

async fn apply(args: ApplyArgs) -> anyhow::Result<()> {
    let core = session::open(&args.plan.db, args.plan.ledger.as_deref(), true)?;
    session::sign_in(&core, &args.api).await?;
    if let Some(run) = core.ledger.unfinished_run(&args.plan.org)? {
        eprintln!("resuming the unfinished run {} first; run apply again afterwards for a new plan", run.run_id);
        return print_summary(&send(&core, &run.run_id).await?);
    }
    let (draft, scope) = read_template(&args.plan)?;
    let preview = core.templates_preview_file(&args.plan.org, draft, scope)?;
    let request = ApplyRequest { preview_id: preview.preview_id, typed_confirmation: args.confirm };
    match core.templates_commit(&request).await? {
        None => eprintln!("saved; nothing to send"),
        Some(run) => {
            eprintln!("journaled {} change(s); sending", run.total);
            print_summary(&send(&core, &run.run_id).await?)?;
        }
    }
    Ok(())
}

fn read_template(args: &PlanArgs) -> anyhow::Result<(TemplateDraft, SaveScope)> {
    let path = &args.template;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let draft = serde_json::from_str(&text).with_context(|| format!("{} is not a template", path.display()))?;
    Ok((draft, SaveScope { existing_users: args.existing, preserve: !args.no_preserve }))
}

/// Applies a run as the window does; Ctrl-C stops it after the requests in flight.
async fn send(core: &std::sync::Arc<Core>, run_id: &str) -> anyhow::Result<RunSummary> {
    let id = run_id.to_owned();
    let message = "cancelling after the requests in flight; `hubdesk templates resume` finishes the run";
    session::on_ctrl_c(core, message, move |core| core.run_cancel(&id));
    Ok(core.run_apply(run_id, &print_run_progress).await?)
}

fn print_summary(summary: &RunSummary) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(summary)?);
    Ok(())
}
