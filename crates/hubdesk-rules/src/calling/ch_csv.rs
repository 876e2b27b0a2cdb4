//! The org's users as Control Hub's users CSV (webex-api.md §9), plus the
//! report's `Reason` and `Suggested Number`: every user, with Calling or
//! not, so the admin can edit numbers in a spreadsheet and import the file
//! back (`csv_read`, `csv_import`). Every cell goes through `csv_cell`.

use std::collections::HashMap;

use crate::csv_cell::write_row;
use crate::templates::{Kind, LicenseFact};

use super::CallingUser;

pub const EMAIL_HEADER: &str = "User ID/Email (Required)";
pub const PHONE_HEADER: &str = "Phone Number";

/// Control Hub's columns, in its order, before the license columns.
const USER_HEADERS: [&str; 7] =
    ["First Name", "Last Name", "Display Name", EMAIL_HEADER, PHONE_HEADER, "Extension", "Location"];

/// One user as the cache holds them.
#[derive(Debug, Clone, Copy)]
pub struct CsvUser<'a> {
    pub person_id: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub display_name: &'a str,
    pub email: &'a str,
    /// The directory work number as it is (not normalised: the admin edits it).
    pub work_number: &'a str,
    pub extension: &'a str,
    pub location: &'a str,
    /// License ids held.
    pub licenses: &'a [String],
}

/// Writes the header and one row per user. `report` holds the users without
/// Calling (their `Reason` code and `Suggested Number`); a user with Calling
/// has both cells empty.
pub fn write_users_csv<'a, W: std::io::Write>(
    out: W,
    licenses: &[LicenseFact],
    users: impl IntoIterator<Item = CsvUser<'a>>,
    report: &[CallingUser],
) -> csv::Result<W> {
    let columns = license_columns(licenses);
    let why: HashMap<&str, &CallingUser> = report.iter().map(|u| (u.person_id.as_str(), u)).collect();
    let mut csv = csv::Writer::from_writer(out);
    let header = USER_HEADERS
        .iter()
        .map(|h| (*h).to_owned())
        .chain(columns.iter().map(|(_, h)| h.clone()))
        .chain(["Reason".to_owned(), "Suggested Number".to_owned()]);
    write_row(&mut csv, header)?;
    let mut cells: Vec<&str> = Vec::with_capacity(USER_HEADERS.len() + columns.len() + 2);
    for u in users {
        cells.clear();
        cells.extend([u.first_name, u.last_name, u.display_name, u.email, u.work_number, u.extension, u.location]);
        cells.extend(columns.iter().map(|(id, _)| if u.licenses.contains(id) { "TRUE" } else { "FALSE" }));
        let reported = why.get(u.person_id);
        cells.push(reported.map_or("", |r| r.reason.code()));
        cells.push(reported.and_then(|r| r.suggested_number.as_deref()).unwrap_or_default());
        write_row(&mut csv, &cells)?;
    }
    csv.flush()?;
    csv.into_inner().map_err(|e| e.into_error().into())
}

/// One TRUE/FALSE column per license giving a Calling line, named as
/// Control Hub names it: `Webex Calling VAR Professional [...]`, and
/// `Webex Calling VAR Basic [...]` for the Standard license, with the
/// subscription in brackets (the license id when it has none).
fn license_columns(licenses: &[LicenseFact]) -> Vec<(String, String)> {
    licenses
        .iter()
        .filter_map(|l| {
            let tier = match Kind::of(&l.name) {
                Kind::CallingProfessional => "Professional",
                Kind::CallingStandard => "Basic",
                _ => return None,
            };
            let within = l.subscription_id.as_deref().unwrap_or(&l.id);
            Some((l.id.clone(), format!("Webex Calling VAR {tier} [{within}]")))
        })
        .collect()
}
