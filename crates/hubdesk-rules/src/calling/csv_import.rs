//! What an edited users CSV changes (C4): for each row, nothing (the number
//! is the directory's after normalising), a new work number in E.164
//! (`CallingFix::SetWorkNumber`), or a rejection with the file's line and
//! why. A rejected row changes nothing; the other rows still do.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::phone_normalise::{normalise, NotNormalised};
use crate::templates::{OrgFacts, PersonFact};

use super::{CallingFix, CallingFixChange, CallingLocation, CallingReason, CallingUser, Sheet, SheetRow};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingImportRejection {
    /// The line of the file (1 is the header).
    pub line: u32,
    pub email: Option<String>,
    pub reason: CallingImportRejectReason,
    /// The cell as read, for the admin to find it.
    pub value: Option<String>,
}

/// Why a row of an imported CSV is refused; the UI words each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallingImportRejectReason {
    /// The row cannot be read as CSV (an unclosed quote, too many cells).
    Malformed,
    /// No `User ID/Email (Required)` value.
    MissingEmail,
    /// No user of the org has that email.
    UnknownUser,
    /// The phone number cannot be made E.164.
    InvalidNumber,
    /// The same user appears on an earlier row.
    DuplicateUser,
    /// Another user of the org has the number, or another row gives it.
    NumberInUse,
}

impl CallingImportRejectReason {
    pub fn code(self) -> &'static str {
        match self {
            CallingImportRejectReason::Malformed => "malformed",
            CallingImportRejectReason::MissingEmail => "missing_email",
            CallingImportRejectReason::UnknownUser => "unknown_user",
            CallingImportRejectReason::InvalidNumber => "invalid_number",
            CallingImportRejectReason::DuplicateUser => "duplicate_user",
            CallingImportRejectReason::NumberInUse => "number_in_use",
        }
    }
}

/// The org as cached: what the report is computed from, and the report.
pub struct PlanFacts<'a> {
    pub facts: &'a OrgFacts,
    pub locations: &'a [CallingLocation],
    /// Person id → the location the directory puts them in.
    pub person_locations: &'a HashMap<String, String>,
    /// The report's users (their reason goes with each change).
    pub report: &'a [CallingUser],
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    /// Data rows read.
    pub rows: u32,
    /// Rows whose number is the directory's after normalising, or empty.
    pub unchanged: u32,
    /// One `SetWorkNumber` per edited row, in file order.
    pub changes: Vec<CallingFixChange>,
    pub rejections: Vec<CallingImportRejection>,
}

/// Plans the rows of `sheet` against the org.
///
/// An empty Phone Number cell leaves the number as it is: a spreadsheet
/// loses cells easily (a column cut and pasted, a filter), and clearing the
/// work numbers of every such user would be silent and hard to undo.
/// Control Hub's `REMOVE|` prefix, which clears a number there, is refused
/// as an invalid number for the same reason: clear numbers in Control Hub.
///
/// The number of another user is refused even if their own row gives them a
/// new one (a swap): the import never depends on the order it is sent in.
pub fn plan_import(sheet: &Sheet, org: &PlanFacts) -> ImportPlan {
    let regions = Regions::new(org);
    let by_email: HashMap<String, &PersonFact> = org.facts.people.iter().map(|p| (p.email.to_lowercase(), p)).collect();
    let reasons: HashMap<&str, CallingReason> = org.report.iter().map(|u| (u.person_id.as_str(), u.reason)).collect();
    // Whose work number each E.164 number is now (C4: compared normalised).
    let mut holders: HashMap<String, &str> = HashMap::with_capacity(org.facts.people.len());
    for p in &org.facts.people {
        if let Some(e164) = p.work_number.as_deref().and_then(|n| regions.e164(p, n)) {
            holders.entry(e164).or_insert(&p.id);
        }
    }
    let mut plan = ImportPlan { rows: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX), ..ImportPlan::default() };
    let mut seen: HashSet<&str> = HashSet::new();
    let mut given: HashMap<String, &str> = HashMap::new();
    for row in &sheet.rows {
        let reject = |reason, value: Option<&str>| CallingImportRejection {
            line: row.line,
            email: (!row.email.is_empty()).then(|| row.email.clone()),
            reason,
            value: value.map(str::to_owned),
        };
        // A user's second row is refused even when their first was: which
        // one the admin meant cannot be told.
        let planned = person_of(row, &by_email).and_then(|person| match seen.insert(&person.id) {
            false => Err((CallingImportRejectReason::DuplicateUser, Some(row.email.as_str()))),
            true => new_number(row, person, &regions).map(|number| (person, number)),
        });
        match planned {
            Err((reason, value)) => plan.rejections.push(reject(reason, value)),
            Ok((_, None)) => plan.unchanged += 1,
            Ok((person, Some(e164))) => {
                let held = holders.get(&e164).filter(|&&id| id != person.id).or_else(|| given.get(&e164));
                if held.is_some() {
                    plan.rejections.push(reject(CallingImportRejectReason::NumberInUse, Some(&row.phone)));
                    continue;
                }
                given.insert(e164.clone(), &person.id);
                plan.changes.push(CallingFixChange {
                    person_id: person.id.clone(),
                    email: person.email.clone(),
                    display_name: person.display_name.clone(),
                    reason: reasons.get(person.id.as_str()).copied(),
                    work_number: person.work_number.clone(),
                    fix: CallingFix::SetWorkNumber { number: e164 },
                    location_name: None,
                });
            }
        }
    }
    plan
}

type Rejected<'r> = (CallingImportRejectReason, Option<&'r str>);

/// The row's user, or why the row has none.
fn person_of<'f, 'r>(
    row: &'r SheetRow,
    by_email: &HashMap<String, &'f PersonFact>,
) -> Result<&'f PersonFact, Rejected<'r>> {
    if row.malformed {
        return Err((CallingImportRejectReason::Malformed, None));
    }
    if row.email.is_empty() {
        return Err((CallingImportRejectReason::MissingEmail, None));
    }
    by_email.get(&row.email.to_lowercase()).copied().ok_or((CallingImportRejectReason::UnknownUser, Some(&row.email)))
}

/// The row's number in E.164 when it is not the user's work number now
/// (`None`: unchanged, also when the cell is empty), or why it cannot be one.
/// A cell that is the directory's number in another form (the `+` stripped,
/// spaces) is unchanged; a cell that makes a directory number that is not
/// E.164 into E.164 (the report's suggested number typed in) is a change:
/// that is what fixes `not_e164`.
fn new_number<'r>(row: &'r SheetRow, person: &PersonFact, regions: &Regions) -> Result<Option<String>, Rejected<'r>> {
    let now = person.work_number.as_deref().map(str::trim).unwrap_or_default();
    // A spreadsheet strips the `+` of a number it reads as a number.
    if row.phone.is_empty() || row.phone == now || now.strip_prefix('+') == Some(row.phone.as_str()) {
        return Ok(None);
    }
    let typed = regions
        .normalise(person, &row.phone)
        .map_err(|_| (CallingImportRejectReason::InvalidNumber, Some(row.phone.as_str())))?;
    Ok((typed != now).then_some(typed))
}

/// The country a user's numbers are read in, as the report reads them (C4):
/// the user's location's; else the country of a location whose inventory
/// holds the number so read; else none (`+`, `00` or a missing `+` still
/// make a number).
struct Regions<'a> {
    own: HashMap<&'a str, &'a str>,
    countries: Vec<&'a str>,
    inventory: HashSet<&'a str>,
}

impl<'a> Regions<'a> {
    fn new(org: &PlanFacts<'a>) -> Regions<'a> {
        let country: HashMap<&str, &str> =
            org.locations.iter().filter_map(|l| Some((l.id.as_str(), l.country.as_deref()?))).collect();
        let own = org
            .person_locations
            .iter()
            .filter_map(|(person, location)| Some((person.as_str(), *country.get(location.as_str())?)))
            .collect();
        let mut countries: Vec<&str> = country.values().copied().collect();
        countries.sort_unstable();
        countries.dedup();
        let inventory = org.facts.numbers.iter().map(|n| n.phone_number.as_str()).collect();
        Regions { own, countries, inventory }
    }

    fn normalise(&self, p: &PersonFact, typed: &str) -> Result<String, NotNormalised> {
        if let Some(country) = self.own.get(p.id.as_str()) {
            return normalise(typed, Some(country)).map(|n| n.e164().to_owned());
        }
        for country in &self.countries {
            if let Ok(made) = normalise(typed, Some(country)) {
                if self.inventory.contains(made.e164()) {
                    return Ok(made.e164().to_owned());
                }
            }
        }
        normalise(typed, None).map(|n| n.e164().to_owned())
    }

    /// The E.164 form of a number the directory holds; a number already
    /// in that form is taken as it is (no parse: this runs for every user).
    fn e164(&self, p: &PersonFact, number: &str) -> Option<String> {
        let canonical = number
            .strip_prefix('+')
            .is_some_and(|digits| (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()));
        if canonical {
            return Some(number.to_owned());
        }
        self.normalise(p, number).ok()
    }
}
