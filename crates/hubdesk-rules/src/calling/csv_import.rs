//! What an edited users CSV changes (C4): for each row, nothing (the number
//! is the directory's after normalising), a new work number in E.164
//! (`CallingFix::SetWorkNumber`), or a rejection with the file's line and
//! why. A rejected row changes nothing; the other rows still do.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::templates::calling::Numbers;
use crate::templates::hash::FastSet;
use crate::templates::{OrgFacts, PersonFact};

use super::import_org::{ImportOrg, SheetUser};
use super::reading::NumberReader;
use super::{has_calling, in_parallel, CallingFix, CallingFixChange, CallingReason, Sheet, SheetRow};

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
pub fn plan_import(sheet: &Sheet, org: &ImportOrg) -> ImportPlan {
    let reader = NumberReader::without_people(&org.locations, &org.inventory);
    let reasons = Reasons::new(&org.facts);
    // Each row's user and number, read across the cores: reading a number
    // that is new to the org takes a parse, most of the plan's time. What
    // depends on other rows (a user twice, a number given twice) is decided
    // after, in the file's order.
    let read: Vec<RowRead> = in_parallel(&sheet.rows, |rows| {
        rows.iter()
            .map(|row| {
                let user = user_of(row, org)?;
                let Some(person) = user.person else { return Ok((user, Ok(None))) };
                let number = new_number(row, &org.facts.people[person], org.country_of(person), &reader);
                Ok((user, number.map(|n| n.map(|n| (person, n)))))
            })
            .collect()
    });
    let mut plan = ImportPlan { rows: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX), ..ImportPlan::default() };
    // The users planned so far (by place in the org), and the numbers they are given.
    let mut seen: FastSet<u32> = FastSet::default();
    let mut given: FastSet<String> = FastSet::default();
    for (row, read) in sheet.rows.iter().zip(read) {
        let reject = |reason, value: Option<&str>| CallingImportRejection {
            line: row.line,
            email: (!row.email.is_empty()).then(|| row.email.clone()),
            reason,
            value: value.map(str::to_owned),
        };
        // A user's second row is refused even when their first was: which
        // one the admin meant cannot be told.
        let planned = read.and_then(|(user, number)| match seen.insert(user.at) {
            false => Err((CallingImportRejectReason::DuplicateUser, Some(row.email.as_str()))),
            true => number.map(|number| (user, number)),
        });
        match planned {
            Err((reason, value)) => plan.rejections.push(reject(reason, value)),
            Ok((_, None)) => plan.unchanged += 1,
            Ok((user, Some((person, e164)))) => {
                if org.held_by_another(&e164, user, &reader) || given.contains(&e164) {
                    plan.rejections.push(reject(CallingImportRejectReason::NumberInUse, Some(&row.phone)));
                    continue;
                }
                given.insert(e164.clone());
                let person = &org.facts.people[person];
                plan.changes.push(CallingFixChange {
                    person_id: person.id.clone(),
                    email: person.email.clone(),
                    display_name: person.display_name.clone(),
                    reason: reasons.of(person),
                    work_number: person.work_number.clone(),
                    fix: CallingFix::SetWorkNumber { number: e164 },
                    location_name: None,
                });
            }
        }
    }
    plan
}

/// A row's user and its new number with the index of their fact (see
/// `new_number`), or why it has no user.
type RowRead<'r> = Result<(SheetUser, Result<Option<(usize, String)>, Rejected<'r>>), Rejected<'r>>;

type Rejected<'r> = (CallingImportRejectReason, Option<&'r str>);

/// The row's user, or why the row has none.
fn user_of<'r>(row: &'r SheetRow, org: &ImportOrg) -> Result<SheetUser, Rejected<'r>> {
    if row.malformed {
        return Err((CallingImportRejectReason::Malformed, None));
    }
    if row.email.is_empty() {
        return Err((CallingImportRejectReason::MissingEmail, None));
    }
    org.user_with_email(&row.email).ok_or((CallingImportRejectReason::UnknownUser, Some(&row.email)))
}

/// The row's number in E.164 when it is not the user's work number now
/// (`None`: unchanged, also when the cell is empty), or why it cannot be one.
/// A cell that is the directory's number in another form (the `+` stripped,
/// spaces) is unchanged; a cell that makes a directory number that is not
/// E.164 into E.164 (the report's suggested number typed in) is a change:
/// that is what fixes `not_e164`.
fn new_number<'r>(
    row: &'r SheetRow,
    person: &PersonFact,
    country: Option<&str>,
    reader: &NumberReader,
) -> Result<Option<String>, Rejected<'r>> {
    if unchanged_as_typed(&row.phone, person.work_number.as_deref()) {
        return Ok(None);
    }
    let now = person.work_number.as_deref().map(str::trim).unwrap_or_default();
    let typed = reader
        .read_in(country, &row.phone)
        .map(|n| n.e164().to_owned())
        .map_err(|_| (CallingImportRejectReason::InvalidNumber, Some(row.phone.as_str())))?;
    Ok((typed != now).then_some(typed))
}

/// Whether a number cell leaves the work number `now` as it is without
/// reading it: empty, or the same text, or the same without its `+` (a
/// spreadsheet strips the `+` of a number it reads as a number).
pub(super) fn unchanged_as_typed(cell: &str, now: Option<&str>) -> bool {
    let now = now.map(str::trim).unwrap_or_default();
    cell.is_empty() || cell == now || now.strip_prefix('+') == Some(cell)
}

/// The report's reason for a user without Calling (`None`: the user has a
/// Calling line already), worked out only for the users a plan changes.
struct Reasons<'a> {
    facts: &'a OrgFacts,
    numbers: Numbers<'a>,
}

impl<'a> Reasons<'a> {
    fn new(facts: &'a OrgFacts) -> Reasons<'a> {
        Reasons { facts, numbers: Numbers::new(facts) }
    }

    fn of(&self, p: &'a PersonFact) -> Option<CallingReason> {
        (!has_calling(self.facts, p)).then(|| CallingReason::of(&self.numbers.check(p)))
    }
}
