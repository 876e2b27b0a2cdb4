//! `hubdesk calling export` and `hubdesk calling import --plan`: the Control
//! Hub users CSV round trip (C4) from the cache. The export writes every
//! user with their Calling licenses, `Reason` and `Suggested Number`; the
//! import reads the file back as a spreadsheet saved it and prints what it
//! would change and which lines it refuses. Nothing is sent.

use std::path::PathBuf;
use std::process::ExitCode;

use hubdesk_api::{CallingFix, CallingFixChange, CallingImportRejection};
use hubdesk_core::features::calling::ImportPlan;
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
    /// Only print what would change (nothing is sent).
    #[arg(long, required = true)]
    pub plan: bool,
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

/// Exit 0 when every row can be applied or is unchanged, 1 when some rows
/// are refused (the others are still planned), 2 when the file or the
/// cache cannot be read.
pub fn import(args: ImportArgs) -> ExitCode {
    match plan(&args) {
        Ok(plan) if plan.rejections.is_empty() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(err) => exit::report_as(Err(err), 2),
    }
}

fn plan(args: &ImportArgs) -> anyhow::Result<ImportPlan> {
    let core = session::open_read_only(&args.db, None)?;
    let plan = core.calling_import_plan(&args.org, &args.csv)?;
    match args.format {
        ImportFormat::Json => {
            let json = serde_json::to_string_pretty(&PlanJson::of(&plan))?;
            outln!("{json}")?;
        }
        ImportFormat::Text => {
            for c in &plan.changes {
                let (from, to) = numbers(c);
                outln!("change  {}  {from} -> {to}", c.email)?;
            }
            for r in &plan.rejections {
                let email = r.email.as_deref().unwrap_or("-");
                let value = r.value.as_deref().map(|v| format!("  {v:?}")).unwrap_or_default();
                outln!("line {}  rejected  {}  {email}{value}", r.line, r.reason.code())?;
            }
        }
    }
    eprintln!(
        "{} rows: {} to change, {} unchanged, {} rejected",
        plan.rows,
        plan.changes.len(),
        plan.unchanged,
        plan.rejections.len()
    );
    Ok(plan)
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
