//! Licenses and numbers of seeded people, by rough real-world shares.
//!
//! Everyone's prerequisites hold (a Meeting license comes with Messaging
//! and Basic Meetings, an Attendant Console with Calling Professional), so
//! the seeded tenant is one the license rules could have produced. Calling
//! users get a line whose number and extension the location's inventory
//! records as theirs; everyone else gets a directory work number in one of
//! the shapes rules C2–C5 tell apart.

use super::super::inventory::{format_e164, ExtensionEntry, Owner};
use super::super::person::{CallingLine, Person};
use super::super::{OrgIdx, PersonIdx};
use super::numbers::{calling_line, DirectoryNumber};
use super::Generator;

impl Generator {
    /// Messaging, Basic Meetings and Meeting licenses, attendee roles.
    pub(super) fn assign_collaboration_licenses(&mut self, person: &mut Person) {
        let slots = &self.license_slots[person.org.get()];
        let (messaging, screen_share, basic) = (slots.messaging, slots.screen_share, slots.basic_meetings);
        let advanced = slots.advanced_messaging;
        let (first_site, second_site) = (slots.meeting[0].clone(), slots.meeting.get(1).cloned());
        if !self.chance(95) {
            return;
        }
        for slot in [messaging, screen_share, basic] {
            person.licenses.insert(slot);
        }
        if let Some(advanced) = advanced.filter(|_| self.chance(10)) {
            person.licenses.insert(advanced);
        }
        if self.chance(55) {
            let on_second = second_site.as_ref().filter(|_| self.chance(30));
            let pool = on_second.unwrap_or(&first_site).clone();
            let slot = self.pick_in_pool(&pool);
            person.licenses.insert(slot);
            if let Some(second) = second_site.filter(|_| self.chance(8)) {
                let first = self.pick_in_pool(&first_site);
                person.licenses.insert(first);
                person.licenses.insert(self.pick_in_pool(&second));
            }
        } else if self.chance(20) {
            person.attendee_sites.insert(0);
        }
    }

    /// Professional mostly, some Basic and CX Essentials; the slot within a
    /// pool leans to the oldest subscription (rule T12).
    pub(super) fn pick_calling_license(&mut self, org: OrgIdx) -> Option<usize> {
        let slots = &self.license_slots[org.get()];
        let (professional, basic, cx) =
            (slots.calling_professional.clone(), slots.calling_basic.clone(), slots.cx_essentials);
        let pool = match self.rng_below(100) {
            0..18 if !basic.is_empty() => basic,
            18..25 if cx.is_some() => return cx,
            _ => professional,
        };
        Some(self.pick_in_pool(&pool))
    }

    /// Oldest subscription first: 60/40, or 50/30/20 over three.
    fn pick_in_pool(&mut self, pool: &[usize]) -> usize {
        let roll = self.rng_below(100);
        let n = match pool.len() {
            1 => 0,
            2 => usize::from(roll >= 60),
            _ => usize::from(roll >= 50) + usize::from(roll >= 80),
        };
        pool[n]
    }

    /// A Calling line at the person's (Calling) location, recorded in its
    /// inventory; Professional users may also be Contact Center agents or
    /// Attendant Console users.
    pub(super) fn provision_calling(&mut self, person: &mut Person, idx: PersonIdx, slot: usize) {
        person.licenses.insert(slot);
        let location = person.location;
        let city = self.tenant.location(location).city.name;
        let numbers = self.city_numbers.get_mut(city).expect("the city has numbers");
        let (number, extension) = calling_line(numbers, &mut self.location_plans[location.get()], &mut self.rng);
        let inventory = &mut self.tenant.location_mut(location).numbers;
        if let Some(number) = number {
            inventory.add_number(number, Some(Owner::Person(idx)), true);
            person.work_number = Some(format_e164(number).into());
        }
        if let Some(extension) = extension {
            inventory.add_extension(extension, ExtensionEntry { owner: Owner::Person(idx), number });
        }
        person.calling = Some(CallingLine { extension, number });
        let slots = &self.license_slots[person.org.get()];
        if !slots.calling_professional.contains(&slot) {
            return;
        }
        let contact_center = slots.contact_center.as_ref().map(|cc| (cc.premium, cc.standard));
        let console = slots.attendant_console;
        if let Some((premium, standard)) = contact_center {
            match self.rng_below(100) {
                0..5 => person.licenses.insert(premium),
                5..8 => person.licenses.insert(standard),
                _ => {}
            }
        }
        if let Some(console) = console.filter(|_| self.chance(2)) {
            person.licenses.insert(console);
        }
    }

    /// The directory work number of someone without Calling.
    pub(super) fn give_directory_number(&mut self, person: &mut Person, kind: DirectoryNumber) {
        let location = person.location;
        let plan = &self.location_plans[location.get()];
        let number = match kind {
            DirectoryNumber::Missing => None,
            DirectoryNumber::Malformed => {
                let valid = self.fresh_number(location);
                let variant = self.rng_below(4) as u8;
                let city = self.tenant.location(location).city.name;
                Some(self.city_numbers[city].malform(valid, variant))
            }
            DirectoryNumber::NotInInventory => Some(format_e164(self.fresh_number(location))),
            DirectoryNumber::TakenByUser if plan.last_calling_number.is_some() => {
                plan.last_calling_number.map(format_e164)
            }
            DirectoryNumber::TakenByService if !plan.service_numbers.is_empty() => {
                let services = plan.service_numbers.clone();
                Some(format_e164(services[self.rng_below(services.len() as i64) as usize]))
            }
            _ => Some(format_e164(self.available_number(location))),
        };
        person.work_number = number.map(Into::into);
    }

    /// A fresh number put in the location's inventory, free.
    pub(super) fn available_number(&mut self, location: super::super::LocationIdx) -> u64 {
        let number = self.fresh_number(location);
        self.tenant.location_mut(location).numbers.add_number(number, None, true);
        number
    }
}
