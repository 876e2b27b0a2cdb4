//! The Calling report as the command line prints it: one row per user
//! without a Calling license, `email`, `reason`, `evidence`,
//! `suggestedNumber`; CSV cells neutralised (`csv_cell`), or JSON rows with
//! the evidence's data too.

use std::io::Write;

use hubdesk_api::{ApiError, CallingEvidence, CallingReport, CallingUser, ErrorCode};
use hubdesk_rules::csv_cell::write_row;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallingFormat {
    Csv,
    Json,
}

pub const CSV_HEADER: [&str; 4] = ["email", "reason", "evidence", "suggestedNumber"];

/// A JSON row: the CSV's columns, and the evidence's data for scripts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    email: &'a str,
    display_name: &'a str,
    reason: &'static str,
    evidence: String,
    suggested_number: Option<&'a str>,
    details: &'a CallingEvidence,
}

fn row(u: &CallingUser) -> Row<'_> {
    Row {
        email: &u.email,
        display_name: &u.display_name,
        reason: u.reason.code(),
        evidence: u.sentence(),
        suggested_number: u.suggested_number.as_deref(),
        details: &u.evidence,
    }
}

pub fn write_report(report: &CallingReport, format: CallingFormat, out: &mut dyn Write) -> Result<(), ApiError> {
    let io = |e: String| {
        ApiError::new(ErrorCode::InvalidInput, "The Calling report could not be written.")
            .with_detail(format!("cannot write the report: {e}"))
    };
    match format {
        CallingFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            write_row(&mut csv, CSV_HEADER).map_err(|e| io(e.to_string()))?;
            for u in &report.users {
                let suggested = u.suggested_number.as_deref().unwrap_or_default();
                write_row(&mut csv, [u.email.as_str(), u.reason.code(), &u.sentence(), suggested])
                    .map_err(|e| io(e.to_string()))?;
            }
            csv.flush().map_err(|e| io(e.to_string()))?;
        }
        CallingFormat::Json => {
            let rows: Vec<Row> = report.users.iter().map(row).collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(|e| io(e.to_string()))?;
            out.write_all(b"\n").map_err(|e| io(e.to_string()))?;
        }
    }
    Ok(())
}
