//! Webex Meetings session types (webex-api.md §6; rules S1–S5).
//!
//! A site offers a fixed catalogue. A user's set on a site is a bit set over
//! that catalogue: by default a host of the site (a Meeting license on it)
//! has every type and anyone else none. Only users whose set differs are
//! stored, so a million people cost nothing here. A host left with only the
//! free type is rule S1's user: limited to free meetings (40 minutes).

use std::collections::HashMap;

use super::{LicenseKind, PersonIdx, Tenant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionType {
    /// Numeric string, as Webex has them ("3" is PRO).
    pub id: &'static str,
    pub short_name: &'static str,
    pub name: &'static str,
    /// `type`: meeting, webinar, privateMeeting, EventCenter...
    pub kind: &'static str,
    pub attendees_capacity: u32,
    /// Needs a paid plan; the free type is what a user without them is left with (rule S1).
    pub paid: bool,
}

const FREE: SessionType = SessionType {
    id: "1",
    short_name: "FRE",
    name: "Free Meeting (40 minutes)",
    kind: "meeting",
    attendees_capacity: 100,
    paid: false,
};
const PRO: SessionType = SessionType {
    id: "3",
    short_name: "PRO",
    name: "Pro Meeting",
    kind: "meeting",
    attendees_capacity: 1000,
    paid: true,
};
const PRIVATE: SessionType = SessionType {
    id: "11",
    short_name: "PRV",
    name: "Private Meeting",
    kind: "privateMeeting",
    attendees_capacity: 1000,
    paid: true,
};
const ONLINE_EVENT: SessionType = SessionType {
    id: "9",
    short_name: "ONS",
    name: "Online Event",
    kind: "EventCenter",
    attendees_capacity: 3000,
    paid: true,
};
const WEBINAR: SessionType = SessionType {
    id: "232",
    short_name: "WBN",
    name: "Webinar",
    kind: "webinar",
    attendees_capacity: 3000,
    paid: true,
};

const MAIN_SITE: [SessionType; 3] = [FREE, PRO, PRIVATE];
const EVENTS_SITE: [SessionType; 5] = [FREE, PRO, PRIVATE, ONLINE_EVENT, WEBINAR];

pub fn site_session_types(events: bool) -> &'static [SessionType] {
    match events {
        true => &EVENTS_SITE,
        false => &MAIN_SITE,
    }
}

/// Bit `n` set means the n-th session type of the site's catalogue.
pub type SessionSet = u16;

/// Sets that differ from the default, by person and site slot.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SessionOverrides {
    sets: HashMap<(PersonIdx, u8), SessionSet>,
}

impl SessionOverrides {
    pub fn forget_person(&mut self, person: PersonIdx) {
        self.sets.retain(|(p, _), _| *p != person);
    }
}

impl Tenant {
    /// Whether the person holds a Meeting license on the site (slot of `Org::sites`).
    pub fn hosts_on(&self, person: PersonIdx, site: usize) -> bool {
        self.licenses_of(self.person(person)).any(|l| l.kind == LicenseKind::Meeting && l.site == Some(site))
    }

    /// The person's session types on a site.
    pub fn session_set(&self, person: PersonIdx, site: usize) -> SessionSet {
        let key = (person, site as u8);
        match self.session_overrides.sets.get(&key) {
            Some(&set) => set,
            None if self.hosts_on(person, site) => full_set(self.site_types(person, site).len()),
            None => 0,
        }
    }

    /// Replaces the person's set on a site (PUT replaces, webex-api.md §6).
    pub fn set_session_set(&mut self, person: PersonIdx, site: usize, set: SessionSet) {
        let default = match self.hosts_on(person, site) {
            true => full_set(self.site_types(person, site).len()),
            false => 0,
        };
        let key = (person, site as u8);
        match set == default {
            true => self.session_overrides.sets.remove(&key),
            false => self.session_overrides.sets.insert(key, set),
        };
    }

    fn site_types(&self, person: PersonIdx, site: usize) -> &'static [SessionType] {
        self.org(self.person(person).org).sites[site].session_types()
    }
}

pub fn full_set(len: usize) -> SessionSet {
    ((1u32 << len) - 1) as SessionSet
}

/// The free type only: what a user hit by rule S1 has.
pub fn free_only(types: &[SessionType]) -> SessionSet {
    types.iter().enumerate().filter(|(_, t)| !t.paid).fold(0, |set, (i, _)| set | (1 << i))
}

pub fn members(types: &'static [SessionType], set: SessionSet) -> impl Iterator<Item = &'static SessionType> {
    types.iter().enumerate().filter(move |(i, _)| set & (1 << i) != 0).map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_are_consistent() {
        for events in [false, true] {
            let types = site_session_types(events);
            assert_eq!(members(types, full_set(types.len())).count(), types.len());
            let free: Vec<&str> = members(types, free_only(types)).map(|t| t.id).collect();
            assert_eq!(free, ["1"]);
        }
        assert!(site_session_types(true).iter().any(|t| t.kind == "EventCenter"));
    }
}
