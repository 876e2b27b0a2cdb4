//! What an edited users CSV changes (C4): for each row, nothing (the number
//! is the directory's after normalising), a new work number in E.164
//! (`CallingFix::SetWorkNumber`), or a rejection with the file's line and
//! why. A rejected row changes nothing; the other rows still do.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::templates::calling::Numbers;
use crate::templates::hash::{FastMap, FastSet};
use crate::templates::{OrgFacts, PersonFact};

use super::reading::NumberReader;
use super::{
    has_calling, in_parallel, CallingFix, CallingFixChange, CallingLocation, CallingReason, PersonLocations, Sheet,
    SheetRow,
};

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

/// The org as cached: what the report is computed from.
pub struct PlanFacts<'a> {
    pub facts: &'a OrgFacts,
    pub locations: &'a [CallingLocation],
    /// Person id → the location the directory puts them in.
    pub person_locations: &'a PersonLocations,
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
    // The lookups are built side by side: each goes over the whole org.
    let ((by_email, reasons), (reader, holders)) = std::thread::scope(|scope| {
        let numbers = scope.spawn(|| {
            let reader = NumberReader::new(org.locations, org.person_locations, &org.facts.numbers);
            let holders = Holders::new(&org.facts.people, &reader);
            (reader, holders)
        });
        let by_email: FastMap<Cow<str>, &PersonFact> =
            org.facts.people.iter().map(|p| (lowercase(&p.email), p)).collect();
        ((by_email, Reasons::new(org.facts)), numbers.join().expect("indexing the numbers panicked"))
    });
    // Each row's user and number, read across the cores: reading a number
    // that is new to the org takes a parse, most of the plan's time. What
    // depends on other rows (a user twice, a number given twice) is decided
    // after, in the file's order.
    let read: Vec<RowRead> = in_parallel(&sheet.rows, |rows| {
        rows.iter()
            .map(|row| person_of(row, &by_email).map(|person| (person, new_number(row, person, &reader))))
            .collect()
    });
    let mut plan = ImportPlan { rows: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX), ..ImportPlan::default() };
    let mut seen: FastSet<&str> = FastSet::default();
    let mut given: FastMap<String, &str> = FastMap::default();
    for (row, read) in sheet.rows.iter().zip(read) {
        let reject = |reason, value: Option<&str>| CallingImportRejection {
            line: row.line,
            email: (!row.email.is_empty()).then(|| row.email.clone()),
            reason,
            value: value.map(str::to_owned),
        };
        // A user's second row is refused even when their first was: which
        // one the admin meant cannot be told.
        let planned = read.and_then(|(person, number)| match seen.insert(&person.id) {
            false => Err((CallingImportRejectReason::DuplicateUser, Some(row.email.as_str()))),
            true => number.map(|number| (person, number)),
        });
        match planned {
            Err((reason, value)) => plan.rejections.push(reject(reason, value)),
            Ok((_, None)) => plan.unchanged += 1,
            Ok((person, Some(e164))) => {
                let held =
                    holders.of(&e164, &reader).filter(|&id| id != person.id).or_else(|| given.get(&e164).copied());
                if held.is_some() {
                    plan.rejections.push(reject(CallingImportRejectReason::NumberInUse, Some(&row.phone)));
                    continue;
                }
                given.insert(e164.clone(), &person.id);
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

/// A row's user and its new number (see `new_number`), or why it has no user.
type RowRead<'f, 'r> = Result<(&'f PersonFact, Result<Option<String>, Rejected<'r>>), Rejected<'r>>;

type Rejected<'r> = (CallingImportRejectReason, Option<&'r str>);

/// The row's user, or why the row has none.
fn person_of<'f, 'r>(
    row: &'r SheetRow,
    by_email: &FastMap<Cow<str>, &'f PersonFact>,
) -> Result<&'f PersonFact, Rejected<'r>> {
    if row.malformed {
        return Err((CallingImportRejectReason::Malformed, None));
    }
    if row.email.is_empty() {
        return Err((CallingImportRejectReason::MissingEmail, None));
    }
    by_email.get(&lowercase(&row.email)).copied().ok_or((CallingImportRejectReason::UnknownUser, Some(&row.email)))
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
    reader: &NumberReader,
) -> Result<Option<String>, Rejected<'r>> {
    let now = person.work_number.as_deref().map(str::trim).unwrap_or_default();
    // A spreadsheet strips the `+` of a number it reads as a number.
    if row.phone.is_empty() || row.phone == now || now.strip_prefix('+') == Some(row.phone.as_str()) {
        return Ok(None);
    }
    let typed = reader
        .read(&person.id, &row.phone)
        .map(|n| n.e164().to_owned())
        .map_err(|_| (CallingImportRejectReason::InvalidNumber, Some(row.phone.as_str())))?;
    Ok((typed != now).then_some(typed))
}

/// An email as compared: lowercase, without a copy when it already is.
fn lowercase(email: &str) -> Cow<'_, str> {
    match email.bytes().any(|b| b.is_ascii_uppercase()) || !email.is_ascii() {
        true => Cow::Owned(email.to_lowercase()),
        false => Cow::Borrowed(email),
    }
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

/// Whose work number each E.164 number is now (C4: compared normalised);
/// the first user in the org's order when two have it.
///
/// Most directory numbers are E.164 already and are looked up as they are.
/// Reading the others takes a parse each, so they are read only when a
/// change asks for a number ending in the same digits: normalising keeps a
/// number's last digits (it only rewrites the prefix), so no other number
/// can become it. Numbers with anything but digits and separators (an
/// extension, letters) are read up front.
struct Holders<'a> {
    /// Number → (position in the org, person id).
    read: FastMap<Cow<'a, str>, (usize, &'a str)>,
    /// Last digits → the users whose number ends so, in the org's order.
    unread: FastMap<u32, Vec<(usize, &'a PersonFact)>>,
}

/// How many last digits key an unread number.
const TAIL: usize = 6;

impl<'a> Holders<'a> {
    fn new(people: &'a [PersonFact], reader: &NumberReader) -> Holders<'a> {
        let mut holders = Holders { read: FastMap::default(), unread: FastMap::default() };
        for (at, p) in people.iter().enumerate() {
            let Some(number) = p.work_number.as_deref().map(str::trim).filter(|n| !n.is_empty()) else { continue };
            if is_canonical(number) {
                holders.read.entry(Cow::Borrowed(number)).or_insert((at, &p.id));
            } else if let Some(tail) = plain_tail(number) {
                holders.unread.entry(tail).or_default().push((at, p));
            } else if let Ok(e164) = reader.read(&p.id, number).map(|n| n.e164().to_owned()) {
                holders.read.entry(Cow::Owned(e164)).or_insert((at, &p.id));
            }
        }
        holders
    }

    fn of(&self, e164: &str, reader: &NumberReader) -> Option<&'a str> {
        let read = self.read.get(e164).copied();
        let unread = plain_tail(e164).and_then(|tail| self.unread.get(&tail)).into_iter().flatten().find(|(_, p)| {
            let number = p.work_number.as_deref().map(str::trim).unwrap_or_default();
            reader.read(&p.id, number).is_ok_and(|n| n.e164() == e164)
        });
        let first = match (read, unread) {
            (Some(r), Some(&(at, p))) => Some(if at < r.0 { (at, p.id.as_str()) } else { r }),
            (r, u) => r.or(u.map(|&(at, p)| (at, p.id.as_str()))),
        };
        first.map(|(_, id)| id)
    }
}

/// `+` and 8 to 15 digits: taken as it is, no parse.
fn is_canonical(number: &str) -> bool {
    number
        .strip_prefix('+')
        .is_some_and(|digits| (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The last `TAIL` digits of a number made of digits and separators
/// (spaces, `-`, `.`, `/`, brackets, `+`), as one integer; `None` for
/// anything else or fewer digits.
fn plain_tail(number: &str) -> Option<u32> {
    if !number.bytes().all(|b| b.is_ascii_digit() || b" -./()+".contains(&b)) {
        return None;
    }
    let mut digits = number.bytes().rev().filter(u8::is_ascii_digit);
    let (mut tail, mut scale) = (0u32, 1u32);
    for _ in 0..TAIL {
        tail += u32::from(digits.next()? - b'0') * scale;
        scale *= 10;
    }
    Some(tail)
}
