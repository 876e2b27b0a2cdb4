//! The fix hubdesk proposes for each reason of the report, from the cache
//! alone (C1, C4): a `not_e164` number made E.164 becomes the work number;
//! an `eligible` user gets Calling with their own number; a user with no
//! usable number gets the first free number of their own location when it
//! is enabled for Calling. `location_not_calling` has none: the location
//! must be enabled in Control Hub first.
//!
//! Within one report each free number and each license unit is proposed
//! once, so fixing the whole filtered list at once does not give one
//! number to two users.

use std::collections::BTreeSet;

use super::{CallingFix, CallingReason, CallingUser, PersonLocations};
use crate::templates::hash::{FastMap, FastSet};
use crate::templates::{Kind, LicenseFact, OrgFacts};

/// Fills `suggested_fix` of every user of the report, in its order.
pub(super) fn suggest_fixes(facts: &OrgFacts, person_locations: &PersonLocations, users: &mut [CallingUser]) {
    let mut free = FreeNumbers::new(facts);
    let mut licenses = Units::new(facts);
    let calling: FastSet<&str> = facts.calling_locations.iter().map(String::as_str).collect();
    for user in users.iter_mut() {
        user.suggested_fix = match user.reason {
            CallingReason::NotE164 => user.suggested_number.clone().map(|number| CallingFix::SetWorkNumber { number }),
            CallingReason::Eligible => match (&user.evidence.location_id, &user.evidence.number) {
                (Some(location_id), Some(number)) => licenses.take().map(|license_id| CallingFix::AssignCalling {
                    license_id,
                    location_id: location_id.clone(),
                    phone_number: Some(number.clone()),
                    extension: None,
                }),
                _ => None,
            },
            CallingReason::NoWorkNumber | CallingReason::NotInInventory | CallingReason::NumberTaken => {
                let own = person_locations.get(&user.person_id).filter(|l| calling.contains(l.as_str()));
                match own {
                    // A number is taken only when a license unit goes with it.
                    Some(location_id) if licenses.left() && free.has(location_id) => {
                        let number = free.take(location_id);
                        licenses.take().map(|license_id| CallingFix::AssignCalling {
                            license_id,
                            location_id: location_id.clone(),
                            phone_number: number,
                            extension: None,
                        })
                    }
                    _ => None,
                }
            }
            CallingReason::LocationNotCalling => None,
        };
    }
}

/// The Calling Professional license a fix gives, oldest subscription with
/// units left first (T12); `None` when the org has no unit left.
pub fn calling_license(facts: &OrgFacts) -> Option<&LicenseFact> {
    professional_by_age(facts).into_iter().find(|l| l.total_units > l.consumed_units)
}

fn professional_by_age(facts: &OrgFacts) -> Vec<&LicenseFact> {
    let age = |l: &LicenseFact| {
        l.subscription_id
            .as_deref()
            .and_then(|s| facts.subscription_order.iter().position(|o| o == s))
            .unwrap_or(usize::MAX)
    };
    let mut pros: Vec<&LicenseFact> =
        facts.licenses.iter().filter(|l| Kind::of(&l.name) == Kind::CallingProfessional).collect();
    pros.sort_by_key(|l| (age(l), l.id.clone()));
    pros
}

/// Units of Calling Professional left, by license, oldest first.
struct Units(Vec<(String, i64)>);

impl Units {
    fn new(facts: &OrgFacts) -> Units {
        Units(
            professional_by_age(facts)
                .into_iter()
                .map(|l| (l.id.clone(), (l.total_units - l.consumed_units).max(0)))
                .collect(),
        )
    }

    fn left(&self) -> bool {
        self.0.iter().any(|(_, n)| *n > 0)
    }

    fn take(&mut self) -> Option<String> {
        let (id, n) = self.0.iter_mut().find(|(_, n)| *n > 0)?;
        *n -= 1;
        Some(id.clone())
    }
}

/// The free numbers of each location, in number order: held by no one and
/// nobody's work number (an `eligible` user's number is theirs to take).
struct FreeNumbers<'f>(FastMap<&'f str, BTreeSet<&'f str>>);

impl<'f> FreeNumbers<'f> {
    fn new(facts: &'f OrgFacts) -> FreeNumbers<'f> {
        let typed: FastSet<&str> =
            facts.people.iter().filter_map(|p| p.work_number.as_deref()).map(str::trim).collect();
        let mut by_location: FastMap<&str, BTreeSet<&str>> = FastMap::default();
        for n in &facts.numbers {
            if n.owner.is_none() && n.holder_kind.is_none() && !typed.contains(n.phone_number.as_str()) {
                by_location.entry(n.location_id.as_str()).or_default().insert(n.phone_number.as_str());
            }
        }
        FreeNumbers(by_location)
    }

    fn has(&self, location: &str) -> bool {
        self.0.get(location).is_some_and(|s| !s.is_empty())
    }

    fn take(&mut self, location: &str) -> Option<String> {
        self.0.get_mut(location)?.pop_first().map(str::to_owned)
    }
}
