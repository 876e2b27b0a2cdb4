//! `hubdesk calling export` and `hubdesk calling import`: the Control Hub
//! users CSV round trip (C4). The export writes every user of the cache
//! with their Calling licenses, `Reason` and `Suggested Number`; the import
//! reads the file back as a spreadsheet saved it and prints what it would
//! change and which lines it refuses (`--plan`, from the cache, nothing
//! sent), or syncs the org and sends the changes through the journal, each
//! once (`--apply --api`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use hubdesk_api::{ApplyRequest, CallingFix, CallingFixChange, CallingImportRejection, RunState};
use hubdesk_core::features::calling::ImportPlan;
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;
use serde::Serialize;

use super::exit::{self, outln};
use super::session;

#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// The cache `hubdesk sync` wrote.
    #[arg(long)]
    pub db: PathBuf,
    /// The org's id.
    #[arg(long)]
    pub org: String,
    /// The CSV file to write (replaced whole, or left as it was on a failure).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("mode").required(true).args(["plan", "apply"]))]
pub struct ImportArgs {
    /// The cache `hubdesk sync` wrote.
    #[arg(long)]
    pub db: PathBuf,
    /// The org's id.
    #[arg(long)]
    pub org: String,
    /// The users CSV, as exported and edited (`,` `;` or tab separated, with or without a BOM).
    #[arg(long)]
    pub csv: PathBuf,
    /// Only print what would change, from the cache (nothing is sent).
    #[arg(long)]
    pub plan: bool,
    /// Sync the org, then send the changes (token: HUBDESK_TOKEN or the keyring).
    #[arg(long, requires = "api")]
    pub apply: bool,
    /// API base URL for --apply, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, requires = "apply")]
    pub api: Option<String>,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ImportFormat,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Text,
    Json,
}

pub fn export(args: ExportArgs) -> ExitCode {
    exit::report_as(write_export(&args), 2)
}

fn write_export(args: &ExportArgs) -> anyhow::Result<()> {
    let core = session::open_read_only(&args.db, None)?;
    let users = core.calling_export_csv(&args.org, &args.out)?;
    eprintln!("{users} users written to {}", args.out.display());
    Ok(())
}

/// Exit 0 when every row is planned (or applied) or unchanged, 1 when some
/// rows are refused (the others are still planned and, with --apply, sent)
/// or a change failed, 2 when the file, the cache or the sign-in fails.
pub fn import(args: ImportArgs) -> ExitCode {
    let outcome = if args.apply {
        super::run_async(apply(&args))
    } else {
        session::open_read_only(&args.db, None).and_then(|core| plan(&core, &args)).and_then(|plan| {
            match args.format {
                ImportFormat::Json => outln!("{}", serde_json::to_string_pretty(&PlanJson::of(&plan))?)?,
                ImportFormat::Text => print_text(&plan)?,
            }
            Ok(plan.rejections.is_empty())
        })
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => exit::report_as(Err(err), 2),
    }
}

/// Whether every row was applied or unchanged.
async fn apply(args: &ImportArgs) -> anyhow::Result<bool> {
    let core = session::open(&args.db, None, true)?;
    let api = args.api.as_deref().unwrap_or(WEBEX_API_BASE);
    session::sign_in(&core, api, Duration::from_secs(args.timeout)).await?;
    eprintln!("syncing {} so the file is compared with Webex now", args.org);
    core.sync_org(&args.org, &|_| {}).await?;
    let mut plan = plan(&core, args)?;
    let planned = serde_json::to_value(PlanJson::of(&plan))?;
    if args.format == ImportFormat::Text {
        print_text(&plan)?;
    }
    let preview = core.calling_import_fix_preview(&args.org, &mut plan)?;
    for s in &preview.skipped {
        eprintln!("skipped {}: has Calling; a new work number is ignored once provisioned (C7)", s.email);
    }
    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: None };
    let run = match core.calling_fix_journal(&request).await? {
        Some(run) => {
            eprintln!("journaled {} change(s); sending", run.total);
            let id = run.run_id.clone();
            let message = "cancelling after the requests in flight; run the same command again to finish";
            session::on_ctrl_c(&core, message, move |core| core.run_cancel(&id));
            Some(core.run_apply(&run.run_id, &super::sync::print_run_progress).await?)
        }
        None => None,
    };
    let sent = run.as_ref().is_none_or(|r| r.state == RunState::Finished && r.failed == 0 && r.partial == 0);
    match (args.format, &run) {
        (ImportFormat::Json, _) => {
            let mut out = planned;
            out["run"] = serde_json::to_value(&run)?;
            outln!("{}", serde_json::to_string_pretty(&out)?)?;
        }
        (ImportFormat::Text, Some(run)) => {
            outln!("{} of {} changes done, {} failed", run.succeeded, run.total, run.failed)?;
        }
        (ImportFormat::Text, None) => outln!("nothing to send")?,
    }
    Ok(sent && plan.rejections.is_empty())
}

fn plan(core: &Core, args: &ImportArgs) -> anyhow::Result<ImportPlan> {
    let plan = core.calling_import_plan(&args.org, &args.csv)?;
    eprintln!(
        "{} rows: {} to change, {} unchanged, {} rejected",
        plan.rows,
        plan.changes.len(),
        plan.unchanged,
        plan.rejections.len()
    );
    Ok(plan)
}

fn print_text(plan: &ImportPlan) -> anyhow::Result<()> {
    for c in &plan.changes {
        let (from, to) = numbers(c);
        outln!("change  {}  {from} -> {to}", c.email)?;
    }
    for r in &plan.rejections {
        let email = r.email.as_deref().unwrap_or("-");
        let value = r.value.as_deref().map(|v| format!("  {v:?}")).unwrap_or_default();
        outln!("line {}  rejected  {}  {email}{value}", r.line, r.reason.code())?;
    }
    Ok(())
}

fn numbers(c: &CallingFixChange) -> (&str, &str) {
    let from = c.work_number.as_deref().unwrap_or("(none)");
    match &c.fix {
        CallingFix::SetWorkNumber { number } => (from, number.as_str()),
        // The import plans work numbers only.
        _ => (from, "?"),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanJson<'a> {
    rows: u32,
    unchanged: u32,
    changes: Vec<ChangeJson<'a>>,
    rejections: &'a [CallingImportRejection],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeJson<'a> {
    person_id: &'a str,
    email: &'a str,
    from: Option<&'a str>,
    to: &'a str,
}

impl<'a> PlanJson<'a> {
    fn of(plan: &'a ImportPlan) -> PlanJson<'a> {
        let changes = plan
            .changes
            .iter()
            .map(|c| ChangeJson {
                person_id: &c.person_id,
                email: &c.email,
                from: c.work_number.as_deref(),
                to: numbers(c).1,
            })
            .collect();
        PlanJson { rows: plan.rows, unchanged: plan.unchanged, changes, rejections: &plan.rejections }
    }
}
