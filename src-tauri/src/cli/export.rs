//! `hubdesk export`: the cache as CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use hubdesk_core::features::users::ExportFormat;
use hubdesk_core::files::write_atomically;

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
    let core = session::open_read_only(&db, None)?;
    let format = match format {
        Format::Csv => ExportFormat::Csv,
        Format::Json => ExportFormat::Json,
    };
    // A file is written whole or not at all, and never over a database
    // (the cache or ledger mistyped as the output).
    let count = match &output {
        Some(path) => write_atomically(path, |out| core.export_people(&org, format, out))?,
        None => {
            let mut out = std::io::stdout().lock();
            let count = core.export_people(&org, format, &mut out)?;
            out.flush()?;
            count
        }
    };
    eprintln!("exported {count} people");
    Ok(())
}
