//! Named people for the Meetings troubleshooter (rules S1–S5, T16): in every
//! customer, one person per reason a user "still cannot schedule after we
//! paid", with a fixed name and address so anyone can try them
//! (docs/simulator.md lists them). They come after everyone else, from their
//! own random stream and with their own kind of id, so the bulk people keep
//! theirs.
//!
//! The "license on the other site" person needs a second site: customers
//! without an events site get a plain second site, `<slug>-training.webex.com`,
//! whose Meeting license is added last so no other license moves.

use super::super::license::LicenseKind;
use super::super::meetings::free_only;
use super::super::org::Site;
use super::super::person::Presence;
use super::super::{OrgIdx, PersonIdx};
use super::licenses::Subscription;
use super::{Generator, Thing};

/// Why a named person cannot schedule paid meetings on the org's first site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// S1: a paid Meeting license on the site, but only the free session type.
    MissingTypes,
    /// The paid Meeting license is on the org's second site only.
    OtherSite,
    /// Basic Meetings (free) only.
    BasicOnly,
    /// The attendee role on the site, no host license.
    AttendeeOnly,
    /// T16: invited, never signed in, with a paid license and every type.
    NeverSignedIn,
}

impl Cause {
    pub const ALL: [Cause; 5] =
        [Cause::MissingTypes, Cause::OtherSite, Cause::BasicOnly, Cause::AttendeeOnly, Cause::NeverSignedIn];

    /// First and last name; the address is `first.last@<org domain>`.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            Cause::MissingTypes => ("Sam", "Sessionless"),
            Cause::OtherSite => ("Otto", "Othersite"),
            Cause::BasicOnly => ("Bea", "Basic"),
            Cause::AttendeeOnly => ("Ada", "Attendee"),
            Cause::NeverSignedIn => ("Nils", "Neversigned"),
        }
    }
}

impl Generator {
    /// Adds the named people of a customer org (and its second site if it has none).
    pub(super) fn add_named_people(&mut self, org: OrgIdx) {
        if self.tenant.org(org).sites.len() < 2 {
            let url = format!("{}-training.webex.com", self.tenant.org(org).domain.trim_end_matches(".example"));
            self.tenant.orgs[org.get()].sites.push(Site { url, events: false });
            let license = self.add_license_for_site(org, 1);
            self.license_slots[org.get()].meeting.push(vec![license]);
        }
        for (n, cause) in Cause::ALL.into_iter().enumerate() {
            let (first, last) = cause.name();
            let uuid = self.uuid(Thing::Named, org.get(), n);
            let hq = self.tenant.org(org).locations[0];
            let language = self.tenant.org(org).language;
            let mut person = self.compose_person(org, uuid, hq, language, first, last);
            self.set_presence(&mut person);
            let slots = &self.license_slots[org.get()];
            let mut licenses = vec![slots.messaging, slots.screen_share, slots.basic_meetings];
            // The newest subscription of a pool is the one with units left (rule T12).
            let newest = |site: usize| *slots.meeting[site].last().expect("a site's pool has a license");
            match cause {
                Cause::MissingTypes | Cause::NeverSignedIn => licenses.push(newest(0)),
                Cause::OtherSite => licenses.push(newest(1)),
                Cause::BasicOnly => {}
                Cause::AttendeeOnly => {
                    person.attendee_sites.insert(0);
                }
            }
            for slot in licenses {
                person.licenses.insert(slot);
            }
            if cause == Cause::NeverSignedIn {
                person.invite_pending = true;
                person.status = Presence::Pending;
                person.last_activity_ms = None;
            }
            let idx = PersonIdx::of(self.tenant.people.len());
            self.tenant.push_person(person);
            self.named.push((idx, cause));
        }
    }

    /// Session types of the named people, after the random ones were drawn:
    /// only the S1 person lacks any, and nobody prefers another site.
    pub(super) fn settle_named_sessions(&mut self) {
        for (person, cause) in self.named.clone() {
            let sites = self.tenant.org(self.tenant.person(person).org).sites.clone();
            for (slot, site) in sites.iter().enumerate() {
                let all_or_none = match self.tenant.hosts_on(person, slot) {
                    true => super::super::meetings::full_set(site.session_types().len()),
                    false => 0,
                };
                let set = match (cause, slot) {
                    (Cause::MissingTypes, 0) => free_only(site.session_types()),
                    _ => all_or_none,
                };
                self.tenant.set_session_set(person, slot, set);
            }
            self.tenant.person_mut(person).default_site = None;
        }
    }

    /// The second site's Meeting license, from the subscription of the first site's oldest one.
    fn add_license_for_site(&mut self, org: OrgIdx, site: usize) -> usize {
        let first = self.license_slots[org.get()].meeting[0][0];
        let first = self.tenant.license(self.tenant.org(org).licenses[first]);
        let subscription = first
            .subscription_id
            .clone()
            .zip(first.subscription_start_ms)
            .map(|(id, start_ms)| Subscription { id, start_ms });
        self.add_license(org, LicenseKind::Meeting, subscription.as_ref(), Some(site))
    }
}
