//! How a user's typed number is read (C4), the same for the report and the
//! CSV import: in the country of the user's location; else in the country
//! of a location whose inventory holds the number so read (the number's
//! location); else with no country (a `+`, `00` or a missing `+` still make
//! a number). A number the inventory holds is taken without a parse.

use crate::phone_normalise::{normalise_known, Normalised, NotNormalised};
use crate::templates::hash::{FastMap, FastSet};
use crate::templates::NumberFact;

use super::{CallingLocation, PersonLocations};

pub(crate) struct NumberReader<'a> {
    /// Person id → the country of their location.
    own: FastMap<&'a str, &'a str>,
    /// Every country of the org's locations, once, sorted.
    countries: Vec<&'a str>,
    inventory: FastSet<&'a str>,
}

impl<'a> NumberReader<'a> {
    pub(crate) fn new(
        locations: &'a [CallingLocation],
        person_locations: &'a PersonLocations,
        numbers: &'a [NumberFact],
    ) -> NumberReader<'a> {
        let country: FastMap<&str, &str> =
            locations.iter().filter_map(|l| Some((l.id.as_str(), l.country.as_deref()?))).collect();
        let own = person_locations
            .iter()
            .filter_map(|(person, location)| Some((person.as_str(), *country.get(location.as_str())?)))
            .collect();
        let mut countries: Vec<&str> = country.values().copied().collect();
        countries.sort_unstable();
        countries.dedup();
        let inventory = numbers.iter().map(|n| n.phone_number.as_str()).collect();
        NumberReader { own, countries, inventory }
    }

    pub(crate) fn read(&self, person_id: &str, typed: &str) -> Result<Normalised, NotNormalised> {
        let known = |n: &str| self.inventory.contains(n);
        if let Some(country) = self.own.get(person_id) {
            return normalise_known(typed, Some(country), &known);
        }
        for country in &self.countries {
            if let Ok(made) = normalise_known(typed, Some(country), &known) {
                if known(made.e164()) {
                    return Ok(made);
                }
            }
        }
        normalise_known(typed, None, &known)
    }
}
