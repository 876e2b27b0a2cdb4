//! The preview as a CSV file for the admin: one row per user in the plan.
//! Cells go through `csv_cell`, so a name that looks like a formula stays
//! text in a spreadsheet.

use super::model::{LicenseAdd, LicenseRemove, NumberProblem, Plan, SiteRole, SiteRoleChange, UserChange, UserIssue};
use crate::csv_cell::write_row;

const HEADER: [&str; 7] =
    ["Display name", "Email", "Licenses added", "Licenses removed", "Roles changed", "Issues", "Pending first sign-in"];

/// Several items in a cell are separated by "; ". A Calling removal (C8)
/// says in its cell that it deletes the user's number, voicemail and call
/// settings.
pub fn plan_csv(plan: &Plan) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    write_row(&mut out, HEADER).expect("writing to memory");
    for user in &plan.users {
        write_row(&mut out, row(user)).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the cells are strings")
}

fn row(user: &UserChange) -> [String; 7] {
    [
        user.display_name.clone(),
        user.email.clone(),
        cell(user.add.iter().map(added)),
        cell(user.remove.iter().map(removed)),
        cell(user.roles.iter().map(role)),
        cell(user.issues.iter().map(issue)),
        if user.pending_first_sign_in { "yes" } else { "no" }.to_string(),
    ]
}

fn cell(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

fn added(add: &LicenseAdd) -> String {
    let mut text = add.name.clone();
    if let Some(site) = &add.site_url {
        text += &format!(" ({site})");
    }
    if let Some(line) = &add.calling {
        let number = line.phone_number.as_deref().or(line.extension.as_deref()).unwrap_or("");
        text += &format!(" (line {number}, location {})", line.location_id);
    }
    text
}

fn removed(remove: &LicenseRemove) -> String {
    match remove.calling {
        true => format!("{} (REMOVES CALLING: number, voicemail and call settings are deleted)", remove.name),
        false => remove.name.clone(),
    }
}

fn role(change: &SiteRoleChange) -> String {
    let name = |role: SiteRole| match role {
        SiteRole::None => "none",
        SiteRole::Attendee => "attendee",
        SiteRole::Host => "host",
    };
    format!("{}: {} to {}", change.site_url, name(change.from), name(change.to))
}

fn issue(issue: &UserIssue) -> String {
    match issue {
        UserIssue::NeedsNumber { reason } => format!("No Calling: {}", number_problem(reason)),
        UserIssue::NoUnitsLeft { license_name } => format!("No unit of {license_name} left"),
        UserIssue::AttendeeInsteadOfHost { site_url } => format!("Attendee instead of host on {site_url}"),
        UserIssue::SiteAdminWithoutHost { site_url } => {
            format!("Site admin of {site_url}: not made an attendee, no host license")
        }
        UserIssue::CreatedWithLicenses => "Created with licenses: the org template leaves them".to_string(),
    }
}

fn number_problem(problem: &NumberProblem) -> String {
    match problem {
        NumberProblem::NoWorkNumber => "no work number".to_string(),
        NumberProblem::NotE164 { number } => format!("work number {number} is not in E.164 format"),
        NumberProblem::NotInInventory { number } => format!("{number} is not in the Calling number inventory"),
        NumberProblem::LocationNotCalling { number, location_id } => {
            format!("{number} is at location {location_id}, which is not enabled for Calling")
        }
        NumberProblem::TakenBy { number, owner } => format!("{number} is assigned to {owner}"),
    }
}
