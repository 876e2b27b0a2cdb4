//! `hubdesk templates plan|apply|resume`: the window's preview, commit and
//! resume of license templates, headless, through the same core.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hubdesk_api::{ApiError, ApplyRequest, ErrorCode, RunSummary, SaveScope, TemplateDraft};
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;

use super::exit::outln;
use super::session;
use super::sync::print_run_progress;

/// A template is a few hundred bytes of JSON; a file far bigger than any
/// template is refused before it is read whole.
const MAX_TEMPLATE_FILE: u64 = 1024 * 1024;

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
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
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
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

pub async fn run(command: TemplatesCommand) -> anyhow::Result<()> {
    match command {
        TemplatesCommand::Plan(args) => {
            // It sends nothing, so it writes nothing either: not even a new ledger.
            let core = session::open_read_only(&args.db, args.ledger.as_deref())?;
            let (draft, scope) = read_template(&args)?;
            let preview = core.templates_preview_file(&args.org, draft, scope)?;
            outln!("{}", serde_json::to_string_pretty(&preview)?)
        }
        TemplatesCommand::Apply(args) => apply(args).await,
        TemplatesCommand::Resume(args) => {
            let core = session::open(&args.db, args.ledger.as_deref(), true)?;
            session::sign_in(&core, &args.api, Duration::from_secs(args.timeout)).await?;
            for run_id in core.ledger.unfinished_runs()? {
                print_summary(&send(&core, &run_id).await?)?;
            }
            Ok(())
        }
    }
}

async fn apply(args: ApplyArgs) -> anyhow::Result<()> {
    let core = session::open(&args.plan.db, args.plan.ledger.as_deref(), true)?;
    session::sign_in(&core, &args.api, Duration::from_secs(args.timeout)).await?;
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
    let text = read_limited(path)?;
    let draft = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "The template file is not a template. `hubdesk templates plan --help` shows the format.",
        )
        .with_detail(format!("{}: {e}", path.display()))
    })?;
    Ok((draft, SaveScope { existing_users: args.existing, preserve: !args.no_preserve }))
}

/// The file's text, refused past `MAX_TEMPLATE_FILE` (read no further).
fn read_limited(path: &Path) -> anyhow::Result<String> {
    let cannot_read = |e: std::io::Error| {
        ApiError::new(ErrorCode::InvalidInput, "The template file cannot be read. Check its name and permissions.")
            .with_detail(format!("{}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut text = String::new();
    file.take(MAX_TEMPLATE_FILE + 1).read_to_string(&mut text).map_err(cannot_read)?;
    if text.len() as u64 > MAX_TEMPLATE_FILE {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "The template file is larger than 1 MiB, far more than any template. Check that it is the right file.",
        )
        .with_detail(format!("{}: over {MAX_TEMPLATE_FILE} bytes", path.display()))
        .into());
    }
    Ok(text)
}

/// Applies a run as the window does; Ctrl-C stops it after the requests in flight.
async fn send(core: &std::sync::Arc<Core>, run_id: &str) -> anyhow::Result<RunSummary> {
    let id = run_id.to_owned();
    let message = "cancelling after the requests in flight; `hubdesk templates resume` finishes the run";
    session::on_ctrl_c(core, message, move |core| core.run_cancel(&id));
    Ok(core.run_apply(run_id, &print_run_progress).await?)
}

fn print_summary(summary: &RunSummary) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string(summary)?)
}
