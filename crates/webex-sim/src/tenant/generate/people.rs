//! People: names in the org's language (mostly), a unique address on the
//! org's domain, a life cycle (invited, disabled, active...), licenses, and
//! a work number or Calling line (see `calling.rs`).

use std::borrow::Cow;
use std::sync::Arc;

use uuid::Uuid;

use super::super::names::{fold_ascii, Language};
use super::super::person::{Person, Presence};
use super::super::{LocationIdx, OrgIdx, PersonIdx, SlotSet};
use super::numbers::DirectoryNumber;
use super::{Generator, Thing, DAY_MS, MINUTE_MS, REFERENCE_MS};

impl Generator {
    /// Adds an ordinary (non-admin) person to `org`: identity, life cycle,
    /// licenses, and a Calling line or a directory work number.
    pub(super) fn add_person(&mut self, org: OrgIdx) {
        let language = self.pick_language(org);
        let first = self.pick(language.first_names());
        let last = self.pick(language.last_names());
        let uuid = self.uuid(Thing::Person, org.get(), self.tenant.org(org).members.len());
        let calling = self.chance(60).then(|| self.pick_calling_license(org)).flatten();
        let directory = DirectoryNumber::draw(&mut self.rng);
        let location = match (calling, directory) {
            (None, DirectoryNumber::AtDisabledLocation) => self.disabled_location(org),
            _ => self.pick_calling_location(org),
        };
        let mut person = self.compose_person(org, uuid, location, language, first, last);
        self.live_a_life(&mut person);
        self.assign_collaboration_licenses(&mut person);
        let idx = PersonIdx::of(self.tenant.people.len());
        match calling {
            Some(slot) => self.provision_calling(&mut person, idx, slot),
            None => self.give_directory_number(&mut person, directory),
        }
        self.tenant.push_person(person);
    }

    /// A person with identity, place and work details, but no life cycle,
    /// licenses or number yet.
    pub(super) fn compose_person(
        &mut self,
        org: OrgIdx,
        uuid: Uuid,
        location: LocationIdx,
        language: Language,
        first: &'static str,
        last: &'static str,
    ) -> Person {
        let email = self.unique_email(org, first, last);
        let department = self.chance(90).then(|| Cow::Borrowed(self.pick(language.departments())));
        let title = self.chance(90).then(|| Cow::Borrowed(self.pick(language.titles())));
        let created_ms = self.days_ago(30, 2500);
        let modified_ms = created_ms + self.rng_below(REFERENCE_MS - created_ms);
        Person {
            uuid,
            org,
            location,
            first_name: Cow::Borrowed(first),
            last_name: Cow::Borrowed(last),
            display_name: format!("{first} {last}").into(),
            email,
            department,
            title,
            work_number: None,
            calling: None,
            licenses: SlotSet::default(),
            attendee_sites: SlotSet::default(),
            default_site: None,
            admin: None,
            status: Presence::Unknown,
            invite_pending: false,
            login_enabled: true,
            created_ms,
            modified_ms,
            last_activity_ms: None,
        }
    }

    /// Most people are in the org's language; the rest come from anywhere.
    fn pick_language(&mut self, org: OrgIdx) -> Language {
        match self.chance(70) {
            true => self.tenant.org(org).language,
            false => self.pick(&Language::ALL),
        }
    }

    /// A location enabled for Calling; the first (HQ) counts twice.
    fn pick_calling_location(&mut self, org: OrgIdx) -> LocationIdx {
        let locations = &self.tenant.org(org).locations;
        let calling = locations.len() - 1;
        let n = self.rng_below(calling as i64 + 1) as usize;
        self.tenant.org(org).locations[n.saturating_sub(1)]
    }

    /// The org's office that is not enabled for Calling: always its last location.
    pub(super) fn disabled_location(&self, org: OrgIdx) -> LocationIdx {
        *self.tenant.org(org).locations.last().expect("every org has locations")
    }

    /// `first.last@domain`, with a number when the address is taken.
    fn unique_email(&mut self, org: OrgIdx, first: &str, last: &str) -> Arc<str> {
        let domain = &self.tenant.org(org).domain;
        let base = format!("{}.{}", fold_ascii(first), fold_ascii(last));
        let counter = self.email_counters.entry(format!("{base}@{domain}")).or_insert(1);
        loop {
            let candidate = match *counter {
                1 => format!("{base}@{domain}"),
                n => format!("{base}{n}@{domain}"),
            };
            *counter += 1;
            if !self.tenant.email_taken(&candidate) {
                return candidate.into();
            }
        }
    }

    /// Invited and never signed in, disabled, or in use with a presence.
    fn live_a_life(&mut self, person: &mut Person) {
        let since_created = REFERENCE_MS - person.created_ms;
        match self.rng_below(100) {
            0..6 => {
                person.invite_pending = true;
                person.status = Presence::Pending;
            }
            6..9 => {
                person.login_enabled = false;
                person.status = Presence::Inactive;
                person.last_activity_ms = Some(person.created_ms + self.rng_below(since_created / 2));
            }
            _ => self.set_presence(person),
        }
    }

    /// Presence of someone who uses Webex: recent activity for the busy states.
    pub(super) fn set_presence(&mut self, person: &mut Person) {
        let (status, recent) = match self.rng_below(100) {
            0..30 => (Presence::Active, true),
            30..70 => (Presence::Inactive, false),
            70..76 => (Presence::Meeting, true),
            76..82 => (Presence::Call, true),
            82..87 => (Presence::DoNotDisturb, false),
            87..95 => (Presence::OutOfOffice, false),
            95..98 => (Presence::Presenting, true),
            _ => (Presence::Unknown, false),
        };
        let ago = match recent {
            true => self.rng_below(10 * MINUTE_MS),
            false => 10 * MINUTE_MS + self.rng_below(30 * DAY_MS),
        };
        person.status = status;
        person.last_activity_ms = Some((REFERENCE_MS - ago).max(person.created_ms));
    }
}
