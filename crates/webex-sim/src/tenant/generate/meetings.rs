//! Meeting preferences of seeded people: some hosts lack the paid session
//! types on a site (rule S1: they are left with free, 40-minute meetings),
//! some lack the webinar type on an events site, and people with two sites
//! sometimes prefer the second.

use super::super::meetings::{free_only, full_set};
use super::super::PersonIdx;
use super::Generator;

/// Per cent of a site's hosts left with the free session type only.
const FREE_ONLY_PERCENT: u32 = 5;
/// Per cent of an events site's hosts without the webinar type.
const NO_WEBINAR_PERCENT: u32 = 4;

impl Generator {
    pub(super) fn seed_meeting_preferences(&mut self) {
        for i in 0..self.tenant.people.len() {
            let person = PersonIdx::of(i);
            let sites = self.tenant.org(self.tenant.person(person).org).sites.clone();
            let hosted: Vec<usize> = (0..sites.len()).filter(|&s| self.tenant.hosts_on(person, s)).collect();
            for &site in &hosted {
                let types = sites[site].session_types();
                if self.chance(FREE_ONLY_PERCENT) {
                    self.tenant.set_session_set(person, site, free_only(types));
                } else if sites[site].events && self.chance(NO_WEBINAR_PERCENT) {
                    let webinar = types.iter().position(|t| t.kind == "webinar").expect("events sites offer webinars");
                    self.tenant.set_session_set(person, site, full_set(types.len()) & !(1 << webinar));
                }
            }
            let attended = self.tenant.person(person).attendee_sites.iter().count();
            if hosted.len() + attended > 1 && self.chance(40) {
                self.tenant.person_mut(person).default_site = hosted.last().map(|&s| s as u8);
            }
        }
    }
}
