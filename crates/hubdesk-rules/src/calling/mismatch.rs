//! C7: a user already provisioned with Calling keeps the number Calling
//! gave them when the directory changes their work number later. These are
//! the users whose work number and Calling number differ, with the fix that
//! would make them agree: Calling removed and given again with the work
//! number (C8: that loses voicemail and call settings, so it is only ever
//! proposed, never done without a typed confirmation).

use super::{is_e164, CallingFix, PersonLocations};
use crate::templates::hash::FastMap;
use crate::templates::{Kind, NumberFact, OrgFacts};

/// A provisioned user whose directory work number is not their Calling number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionedMismatch {
    pub person_id: String,
    /// The directory's work number, trimmed (`None`: none).
    pub work_number: Option<String>,
    /// The number of the inventory the user holds (`None`: an extension only).
    pub calling_number: Option<String>,
    /// The user's Calling location.
    pub location_id: Option<String>,
    /// `Reprovision` when the work number is E.164, free, and in the
    /// user's Calling location.
    pub suggested_fix: Option<CallingFix>,
}

/// Every user holding a Calling line license (C1) whose work number differs
/// from their Calling number, in the order of `facts.people`.
/// `person_locations`: a Calling user's location, as the directory says.
pub fn mismatches(facts: &OrgFacts, person_locations: &PersonLocations) -> Vec<ProvisionedMismatch> {
    let lines: Vec<&str> =
        facts.licenses.iter().filter(|l| Kind::of(&l.name).is_line()).map(|l| l.id.as_str()).collect();
    let mut held: FastMap<&str, &NumberFact> = FastMap::default();
    for n in &facts.numbers {
        if let Some(holder) = n.holder_id.as_deref() {
            held.entry(holder).or_insert(n);
        }
    }
    let by_number: FastMap<&str, &NumberFact> = facts.numbers.iter().map(|n| (n.phone_number.as_str(), n)).collect();
    let mut found = Vec::new();
    for p in &facts.people {
        let Some(license) = p.licenses.iter().find(|l| lines.contains(&l.as_str())) else { continue };
        let work = p.work_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let own = held.get(p.id.as_str()).copied();
        let calling = own.map(|n| n.phone_number.as_str());
        if work == calling {
            continue;
        }
        let location_id = person_locations.get(&p.id).cloned().or_else(|| own.map(|n| n.location_id.clone()));
        let usable = |number: &str| {
            is_e164(number)
                && by_number.get(number).is_some_and(|n| {
                    n.owner.is_none() && n.holder_kind.is_none() && Some(&n.location_id) == location_id.as_ref()
                })
        };
        let suggested_fix = match (work, &location_id) {
            (Some(number), Some(location_id)) if usable(number) => Some(CallingFix::Reprovision {
                license_id: license.clone(),
                location_id: location_id.clone(),
                phone_number: number.to_owned(),
            }),
            _ => None,
        };
        found.push(ProvisionedMismatch {
            person_id: p.id.clone(),
            work_number: work.map(str::to_owned),
            calling_number: calling.map(str::to_owned),
            location_id,
            suggested_fix,
        });
    }
    found
}
