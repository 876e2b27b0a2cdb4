//! The line a Calling license is given with (C1, C2) and why a user cannot
//! have one (C3, C5). The work number is the only source: hubdesk never
//! guesses a number or an extension.

use super::hash::{FastMap, FastSet};
use super::model::{CallingLine, NumberFact, NumberProblem, OrgFacts, PersonFact};

/// The number inventory, with the numbers this plan has already given.
pub(crate) struct Numbers<'f> {
    by_number: FastMap<&'f str, &'f NumberFact>,
    calling_locations: FastSet<&'f str>,
    /// Numbers given earlier in the plan, with the display name of the user
    /// who got them (two users with one free number: the first wins).
    claimed: FastMap<&'f str, &'f str>,
}

impl<'f> Numbers<'f> {
    pub(crate) fn new(facts: &'f OrgFacts) -> Numbers<'f> {
        Numbers {
            by_number: facts.numbers.iter().map(|n| (n.phone_number.as_str(), n)).collect(),
            calling_locations: facts.calling_locations.iter().map(String::as_str).collect(),
            claimed: FastMap::default(),
        }
    }

    /// C2: the work number must be E.164, in the inventory of a location
    /// enabled for Calling, and held by nobody (checks in that order, the
    /// first failing one is the C5 diagnosis).
    pub(crate) fn check(&self, person: &'f PersonFact) -> Result<&'f NumberFact, NumberProblem> {
        let typed = person.work_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let number = typed.ok_or(NumberProblem::NoWorkNumber)?;
        if !is_e164(number) {
            return Err(NumberProblem::NotE164 { number: number.to_string() });
        }
        let fact = self.by_number.get(number).ok_or_else(|| NumberProblem::NotInInventory { number: number.into() })?;
        if !self.calling_locations.contains(fact.location_id.as_str()) {
            return Err(NumberProblem::LocationNotCalling {
                number: number.to_string(),
                location_id: fact.location_id.clone(),
            });
        }
        // The user's own number is not someone else's (a cache read between
        // a number's assignment and the license's can show this).
        let own = fact.holder_id.as_deref() == Some(person.id.as_str());
        let owner =
            fact.owner.as_deref().filter(|&o| !own && o != person.id).or_else(|| self.claimed.get(number).copied());
        match owner {
            Some(owner) => Err(NumberProblem::TakenBy { number: number.to_string(), owner: owner.to_string() }),
            None => Ok(fact),
        }
    }

    /// Marks the number as given to `person` and returns the line to send.
    pub(crate) fn claim(&mut self, fact: &'f NumberFact, person: &'f PersonFact) -> CallingLine {
        self.claimed.insert(&fact.phone_number, &person.display_name);
        CallingLine {
            location_id: fact.location_id.clone(),
            phone_number: Some(fact.phone_number.clone()),
            extension: None,
        }
    }
}

/// E.164 as Webex Calling takes it: `+`, 8 to 15 digits, nothing else, and
/// starting with a country code in service (libphonenumber's list).
pub(crate) fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && crate::phone::has_country_code(digits)
}
