//! The demo tenant: a partner org, the customer orgs it manages, their
//! locations (with Calling number inventories), licenses, people, groups
//! and BroadWorks subscribers, generated from a seed and then held in
//! memory. Everything is addressed by small indices; Webex ids are computed
//! when a response is rendered. The mutating operations (licenses, Calling
//! lines, people, groups) live next to the data they change and keep every
//! count and index true.

mod calling;
mod generate;
mod group;
mod inventory;
mod license;
mod licensing;
mod lifecycle;
mod location;
mod meetings;
mod names;
mod org;
mod person;
mod slots;
mod subscriber;
mod subscribers;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use uuid::Uuid;

pub use calling::{CallingError, LineRequest, ResolvedLine};
pub use generate::generate;
pub use group::{group_uuid, Group, GroupUsage};
pub use inventory::{format_e164, parse_e164, NumberEntry, Owner};
pub use license::{License, LicenseKind, CONTROL_HUB_MANAGED_SITE};
pub use lifecycle::NewPerson;
pub use location::Location;
pub use meetings::{members as session_members, SessionSet, SessionType};
pub use org::Org;
pub use person::{AdminRole, CallingLine, Person};
pub use slots::SlotSet;
pub use subscriber::{Package, Profile, Status as SubscriberStatus, Subscriber, Work};

macro_rules! index_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub struct $name(u32);

        impl $name {
            pub fn get(self) -> usize {
                self.0 as usize
            }

            fn of(index: usize) -> Self {
                Self(u32::try_from(index).expect("tenant indices fit in u32"))
            }
        }
    };
}

index_type!(OrgIdx);
index_type!(PersonIdx);
index_type!(LicenseIdx);
index_type!(LocationIdx);
index_type!(GroupIdx);

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Tenant {
    orgs: Vec<Org>,
    locations: Vec<Location>,
    licenses: Vec<License>,
    people: Vec<Person>,
    /// The seeded admins, in the order the sign-in page lists them.
    admins: Vec<PersonIdx>,
    person_by_uuid: HashMap<Uuid, PersonIdx>,
    person_by_email: HashMap<Arc<str>, PersonIdx>,
    groups: Vec<Group>,
    group_index: group::GroupIndex,
    session_overrides: meetings::SessionOverrides,
    subscribers: Vec<Subscriber>,
    /// Seed of the generation, for the ids of things created later.
    seed: u64,
    /// How many things the API has created: the key of their derived ids.
    created: u64,
}

impl Tenant {
    /// The partner org is always the first one.
    pub fn partner(&self) -> OrgIdx {
        OrgIdx(0)
    }

    pub fn org(&self, idx: OrgIdx) -> &Org {
        &self.orgs[idx.get()]
    }

    pub fn person(&self, idx: PersonIdx) -> &Person {
        &self.people[idx.get()]
    }

    pub fn location_mut(&mut self, idx: LocationIdx) -> &mut Location {
        &mut self.locations[idx.get()]
    }

    pub fn license(&self, idx: LicenseIdx) -> &License {
        &self.licenses[idx.get()]
    }

    pub fn location(&self, idx: LocationIdx) -> &Location {
        &self.locations[idx.get()]
    }

    pub fn org_indices(&self) -> impl Iterator<Item = OrgIdx> {
        (0..self.orgs.len()).map(OrgIdx::of)
    }

    /// People ever added (deleted ones keep their index).
    pub fn people_count(&self) -> usize {
        self.people.len()
    }

    /// A fresh uuid for something the API creates: derived from the seed
    /// and a counter, so a replayed request sequence gets the same ids.
    pub fn next_uuid(&mut self, kind: u64) -> Uuid {
        self.created += 1;
        crate::ids::derived_uuid(self.seed, &[0xC0DE, kind, self.created])
    }

    pub fn admins(&self) -> &[PersonIdx] {
        &self.admins
    }

    pub fn find_org(&self, uuid: &Uuid) -> Option<OrgIdx> {
        self.orgs.iter().position(|o| o.uuid == *uuid).map(OrgIdx::of)
    }

    pub fn find_person(&self, uuid: &Uuid) -> Option<PersonIdx> {
        self.person_by_uuid.get(uuid).copied()
    }

    /// Mail addresses compare case-insensitively.
    pub fn find_person_by_email(&self, email: &str) -> Option<PersonIdx> {
        self.person_by_email.get(email.to_lowercase().as_str()).copied()
    }

    pub fn find_license(&self, uuid: &Uuid) -> Option<LicenseIdx> {
        self.licenses.iter().position(|l| l.uuid == *uuid).map(LicenseIdx::of)
    }

    pub fn find_location(&self, uuid: &Uuid) -> Option<LocationIdx> {
        self.locations.iter().position(|l| l.uuid == *uuid).map(LocationIdx::of)
    }

    /// Whether an admin of `admin_org` may act on `org`: its own org, or a
    /// customer org it manages as partner.
    pub fn manages(&self, admin_org: OrgIdx, org: OrgIdx) -> bool {
        admin_org == org || self.org(org).managed_by == Some(admin_org)
    }

    /// The admin of `role` seeded in `org`, if there is one.
    pub fn seeded_admin(&self, role: AdminRole, org: OrgIdx) -> Option<PersonIdx> {
        self.admins.iter().copied().find(|&p| {
            let person = self.person(p);
            person.admin == Some(role) && person.org == org
        })
    }

    /// The licenses a person holds, resolved from their org's slots.
    pub fn licenses_of<'a>(&'a self, person: &'a Person) -> impl Iterator<Item = &'a License> + 'a {
        let org = self.org(person.org);
        person.licenses.iter().map(move |slot| self.license(org.licenses[slot]))
    }

    fn push_org(&mut self, org: Org) -> OrgIdx {
        self.orgs.push(org);
        OrgIdx::of(self.orgs.len() - 1)
    }

    fn push_location(&mut self, location: Location) -> LocationIdx {
        let idx = LocationIdx::of(self.locations.len());
        self.orgs[location.org.get()].locations.push(idx);
        self.locations.push(location);
        idx
    }

    fn push_license(&mut self, license: License) -> LicenseIdx {
        let idx = LicenseIdx::of(self.licenses.len());
        self.orgs[license.org.get()].licenses.push(idx);
        self.licenses.push(license);
        idx
    }

    pub fn email_taken(&self, email: &str) -> bool {
        self.person_by_email.contains_key(email)
    }

    /// Adds a person and indexes it; licenses already set are counted as consumed.
    fn push_person(&mut self, person: Person) -> PersonIdx {
        let idx = PersonIdx::of(self.people.len());
        let org = &mut self.orgs[person.org.get()];
        org.members.push(idx);
        for slot in person.licenses.iter() {
            self.licenses[org.licenses[slot].get()].consumed_by_users += 1;
        }
        self.person_by_uuid.insert(person.uuid, idx);
        self.person_by_email.insert(person.email.clone(), idx);
        if person.admin.is_some() {
            self.admins.push(idx);
        }
        self.people.push(person);
        idx
    }
}
