//! What an import plan reads of the org (C4), gathered in one pass over its
//! people and one over its inventory, so that a large org is never held
//! whole: in full, only the users whose row may change their number; of
//! everyone, who holds which work number; of the inventory, which numbers
//! it has, and the facts of the numbers those users hold now (for their
//! reason before the change). Loading and freeing an org of 100,000 users
//! was most of an import's time (docs/benchmarks.md).

use std::borrow::Cow;
use std::convert::Infallible;

use crate::templates::hash::{FastMap, FastSet};
use crate::templates::{LicenseFact, NumberFact, OrgFacts, PersonFact};

use super::csv_import::unchanged_as_typed;
use super::number_map::{NumberMap, NumberSet};
use super::reading::NumberReader;
use super::{CallingLocation, PersonLocations, Sheet};

/// The org as the plan of one sheet reads it; made by `ImportOrgBuilder`.
pub struct ImportOrg<'s> {
    /// The users whose row may change their number (`people`), the
    /// licenses, the Calling locations, and the inventory numbers those
    /// users hold now.
    pub(super) facts: OrgFacts,
    /// The sheet's emails, lowercase, each with its first row's number
    /// cell and the user found with it.
    named: FastMap<Cow<'s, str>, Named<'s>>,
    pub(super) locations: Vec<CallingLocation>,
    /// Each of `facts.people`'s location, an index in `locations`.
    user_locations: Vec<Option<u32>>,
    holders: Holders,
    pub(super) inventory: NumberSet,
}

struct Named<'s> {
    phone: &'s str,
    user: Option<SheetUser>,
}

/// A user the sheet names.
#[derive(Debug, Clone, Copy)]
pub(super) struct SheetUser {
    /// Their place in the org's order.
    pub(super) at: u32,
    /// Their index in `facts.people`; `None` when their row leaves their
    /// number as it is (see `unchanged_as_typed`).
    pub(super) person: Option<usize>,
}

impl<'s> ImportOrg<'s> {
    /// The same from an org held whole (tests, fuzzing).
    pub fn of_facts(
        sheet: &'s Sheet,
        facts: &OrgFacts,
        locations: &[CallingLocation],
        person_locations: &PersonLocations,
    ) -> ImportOrg<'s> {
        let mut org =
            ImportOrgBuilder::new(sheet, facts.licenses.clone(), locations.to_vec(), facts.calling_locations.clone());
        for p in &facts.people {
            let location = person_locations.get(&p.id).map(String::as_str);
            let Ok(()) = org.person(&p.email, p.work_number.as_deref(), location, || Ok::<_, Infallible>(p.clone()));
        }
        let held: FastSet<&str> = org.held_by_changing_users().iter().map(String::as_str).collect();
        let held = facts.numbers.iter().filter(|n| held.contains(n.phone_number.as_str())).cloned().collect();
        org.inventory(facts.numbers.iter().map(|n| n.phone_number.as_str()).collect(), held);
        org.finish()
    }

    /// The user with this email (any case), if the sheet names them.
    pub(super) fn user_with_email(&self, email: &str) -> Option<SheetUser> {
        self.named.get(lowercase(email).as_ref())?.user
    }

    /// The country the work number of `facts.people[index]` is read in: their location's.
    pub(super) fn country_of(&self, index: usize) -> Option<&str> {
        country(&self.locations, self.user_locations[index])
    }

    /// Whether someone other than `user` has `e164` as their work number,
    /// as compared normalised (C4).
    pub(super) fn held_by_another(&self, e164: &str, user: SheetUser, reader: &NumberReader) -> bool {
        self.holders.first_of(e164, reader, &self.locations).is_some_and(|at| at != user.at)
    }
}

/// Gathers an `ImportOrg`: the org's people in its order, then its inventory.
pub struct ImportOrgBuilder<'s> {
    /// Location id → its index in the org's locations.
    location_at: FastMap<String, u32>,
    /// The work numbers of `facts.people` now, as far as an inventory
    /// could hold them (`+` and digits).
    held_by_changing: Vec<String>,
    /// Numbers with other signs than a phone number's, read at the end.
    odd: Vec<Unread>,
    next: u32,
    org: ImportOrg<'s>,
}

impl<'s> ImportOrgBuilder<'s> {
    pub fn new(
        sheet: &'s Sheet,
        licenses: Vec<LicenseFact>,
        locations: Vec<CallingLocation>,
        calling_locations: Vec<String>,
    ) -> ImportOrgBuilder<'s> {
        let location_at = locations.iter().zip(0..).map(|(l, at)| (l.id.clone(), at)).collect();
        // A user's first readable row is the one planned; a later row of
        // theirs is refused as a duplicate whatever it says.
        let mut named = FastMap::default();
        for row in sheet.rows.iter().filter(|row| !row.malformed && !row.email.is_empty()) {
            named.entry(lowercase(&row.email)).or_insert(Named { phone: &row.phone, user: None });
        }
        ImportOrgBuilder {
            location_at,
            held_by_changing: Vec::new(),
            odd: Vec::new(),
            next: 0,
            org: ImportOrg {
                facts: OrgFacts { licenses, calling_locations, ..OrgFacts::default() },
                named,
                locations,
                user_locations: Vec::new(),
                holders: Holders::default(),
                inventory: NumberSet::default(),
            },
        }
    }

    /// One person of the org, each in the org's order: their email, work
    /// number and location id. `whole` gives the whole fact of a user the
    /// sheet names, and is called only for those whose row may change
    /// their number. Two people with one email (Webex does not allow it):
    /// the first is the sheet's.
    pub fn person<E>(
        &mut self,
        email: &str,
        work_number: Option<&str>,
        location_id: Option<&str>,
        whole: impl FnOnce() -> Result<PersonFact, E>,
    ) -> Result<(), E> {
        let at = self.next;
        self.next += 1;
        let location = location_id.and_then(|id| self.location_at.get(id).copied());
        if let Some(number) = work_number.map(str::trim).filter(|n| !n.is_empty()) {
            self.org.holders.add(number, at, location, &mut self.odd);
        }
        let Some(named) = self.org.named.get_mut(lowercase(email).as_ref()) else { return Ok(()) };
        if named.user.is_some() {
            return Ok(());
        }
        if unchanged_as_typed(named.phone, work_number) {
            named.user = Some(SheetUser { at, person: None });
            return Ok(());
        }
        let person = whole()?;
        if let Some(number) = person.work_number.as_deref().map(str::trim).filter(|n| is_canonical(n)) {
            self.held_by_changing.push(number.to_owned());
        }
        named.user = Some(SheetUser { at, person: Some(self.org.facts.people.len()) });
        self.org.user_locations.push(location);
        self.org.facts.people.push(person);
        Ok(())
    }

    /// The work numbers of the users read in full (those whose row may
    /// change their number), known once every person is given: `inventory`
    /// needs the facts of those the inventory holds.
    pub fn held_by_changing_users(&self) -> &[String] {
        &self.held_by_changing
    }

    /// The org's inventory: which numbers it has (`numbers`), and the
    /// facts of `held_by_changing_users` it holds (`held`), for the users'
    /// reasons before the change.
    pub fn inventory(&mut self, numbers: NumberSet, held: Vec<NumberFact>) {
        self.org.inventory = numbers;
        self.org.facts.numbers = held;
    }

    /// The org gathered. Work numbers with other signs than digits and
    /// separators (a no-break space, letters) are read now, when the
    /// inventory is known, each in its holder's country.
    pub fn finish(self) -> ImportOrg<'s> {
        let ImportOrgBuilder { odd, mut org, .. } = self;
        let ImportOrg { locations, inventory, holders, .. } = &mut org;
        let reader = NumberReader::without_people(locations, inventory);
        for number in odd {
            if let Ok(made) = reader.read_in(country(locations, number.location), &number.typed) {
                holders.read.keep_first(made.e164(), number.at);
            }
        }
        org
    }
}

/// Whose work number each E.164 number is now (C4: compared normalised):
/// the first user in the org's order when two have it.
///
/// Most directory numbers are E.164 already and are looked up as they are.
/// Reading the others takes a parse each, so they are read only when a
/// change asks for a number ending in the same digits: normalising keeps a
/// number's last digits (it only rewrites the prefix), so no other number
/// can become it. Numbers with anything but digits and separators (an
/// extension, letters) are read once, by `ImportOrgBuilder::finish`.
#[derive(Default)]
struct Holders {
    /// Number → the first place in the org's order that holds it.
    read: NumberMap<u32>,
    /// Last digits → the numbers ending so that are not read yet, in the org's order.
    unread: FastMap<u32, Vec<Unread>>,
}

/// A work number kept as typed, with its place in the org's order and
/// its holder's location (an index in the org's locations).
struct Unread {
    at: u32,
    typed: Box<str>,
    location: Option<u32>,
}

/// The country of the location at `location` in `locations`, if it has one.
fn country(locations: &[CallingLocation], location: Option<u32>) -> Option<&str> {
    locations.get(location? as usize)?.country.as_deref()
}

/// How many last digits key an unread number.
const TAIL: usize = 6;

impl Holders {
    fn add(&mut self, number: &str, at: u32, location: Option<u32>, odd: &mut Vec<Unread>) {
        if is_canonical(number) {
            self.read.keep_first(number, at);
            return;
        }
        let unread = Unread { at, typed: number.into(), location };
        match plain_tail(number) {
            Some(tail) => self.unread.entry(tail).or_default().push(unread),
            None => odd.push(unread),
        }
    }

    fn first_of(&self, e164: &str, reader: &NumberReader, locations: &[CallingLocation]) -> Option<u32> {
        let read = self.read.get(e164).copied();
        let unread = plain_tail(e164)
            .and_then(|tail| self.unread.get(&tail))
            .into_iter()
            .flatten()
            .find(|u| reader.read_in(country(locations, u.location), &u.typed).is_ok_and(|n| n.e164() == e164))
            .map(|u| u.at);
        match (read, unread) {
            (Some(read), Some(unread)) => Some(read.min(unread)),
            (read, unread) => read.or(unread),
        }
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

/// An email as compared: lowercase, without a copy when it already is.
fn lowercase(email: &str) -> Cow<'_, str> {
    match email.bytes().any(|b| b.is_ascii_uppercase()) || !email.is_ascii() {
        true => Cow::Owned(email.to_lowercase()),
        false => Cow::Borrowed(email),
    }
}
