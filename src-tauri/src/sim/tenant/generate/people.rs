//! People: names in the org's language (mostly), a unique address on the
//! org's domain, a life cycle (invited, disabled, active...), licenses, and
//! a work number or Calling line from their location's plan.

use std::borrow::Cow;
use std::sync::Arc;

use uuid::Uuid;

use super::super::names::{fold_ascii, Language};
use super::super::person::{CallingLine, Person, Presence};
use super::super::{LocationIdx, OrgIdx, SlotSet};
use super::{Generator, Thing, DAY_MS, MINUTE_MS, REFERENCE_MS};

impl Generator {
    /// Adds an ordinary (non-admin) person to `org`.
    pub(super) fn add_person(&mut self, org: OrgIdx) {
        let language = self.pick_language(org);
        let first = self.pick(language.first_names());
        let last = self.pick(language.last_names());
        let uuid = self.uuid(Thing::Person, org.get(), self.tenant.org(org).members.len());
        let location = self.pick_location(org);
        let mut person = self.compose_person(org, uuid, location, language, first, last);
        self.live_a_life(&mut person);
        self.assign_licenses(&mut person);
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

    /// The first location (HQ) takes about half of the people.
    fn pick_location(&mut self, org: OrgIdx) -> LocationIdx {
        let count = self.tenant.org(org).locations.len();
        let n = match count == 1 || self.chance(50) {
            true => 0,
            false => 1 + self.rng_below(count as i64 - 1) as usize,
        };
        self.tenant.org(org).locations[n]
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

    /// Licenses by rough real-world shares; Calling users get a line from
    /// their location, everyone else a directory number.
    fn assign_licenses(&mut self, person: &mut Person) {
        let slots = &self.license_slots[person.org.get()];
        let (messaging, screen_share) = (slots.messaging, slots.screen_share);
        let (first_site, second_site) = (slots.meeting[0], slots.meeting.get(1).copied());
        if self.chance(95) {
            person.licenses.insert(messaging);
            person.licenses.insert(screen_share);
        }
        if self.chance(55) {
            match second_site {
                Some(second) if self.chance(30) => person.licenses.insert(second),
                _ => person.licenses.insert(first_site),
            }
            if let Some(second) = second_site.filter(|_| self.chance(8)) {
                person.licenses.insert(first_site);
                person.licenses.insert(second);
            }
        } else if self.chance(20) {
            person.attendee_sites.insert(0);
        }
        match self.chance(60).then(|| self.pick_calling_license(person.org)).flatten() {
            Some(slot) => self.provision_calling(person, slot),
            None => {
                person.work_number =
                    self.number_plans[person.location.get()].directory_number(&mut self.rng).map(Into::into)
            }
        }
    }

    /// Professional mostly (from either subscription), some Basic and CX Essentials.
    fn pick_calling_license(&mut self, org: OrgIdx) -> Option<usize> {
        let slots = &self.license_slots[org.get()];
        let (first_pro, second_pro) =
            (slots.calling_professional.first().copied(), slots.calling_professional.get(1).copied());
        let (basic, cx) = (slots.calling_basic, slots.cx_essentials);
        let chosen = match self.rng_below(100) {
            0..18 => basic,
            18..25 => cx,
            _ => None,
        };
        chosen.or_else(|| match second_pro {
            Some(second) if self.chance(35) => Some(second),
            _ => first_pro,
        })
    }

    fn provision_calling(&mut self, person: &mut Person, slot: usize) {
        person.licenses.insert(slot);
        let (number, extension) = self.number_plans[person.location.get()].calling_line(&mut self.rng);
        person.work_number = number.map(Into::into);
        person.calling = Some(CallingLine { extension: extension.map(Into::into) });
        let slots = &self.license_slots[person.org.get()];
        let is_professional = slots.calling_professional.contains(&slot);
        let contact_center = slots.contact_center.as_ref().map(|cc| (cc.premium, cc.standard));
        if let (true, Some((premium, standard))) = (is_professional, contact_center) {
            match self.rng_below(100) {
                0..5 => person.licenses.insert(premium),
                5..8 => person.licenses.insert(standard),
                _ => {}
            }
        }
    }

    fn rng_below(&mut self, bound: i64) -> i64 {
        use rand::Rng;
        self.rng.random_range(0..bound.max(1))
    }
}
