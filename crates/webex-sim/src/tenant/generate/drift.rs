//! Rule C7 in every customer: Calling users whose directory work number was
//! changed after they were provisioned, so Webex Calling still has the old
//! one. Needs no randomness: the first Calling user of the org with a number
//! now has a work number that is free in their location's inventory (hubdesk
//! can reprovision them with it), the second one a number that is in no
//! inventory (no reprovision possible). Done after the spare numbers, so the
//! numbers everyone else has do not move.

use super::super::inventory::format_e164;
use super::super::OrgIdx;
use super::Generator;

impl Generator {
    pub(super) fn drift_work_numbers(&mut self, org: OrgIdx) {
        let with_number: Vec<_> = self
            .tenant
            .org(org)
            .members
            .iter()
            .copied()
            .filter(|&p| self.tenant.person(p).calling.is_some_and(|line| line.number.is_some()))
            .take(2)
            .collect();
        for (n, person) in with_number.into_iter().enumerate() {
            let location = self.tenant.person(person).location;
            let number = match n {
                0 => self.available_number(location),
                _ => self.fresh_number(location),
            };
            self.tenant.person_mut(person).work_number = Some(format_e164(number).into());
        }
    }
}
