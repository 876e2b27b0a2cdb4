//! Exports of the cache. The people CSV follows Control Hub's user CSV
//! (webex-api.md §9): the same column names where one exists, and one
//! TRUE/FALSE column per license named "License [subscription or site]".
//! Every cell goes through `csv_cell`: a name synced from Webex that looks
//! like a formula is written as text (a quote in front).

use std::io::Write;

use serde::Serialize;

use crate::webex::models::{License, Person};
use crate::Core;
use hubdesk_api::{ApiError, ErrorCode};
use hubdesk_rules::csv_cell::write_row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

const FIXED_COLUMNS: [&str; 9] = [
    "First Name",
    "Last Name",
    "Display Name",
    "User ID/Email (Required)",
    "User Status",
    "Extension",
    "Phone Number",
    "Department",
    "Title",
];

/// One person as exported to JSON.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportedPerson<'a> {
    id: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    display_name: &'a str,
    email: &'a str,
    user_status: &'static str,
    extension: Option<&'a str>,
    phone_number: Option<&'a str>,
    department: Option<&'a str>,
    title: Option<&'a str>,
    licenses: Vec<String>,
}

impl Core {
    /// Writes every cached person of `org_id`; returns how many.
    pub fn export_people(&self, org_id: &str, format: ExportFormat, out: &mut dyn Write) -> Result<usize, ApiError> {
        export_people(&self.store, org_id, format, out)
    }
}

pub fn export_people(
    store: &crate::store::Store,
    org_id: &str,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ApiError> {
    let people = store.people_of_org(org_id)?;
    let licenses = store.licenses_of_org(org_id)?;
    if people.is_empty() && store.sync_status(org_id)?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "This organization has not been synced into this cache. Sync it first.",
        )
        .with_detail(format!("org {org_id} has not been synced into this database")));
    }
    let io = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "The export could not be written. Check the place you chose and its free space.",
        )
        .with_detail(format!("cannot write the export: {e}"))
    };
    match format {
        ExportFormat::Csv => write_csv(&people, &licenses, out).map_err(ApiError::internal)?,
        ExportFormat::Json => {
            let rows: Vec<_> = people.iter().map(|p| exported(p, &licenses)).collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(ApiError::internal)?;
            writeln!(out).map_err(io)?;
        }
    }
    Ok(people.len())
}

fn write_csv(people: &[Person], licenses: &[License], out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(out);
    let license_columns: Vec<String> = licenses.iter().map(license_column).collect();
    write_row(&mut csv, FIXED_COLUMNS.iter().map(|s| s.to_string()).chain(license_columns))?;
    for p in people {
        let mut row: Vec<String> = vec![
            p.first_name.clone().unwrap_or_default(),
            p.last_name.clone().unwrap_or_default(),
            p.display_name.clone(),
            p.primary_email().to_owned(),
            user_status(p).to_owned(),
            p.extension.clone().unwrap_or_default(),
            p.work_number().unwrap_or_default().to_owned(),
            p.department.clone().unwrap_or_default(),
            p.title.clone().unwrap_or_default(),
        ];
        row.extend(licenses.iter().map(|l| if p.licenses.contains(&l.id) { "TRUE" } else { "FALSE" }.to_owned()));
        write_row(&mut csv, row)?;
    }
    csv.flush()?;
    Ok(())
}

/// "Webex Calling - Professional [Sub-123]", or the site for meeting licenses.
fn license_column(l: &License) -> String {
    match l.site_url.as_deref().or(l.subscription_id.as_deref()) {
        Some(qualifier) => format!("{} [{qualifier}]", l.name),
        None => l.name.clone(),
    }
}

/// Control Hub's account status, not the presence `status` field.
fn user_status(p: &Person) -> &'static str {
    match (p.invite_pending, p.login_enabled) {
        (Some(true), _) => "Invite pending",
        (_, Some(false)) => "Deactivated",
        _ => "Active",
    }
}

fn exported<'a>(p: &'a Person, licenses: &[License]) -> ExportedPerson<'a> {
    ExportedPerson {
        id: &p.id,
        first_name: p.first_name.as_deref(),
        last_name: p.last_name.as_deref(),
        display_name: &p.display_name,
        email: p.primary_email(),
        user_status: user_status(p),
        extension: p.extension.as_deref(),
        phone_number: p.work_number(),
        department: p.department.as_deref(),
        title: p.title.as_deref(),
        licenses: licenses.iter().filter(|l| p.licenses.contains(&l.id)).map(license_column).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::PhoneNumber;

    #[test]
    fn csv_has_control_hub_columns_and_one_boolean_per_license() {
        let (_dir, store) = temp_store();
        let calling = License {
            id: "L1".into(),
            name: "Webex Calling - Professional".into(),
            total_units: 5,
            consumed_units: 1,
            consumed_by_users: Some(1),
            subscription_id: Some("Sub-1".into()),
            site_url: None,
            site_type: None,
        };
        let meeting = License {
            id: "L2".into(),
            name: "Meeting - Webex Meeting Center".into(),
            site_url: Some("acme.webex.com".into()),
            subscription_id: Some("Sub-2".into()),
            ..calling.clone()
        };
        store.replace_licenses("org", &[calling, meeting]).unwrap();
        let ann = Person {
            id: "1".into(),
            display_name: "Ann, \"the\" Admin".into(),
            first_name: Some("Ann".into()),
            emails: vec!["ann@x.com".into()],
            licenses: vec!["L1".into()],
            phone_numbers: vec![PhoneNumber { kind: "work".into(), value: "+4533000000".into(), primary: true }],
            invite_pending: Some(true),
            ..Default::default()
        };
        store.replace_people("org", &[ann]).unwrap();
        let mut out = Vec::new();
        assert_eq!(export_people(&store, "org", ExportFormat::Csv, &mut out).unwrap(), 1);
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(headers[3], "User ID/Email (Required)");
        assert_eq!(headers[9], "Meeting - Webex Meeting Center [acme.webex.com]");
        assert_eq!(headers[10], "Webex Calling - Professional [Sub-1]");
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[2], "Ann, \"the\" Admin", "quotes and commas survive");
        assert_eq!(&row[4], "Invite pending");
        assert_eq!(&row[6], "+4533000000");
        assert_eq!((&row[9], &row[10]), ("FALSE", "TRUE"));
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_written_as_text() {
        let (_dir, store) = temp_store();
        let mallory = Person {
            id: "1".into(),
            display_name: "=HYPERLINK(\"http://x\",\"y\")".into(),
            first_name: Some("@SUM(A1)".into()),
            emails: vec!["m@x.com".into()],
            department: Some("-5".into()),
            phone_numbers: vec![PhoneNumber { kind: "work".into(), value: "+45 33 16 54 04".into(), primary: true }],
            ..Default::default()
        };
        store.replace_people("org", &[mallory]).unwrap();
        let mut out = Vec::new();
        export_people(&store, "org", ExportFormat::Csv, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[2], "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(&row[0], "'@SUM(A1)");
        assert_eq!(&row[7], "'-5");
        assert_eq!(&row[6], "+45 33 16 54 04", "a phone number is not a formula");
    }

    #[test]
    fn an_org_never_synced_is_an_error_not_an_empty_file() {
        let (_dir, store) = temp_store();
        let err = export_people(&store, "nope", ExportFormat::Json, &mut Vec::new()).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
