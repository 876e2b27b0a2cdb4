//! Numbers nobody holds yet: every Calling location keeps some spare
//! numbers (a few of them not yet activated), and the office that is not
//! enabled for Calling has a block ordered in advance.

use super::Generator;

/// Spare numbers per Calling location: one per this many people there, at least `MIN_SPARE`.
const PEOPLE_PER_SPARE: usize = 20;
const MIN_SPARE: usize = 5;
const INACTIVE: usize = 2;
const DISABLED_LOCATION_BLOCK: usize = 10;

impl Generator {
    pub(super) fn add_spare_numbers(&mut self) {
        let mut people_at = vec![0usize; self.tenant.locations.len()];
        for person in &self.tenant.people {
            people_at[person.location.get()] += 1;
        }
        for org in self.tenant.org_indices().collect::<Vec<_>>() {
            let locations = self.tenant.org(org).locations.clone();
            let disabled = self.disabled_location(org);
            for location in locations {
                let spare = match location == disabled {
                    true => DISABLED_LOCATION_BLOCK,
                    false => (people_at[location.get()] / PEOPLE_PER_SPARE).max(MIN_SPARE),
                };
                for _ in 0..spare {
                    self.available_number(location);
                }
                for _ in 0..INACTIVE {
                    let number = self.fresh_number(location);
                    self.tenant.location_mut(location).numbers.add_number(number, None, false);
                }
            }
        }
    }
}
