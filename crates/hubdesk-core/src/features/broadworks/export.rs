//! The status view as CSV or JSON (B5): the columns the view shows plus the
//! error text, every row the view's filters match, in its order. The
//! window's export and `hubdesk broadworks list` write the same data. Every
//! CSV cell goes through `csv_cell`: a name or error text synced from
//! Webex that looks like a formula is written as text.

use std::io::Write;

use serde::Serialize;

use crate::Core;
use hubdesk_api::{ApiError, ErrorCode, SubscriberErrorText, SubscriberQuery, SubscriberRow};
use hubdesk_rules::csv_cell::write_row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriberFormat {
    Csv,
    Json,
}

pub const COLUMNS: [&str; 10] = [
    "Customer",
    "BroadWorks User ID",
    "Name",
    "Email",
    "Phone Number",
    "Package",
    "Status",
    "Last Status Change",
    "Error Codes",
    "Error Text",
];

/// One subscriber as exported to JSON: the CSV's data, errors as a list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Exported<'a> {
    id: &'a str,
    customer: String,
    customer_org_id: Option<&'a str>,
    user_id: Option<&'a str>,
    name: &'a str,
    email: Option<&'a str>,
    phone_number: Option<&'a str>,
    extension: Option<&'a str>,
    package: Option<&'a str>,
    status: &'a str,
    last_status_change: Option<&'a str>,
    errors: &'a [SubscriberErrorText],
}

impl Core {
    /// The view's rows (all of them, not the window) as CSV.
    pub fn broadworks_csv(&self, query: &SubscriberQuery) -> Result<String, ApiError> {
        let rows = self.store.broadworks_all_rows(query)?;
        let mut out = Vec::new();
        write_subscribers(&rows, SubscriberFormat::Csv, &mut out)?;
        String::from_utf8(out).map_err(ApiError::internal)
    }

    /// Writes the view's rows; returns how many.
    pub fn broadworks_list(
        &self,
        query: &SubscriberQuery,
        format: SubscriberFormat,
        out: &mut dyn Write,
    ) -> Result<usize, ApiError> {
        let rows = self.store.broadworks_all_rows(query)?;
        write_subscribers(&rows, format, out)?;
        Ok(rows.len())
    }
}

pub fn write_subscribers(
    rows: &[SubscriberRow],
    format: SubscriberFormat,
    out: &mut dyn Write,
) -> Result<(), ApiError> {
    let io = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "The list could not be written. Check the place you chose and its free space.",
        )
        .with_detail(format!("cannot write the list: {e}"))
    };
    match format {
        SubscriberFormat::Csv => write_csv(rows, out).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => io(e),
            other => ApiError::internal(format!("{other:?}")),
        }),
        SubscriberFormat::Json => {
            let exported: Vec<Exported> = rows.iter().map(exported).collect();
            serde_json::to_writer_pretty(&mut *out, &exported).map_err(|e| match e.io_error_kind() {
                Some(kind) => io(kind.into()),
                None => ApiError::internal(e),
            })?;
            writeln!(out).map_err(io)
        }
    }
}

fn write_csv(rows: &[SubscriberRow], out: &mut dyn Write) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    write_row(&mut csv, COLUMNS)?;
    for r in rows {
        let codes: Vec<String> = r.errors.iter().filter_map(|e| e.code).map(|c| c.to_string()).collect();
        write_row(
            &mut csv,
            [
                customer(r),
                r.user_id.clone().unwrap_or_default(),
                r.display_name.clone(),
                r.email.clone().unwrap_or_default(),
                number(r).unwrap_or_default().to_owned(),
                r.package.clone().unwrap_or_default(),
                r.status.clone(),
                r.last_status_change.clone().unwrap_or_default(),
                codes.join("; "),
                error_text(&r.errors),
            ],
        )?;
    }
    csv.flush()?;
    Ok(())
}

/// The customer's name; its org id when that org is not cached; and for
/// an unmapped subscriber, a sentence that says so.
fn customer(r: &SubscriberRow) -> String {
    match (&r.customer_name, &r.customer_org_id) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => match &r.sp_enterprise_id {
            Some(sp) => format!("No customer found for enterprise {sp}"),
            None => "No customer found".to_owned(),
        },
    }
}

fn number(r: &SubscriberRow) -> Option<&str> {
    r.primary_phone_number.as_deref().or(r.mobile_phone_number.as_deref()).or(r.extension.as_deref())
}

/// "code: description" per error, joined by "; ".
fn error_text(errors: &[SubscriberErrorText]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let description = e.description.as_deref().unwrap_or("");
            match e.code {
                Some(code) => format!("{code}: {description}"),
                None => description.to_owned(),
            }
        })
        .collect();
    lines.join("; ")
}

fn exported(r: &SubscriberRow) -> Exported<'_> {
    Exported {
        id: &r.id,
        customer: customer(r),
        customer_org_id: r.customer_org_id.as_deref(),
        user_id: r.user_id.as_deref(),
        name: &r.display_name,
        email: r.email.as_deref(),
        phone_number: r.primary_phone_number.as_deref().or(r.mobile_phone_number.as_deref()),
        extension: r.extension.as_deref(),
        package: r.package.as_deref(),
        status: &r.status,
        last_status_change: r.last_status_change.as_deref(),
        errors: &r.errors,
    }
}
