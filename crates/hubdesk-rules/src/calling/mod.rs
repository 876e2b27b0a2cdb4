//! Why each user without a Calling license has none (C3, C5), with the
//! evidence, for every user of an org rather than only those a template
//! covers. The checks of C2 are the templates engine's (`Numbers::check`);
//! this adds the normalised number a `not_e164` user could be given (C4)
//! and the names a sentence needs.

use std::thread;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::phone_normalise::{Normalised, NotNormalised};
use crate::templates::calling::Numbers;
use crate::templates::hash::FastMap;
use crate::templates::{Kind, NumberFact, NumberProblem, OrgFacts, PersonFact};
use reading::NumberReader;

mod ch_csv;
mod change;
mod csv_import;
mod csv_read;
#[cfg(test)]
mod csv_tests;
mod fix;
#[cfg(test)]
mod fix_tests;
mod import_org;
mod mismatch;
mod number_map;
mod reading;
mod suggest;
#[cfg(test)]
mod tests;

pub use ch_csv::{write_users_csv, CsvUser, EMAIL_HEADER, PHONE_HEADER};
pub use change::CallingFixChange;
pub use csv_import::{plan_import, CallingImportRejectReason, CallingImportRejection, ImportPlan};
pub use csv_read::{read_sheet, Sheet, SheetError, SheetRow, MOST_BYTES, MOST_ROWS};
pub use fix::{is_e164, CallingFix, NumberHolder};
pub use import_org::{ImportOrg, ImportOrgBuilder};
pub use mismatch::{mismatches, ProvisionedMismatch};
pub use number_map::NumberSet;
pub use suggest::calling_license;

/// A location as cached: its name for the evidence, its country (ISO
/// alpha-2, from its address) to read a national number in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallingLocation {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
}

/// The stable code a report row, the CLI and the window branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallingReason {
    NoWorkNumber,
    NotE164,
    NotInInventory,
    LocationNotCalling,
    NumberTaken,
    /// The work number is E.164, free, in a Calling location: a Calling
    /// template covering the user would give them Calling with it.
    Eligible,
}

impl CallingReason {
    pub const ALL: [CallingReason; 6] = [
        CallingReason::NoWorkNumber,
        CallingReason::NotE164,
        CallingReason::NotInInventory,
        CallingReason::LocationNotCalling,
        CallingReason::NumberTaken,
        CallingReason::Eligible,
    ];

    /// The reason a C2 check gives.
    pub(crate) fn of(checked: &Result<&NumberFact, NumberProblem>) -> CallingReason {
        match checked {
            Ok(_) => CallingReason::Eligible,
            Err(NumberProblem::NoWorkNumber) => CallingReason::NoWorkNumber,
            Err(NumberProblem::NotE164 { .. }) => CallingReason::NotE164,
            Err(NumberProblem::NotInInventory { .. }) => CallingReason::NotInInventory,
            Err(NumberProblem::LocationNotCalling { .. }) => CallingReason::LocationNotCalling,
            Err(NumberProblem::TakenBy { .. }) => CallingReason::NumberTaken,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CallingReason::NoWorkNumber => "no_work_number",
            CallingReason::NotE164 => "not_e164",
            CallingReason::NotInInventory => "not_in_inventory",
            CallingReason::LocationNotCalling => "location_not_calling",
            CallingReason::NumberTaken => "number_taken",
            CallingReason::Eligible => "eligible",
        }
    }
}

/// The data of the evidence sentence; each reason fills what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingEvidence {
    /// The work number as the directory holds it.
    pub number: Option<String>,
    /// The location whose inventory holds the number.
    pub location_id: Option<String>,
    pub location_name: Option<String>,
    /// Who or what holds the number (a user, a workspace, a service).
    pub holder: Option<String>,
    /// `number_taken`: what kind of holder that is.
    pub holder_kind: Option<NumberHolder>,
    /// `not_e164`: how the suggested number was made.
    pub normalised: Option<Normalised>,
    /// `not_e164`: why no number could be made.
    pub not_normalised: Option<NotNormalised>,
}

/// One user without a Calling license and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingUser {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub reason: CallingReason,
    pub evidence: CallingEvidence,
    /// `not_e164` only: the E.164 number the work number could become.
    pub suggested_number: Option<String>,
    /// The fix hubdesk proposes for the reason, when one can be made from
    /// the cache (`None`: the admin has to choose, or fix it in Control Hub).
    pub suggested_fix: Option<CallingFix>,
}

/// Person id → the id of the location the directory puts them in.
pub type PersonLocations = crate::templates::hash::FastMap<String, String>;

/// Every user of the org who holds no license giving a Calling line (C1),
/// with the reason, in the order of `facts.people`. `person_locations`
/// maps a person id to the location the directory puts them in.
pub fn diagnose(
    facts: &OrgFacts,
    locations: &[CallingLocation],
    person_locations: &PersonLocations,
) -> Vec<CallingUser> {
    let lines: Vec<&str> =
        facts.licenses.iter().filter(|l| Kind::of(&l.name).is_line()).map(|l| l.id.as_str()).collect();
    let numbers = Numbers::new(facts);
    let known: NumberSet = facts.numbers.iter().map(|n| n.phone_number.as_str()).collect();
    let reader = NumberReader::new(locations, person_locations, &known);
    // Numbers by number: the evidence and the C4 reading look numbers up
    // for every user, and a scan of the inventory each time made the report
    // of 100,000 users take seconds (docs/benchmarks.md).
    let inventory = facts.numbers.iter().map(|n| (n.phone_number.as_str(), n)).collect();
    let locations = locations.iter().map(|l| (l.id.as_str(), l)).collect();
    let ctx = Context { locations, reader, inventory };
    let diagnose_part = |people: &[PersonFact]| -> Vec<CallingUser> {
        people
            .iter()
            .filter(|p| !p.licenses.iter().any(|l| lines.contains(&l.as_str())))
            .map(|p| ctx.one(p, numbers.check(p)))
            .collect()
    };
    // Each user's reason depends on the org alone, not on other users, so
    // the people are split across the cores; reading numbers is most of the
    // time (docs/benchmarks.md). The fixes below are suggested in order.
    let mut users = in_parallel(&facts.people, diagnose_part);
    suggest::suggest_fixes(facts, person_locations, &mut users);
    users
}

/// `f` over consecutive parts of `items`, one per core, concatenated in order.
pub(crate) fn in_parallel<'a, T: Sync, U: Send>(items: &'a [T], f: impl Fn(&'a [T]) -> Vec<U> + Sync) -> Vec<U> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    // Below this, starting threads costs more than it saves.
    const SMALLEST_PART: usize = 4096;
    let parts = cores.min(items.len() / SMALLEST_PART).max(1);
    if parts == 1 {
        return f(items);
    }
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(items.len().div_ceil(parts)).map(|part| scope.spawn(move || f(part))).collect();
        handles.into_iter().flat_map(|h| h.join().expect("a diagnosis thread panicked")).collect()
    })
}

/// C6: whether the user holds a license giving a Calling line (C1).
pub fn has_calling(facts: &OrgFacts, person: &PersonFact) -> bool {
    person.licenses.iter().any(|held| facts.licenses.iter().any(|l| &l.id == held && is_line_license(&l.name)))
}

/// C1: whether a license (by its name) gives a Calling line.
pub fn is_line_license(name: &str) -> bool {
    Kind::of(name).is_line()
}

struct Context<'a> {
    locations: FastMap<&'a str, &'a CallingLocation>,
    reader: NumberReader<'a>,
    inventory: FastMap<&'a str, &'a NumberFact>,
}

impl<'a> Context<'a> {
    fn one(&self, p: &PersonFact, checked: Result<&NumberFact, NumberProblem>) -> CallingUser {
        let mut evidence = CallingEvidence::default();
        let mut suggested_number = None;
        let at = |evidence: &mut CallingEvidence, id: &str| {
            evidence.location_id = Some(id.to_owned());
            evidence.location_name = self.locations.get(id).map(|l| l.name.clone());
        };
        let reason = match checked {
            Ok(fact) => {
                evidence.number = Some(fact.phone_number.clone());
                at(&mut evidence, &fact.location_id);
                CallingReason::Eligible
            }
            Err(NumberProblem::NoWorkNumber) => CallingReason::NoWorkNumber,
            Err(NumberProblem::NotE164 { number }) => {
                match self.reader.read(&p.id, &number) {
                    Ok(made) => {
                        suggested_number = Some(made.e164().to_owned());
                        evidence.normalised = Some(made);
                    }
                    Err(why) => evidence.not_normalised = Some(why),
                }
                evidence.number = Some(number);
                CallingReason::NotE164
            }
            Err(NumberProblem::NotInInventory { number }) => {
                evidence.number = Some(number);
                CallingReason::NotInInventory
            }
            Err(NumberProblem::LocationNotCalling { number, location_id }) => {
                evidence.number = Some(number);
                at(&mut evidence, &location_id);
                CallingReason::LocationNotCalling
            }
            Err(NumberProblem::TakenBy { number, owner }) => {
                if let Some(fact) = self.inventory.get(number.as_str()) {
                    at(&mut evidence, &fact.location_id);
                    evidence.holder_kind = fact.holder_kind;
                }
                evidence.number = Some(number);
                evidence.holder = Some(owner);
                CallingReason::NumberTaken
            }
        };
        CallingUser {
            person_id: p.id.clone(),
            email: p.email.clone(),
            display_name: p.display_name.clone(),
            reason,
            evidence,
            suggested_number,
            suggested_fix: None,
        }
    }
}

impl CallingUser {
    /// The evidence as one English sentence (the CLI's `evidence` column).
    pub fn sentence(&self) -> String {
        let e = &self.evidence;
        let number = e.number.as_deref().unwrap_or_default();
        let place = match (&e.location_name, &e.location_id) {
            (Some(name), _) => name.clone(),
            (None, Some(id)) => format!("location {id}"),
            (None, None) => "an unknown location".to_owned(),
        };
        match self.reason {
            CallingReason::NoWorkNumber => "No work number was set before Calling was assigned.".to_owned(),
            CallingReason::NotE164 => {
                match (&e.normalised, &e.not_normalised) {
                    (Some(Normalised::National { e164, region }), _) => {
                        format!("The work number {number} is not E.164; read as a national number of {region} it is {e164}.")
                    }
                    (Some(made), _) => {
                        format!("The work number {number} is not E.164; written as E.164 it is {}.", made.e164())
                    }
                    (None, Some(why)) => format!("The work number {number} is not E.164, and {}.", why_not(why)),
                    (None, None) => format!("The work number {number} is not E.164."),
                }
            }
            CallingReason::NotInInventory => format!("The work number {number} is in no location's number inventory."),
            CallingReason::LocationNotCalling => {
                format!("The work number {number} belongs to {place}, which is not enabled for Calling.")
            }
            CallingReason::NumberTaken => format!(
                "The work number {number} at {place} is already held by {}.",
                e.holder.as_deref().unwrap_or("someone else")
            ),
            CallingReason::Eligible => {
                format!("The work number {number} is free at {place}, a Calling location: a Calling template would assign it.")
            }
        }
    }
}

fn why_not(why: &NotNormalised) -> String {
    match why {
        NotNormalised::Empty => "it is empty".to_owned(),
        NotNormalised::NotANumber => "it has signs no phone number has".to_owned(),
        NotNormalised::NoCountry => {
            "it is a national number with no country to read it in (the user has no location)".to_owned()
        }
        NotNormalised::Invalid { region: Some(region) } => format!("it is not a valid number of {region}"),
        NotNormalised::Invalid { region: None } => "it is not a valid number of any country".to_owned(),
    }
}
