//! `hubdesk calling diagnose` (and `fix`, in `calling_fix`): why each user of an org without a Calling
//! license has none (C2–C5), from the cache `hubdesk sync` wrote. One row
//! per user: `email`, `reason` (a stable code), `evidence` (a sentence),
//! `suggestedNumber` (for `not_e164`, when one can be made).

use std::path::PathBuf;
use std::process::ExitCode;

use hubdesk_core::features::calling::{write_report, CallingFormat};

use super::exit;
use super::session;

#[derive(clap::Subcommand, Debug)]
pub enum CallingCommand {
    /// The report: every user of the org without a Calling license and why, with the evidence.
    /// Exit codes: 0 done, 2 failed (no such cache, an org the cache does not have).
    Diagnose(DiagnoseArgs),
    /// Fix users without Calling (C1, C4) and C7 mismatches: preview with --plan, else journal and send each
    /// change once, then sync (token: HUBDESK_TOKEN or the keyring).
    #[command(after_help = super::calling_fix::FIX_HELP)]
    Fix(super::calling_fix::FixArgs),
    /// The org's users as Control Hub's users CSV, with Reason and Suggested Number, to edit in a spreadsheet.
    /// Exit codes: 0 written, 2 failed.
    Export(super::calling_csv::ExportArgs),
    /// Reads an edited users CSV back: the work numbers it would change and the lines it refuses (--plan,
    /// nothing sent), or sends those changes once each through the journal (--apply --api).
    /// Exit codes: 0 no line refused (and all sent), 1 some lines refused or a change failed, 2 failed
    /// (the file, the cache or the sign-in).
    Import(super::calling_csv::ImportArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct DiagnoseArgs {
    /// The cache `hubdesk sync` wrote.
    #[arg(long)]
    pub db: PathBuf,
    /// The org's id.
    #[arg(long)]
    pub org: String,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Format {
    Csv,
    Json,
}

pub fn main(command: CallingCommand) -> ExitCode {
    match command {
        CallingCommand::Diagnose(args) => exit::report_as(diagnose(args), 2),
        CallingCommand::Fix(args) => super::calling_fix::main(args),
        CallingCommand::Export(args) => super::calling_csv::export(args),
        CallingCommand::Import(args) => super::calling_csv::import(args),
    }
}

fn diagnose(args: DiagnoseArgs) -> anyhow::Result<()> {
    let core = session::open_read_only(&args.db, None)?;
    let report = core.calling_diagnose(&args.org)?;
    let format = match args.format {
        Format::Csv => CallingFormat::Csv,
        Format::Json => CallingFormat::Json,
    };
    let mut out = Vec::new();
    write_report(&report, format, &mut out)?;
    exit::write_out(format_args!("{}", String::from_utf8_lossy(&out)))?;
    let counts: Vec<String> =
        report.counts.iter().filter(|c| c.count > 0).map(|c| format!("{} {}", c.count, c.reason.code())).collect();
    eprintln!("{} users without Calling: {}", report.users.len(), counts.join(", "));
    Ok(())
}
