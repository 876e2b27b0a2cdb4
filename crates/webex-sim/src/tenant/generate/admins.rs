//! The seeded admins who can sign in: the partner's full admin, and a full
//! admin and a read-only admin in every customer org.

use super::super::inventory::format_e164;
use super::super::person::AdminRole;
use super::super::OrgIdx;
use super::catalogue::{CUSTOMERS, PARTNER};
use super::{Generator, Thing};

impl Generator {
    /// `orgs` is the partner first, then the customers in order.
    pub(super) fn seed_admins(&mut self, orgs: &[OrgIdx]) {
        let Some((&partner, customers)) = orgs.split_first() else { return };
        self.add_admin(partner, AdminRole::PartnerFull, PARTNER.admin);
        for (i, &org) in customers.iter().enumerate() {
            self.add_admin(org, AdminRole::CustomerFull, CUSTOMERS[i % CUSTOMERS.len()].admin);
            let language = self.tenant.org(org).language;
            let name = (self.pick(language.first_names()), self.pick(language.last_names()));
            self.add_admin(org, AdminRole::ReadOnly, name);
        }
    }

    /// An active admin at the org's first location, with Messaging, a
    /// meeting license and a valid work number (free in the inventory).
    fn add_admin(&mut self, org: OrgIdx, role: AdminRole, (first, last): (&'static str, &'static str)) {
        let language = self.tenant.org(org).language;
        let role_key = AdminRole::ALL.iter().position(|&r| r == role).expect("every role is in ALL");
        let uuid = self.uuid(Thing::Admin, org.get(), role_key);
        let hq = self.tenant.org(org).locations[0];
        let mut person = self.compose_person(org, uuid, hq, language, first, last);
        person.admin = Some(role);
        self.set_presence(&mut person);
        let slots = &self.license_slots[org.get()];
        for slot in [slots.messaging, slots.screen_share, slots.basic_meetings, slots.meeting[0][0]] {
            person.licenses.insert(slot);
        }
        let number = self.available_number(hq);
        person.work_number = Some(format_e164(number).into());
        self.tenant.push_person(person);
    }
}
