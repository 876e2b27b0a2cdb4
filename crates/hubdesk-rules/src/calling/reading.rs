//! How a user's typed number is read (C4), the same for the report and the
//! CSV import: in the country of the user's location; else in the country
//! of a location whose inventory holds the number so read (the number's
//! location); else with no country (a `+`, `00` or a missing `+` still make
//! a number). A number the inventory holds is taken without a parse.

use crate::phone_normalise::{normalise_known, Normalised, NotNormalised};
use crate::templates::hash::FastMap;

use super::number_map::NumberSet;
use super::{CallingLocation, PersonLocations};

static NO_PEOPLE: PersonLocations = PersonLocations::with_hasher(std::hash::BuildHasherDefault::new());

pub(crate) struct NumberReader<'a> {
    /// Person id → the country of their location.
    own: FastMap<&'a str, &'a str>,
    /// Every country of the org's locations, once, sorted.
    countries: Vec<&'a str>,
    inventory: &'a NumberSet,
}

impl<'a> NumberReader<'a> {
    pub(crate) fn new(
        locations: &'a [CallingLocation],
        person_locations: &'a PersonLocations,
        inventory: &'a NumberSet,
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
        NumberReader { own, countries, inventory }
    }

    /// A reader that knows no one's location: `read_in` only.
    pub(crate) fn without_people(locations: &'a [CallingLocation], inventory: &'a NumberSet) -> NumberReader<'a> {
        NumberReader::new(locations, &NO_PEOPLE, inventory)
    }

    /// `typed`, the work number of `person_id`, in their location's country.
    pub(crate) fn read(&self, person_id: &str, typed: &str) -> Result<Normalised, NotNormalised> {
        self.read_in(self.own.get(person_id).copied(), typed)
    }

    /// `typed` in `country`, the country of its user's location if known.
    pub(crate) fn read_in(&self, country: Option<&str>, typed: &str) -> Result<Normalised, NotNormalised> {
        let known = |n: &str| self.inventory.contains(n);
        if let Some(country) = country {
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
