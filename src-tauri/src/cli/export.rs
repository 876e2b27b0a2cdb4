//! `hubdesk export`: the cache as CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use hubdesk_core::features::users::ExportFormat;

use super::session;

#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum ExportWhat {
    /// The people of one org, with one column per license (CSV as Control Hub's).
    People {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        org: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Format {
    Csv,
    Json,
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let ExportWhat::People { db, org, format, output } = args.what;
    let core = session::open(&db, None, true)?;
    let mut out: Box<dyn Write> = match &output {
        Some(path) => {
            Box::new(std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let format = match format {
        Format::Csv => ExportFormat::Csv,
        Format::Json => ExportFormat::Json,
    };
    let count = core.export_people(&org, format, &mut out)?;
    out.flush()?;
    eprintln!("exported {count} people");
    Ok(())
}
