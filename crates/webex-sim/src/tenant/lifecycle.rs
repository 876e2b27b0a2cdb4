//! People created and deleted through the API (and by BroadWorks
//! provisioning). Deleting releases everything the person held, so counts,
//! the number inventory and groups stay true.

use std::borrow::Cow;

use super::person::{Person, Presence};
use super::{LocationIdx, OrgIdx, PersonIdx, SlotSet, Tenant};

/// Identity of a new person; licenses and a line are given afterwards.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub org: OrgIdx,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub department: Option<String>,
    pub title: Option<String>,
    pub work_number: Option<String>,
    pub now_ms: i64,
}

impl Tenant {
    /// Adds a person at the org's first location, invited (never signed in).
    pub fn create_person(&mut self, new: NewPerson) -> PersonIdx {
        let uuid = self.next_uuid(5);
        let location: LocationIdx = self.org(new.org).locations[0];
        let person = Person {
            uuid,
            org: new.org,
            location,
            first_name: Cow::Owned(new.first_name),
            last_name: Cow::Owned(new.last_name),
            display_name: new.display_name.into(),
            email: new.email.to_lowercase().into(),
            department: new.department.map(Cow::Owned),
            title: new.title.map(Cow::Owned),
            work_number: new.work_number.map(Into::into),
            calling: None,
            licenses: SlotSet::default(),
            attendee_sites: SlotSet::default(),
            default_site: None,
            admin: None,
            status: Presence::Pending,
            invite_pending: true,
            login_enabled: true,
            created_ms: new.now_ms,
            modified_ms: new.now_ms,
            last_activity_ms: None,
        };
        self.push_person(person)
    }

    /// Deletes a person: licenses, line, groups, session types and the
    /// lookups go; their index is never reused.
    pub fn delete_person(&mut self, person: PersonIdx) {
        self.release_line(person);
        let held: Vec<usize> = self.person(person).licenses.iter().collect();
        let org = self.person(person).org;
        for slot in held {
            let license = self.org(org).licenses[slot];
            self.revoke(person, license);
        }
        self.leave_groups(person, org);
        self.session_overrides.forget_person(person);
        for subscriber in self.subscribers.iter_mut().filter(|s| s.person == Some(person)) {
            subscriber.person = None;
        }
        let gone = &self.people[person.get()];
        self.person_by_uuid.remove(&gone.uuid);
        let email = gone.email.clone();
        self.person_by_email.remove(&email);
        self.admins.retain(|&p| p != person);
        let members = &mut self.orgs[org.get()].members;
        if let Ok(at) = members.binary_search(&person) {
            members.remove(at);
        }
    }

    /// Changes a person's address, keeping the lookup right.
    pub fn change_email(&mut self, person: PersonIdx, email: &str) {
        let old = self.people[person.get()].email.clone();
        self.person_by_email.remove(&old);
        let new: std::sync::Arc<str> = email.to_lowercase().into();
        self.person_by_email.insert(new.clone(), person);
        self.people[person.get()].email = new;
    }

    /// For profile fields only: licenses, the Calling line and the email go
    /// through `grant`/`revoke`, `provision_line` and `change_email`, which
    /// keep the counts, the inventory and the lookups true.
    pub fn person_mut(&mut self, person: PersonIdx) -> &mut Person {
        &mut self.people[person.get()]
    }
}
