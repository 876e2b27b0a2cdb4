//! Orgs with their locations (Calling-enabled or not, with their services),
//! meeting sites, licenses, and for customers the BroadWorks enterprise.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::super::inventory::{ExtensionEntry, Owner};
use super::super::location::{Location, Service, ServiceKind};
use super::super::org::{Enterprise, Org, Site};
use super::super::{LocationIdx, OrgIdx};
use super::catalogue::OrgTemplate;
use super::numbers::{CityNumbers, LocationPlan};
use super::{Generator, Thing};
use crate::ids::{self, IdType};

/// A location serves at most this many people, so no location is huge.
const PEOPLE_PER_EXTRA_LOCATION: usize = 40_000;

/// The Calling features of every Calling location, with their numbers.
const SERVICES: [(ServiceKind, &str); 5] = [
    (ServiceKind::AutoAttendant, "Reception"),
    (ServiceKind::HuntGroup, "Sales hunt group"),
    (ServiceKind::CallQueue, "Support queue"),
    (ServiceKind::Place, "Meeting room 1"),
    (ServiceKind::Place, "Meeting room 2"),
];

impl Generator {
    /// Adds an org from `template`; `ordinal` counts customers (the
    /// catalogue repeats with a suffix after its end).
    pub(super) fn add_org(
        &mut self,
        template: &'static OrgTemplate,
        ordinal: usize,
        managed_by: Option<OrgIdx>,
        expected_people: usize,
    ) -> OrgIdx {
        let round = ordinal / super::catalogue::CUSTOMERS.len();
        let (name, slug) = match round {
            0 => (template.name.to_string(), template.slug.to_string()),
            _ => (format!("{} {}", template.name, round + 1), format!("{}-{}", template.slug, round + 1)),
        };
        let uuid = self.uuid(Thing::Org, self.tenant.orgs.len(), 0);
        let created_ms = match managed_by {
            None => self.days_ago(3000, 3001),
            Some(_) => self.days_ago(200, 2500),
        };
        let mut sites = vec![Site { url: format!("{slug}.webex.com"), events: false }];
        if managed_by.is_some() && ordinal.is_multiple_of(3) {
            sites.push(Site { url: format!("{slug}-events.webex.com"), events: true });
        }
        let org = self.tenant.push_org(Org {
            uuid,
            id: ids::encode_uuid(IdType::Organization, &uuid),
            display_name: name,
            domain: format!("{slug}.example"),
            managed_by,
            created_ms,
            language: template.language,
            locations: Vec::new(),
            licenses: Vec::new(),
            sites,
            members: Vec::new(),
            groups: Vec::new(),
            broadworks: None,
        });
        if managed_by.is_some() {
            self.tenant.orgs[org.get()].broadworks = Some(self.enterprise(org, &slug));
        }
        let slots = match managed_by {
            None => self.add_partner_licenses(org),
            Some(_) => self.add_customer_licenses(org, ordinal),
        };
        self.license_slots.push(slots);
        // Last, because how many depends on the head count.
        let location_count = template.cities.len() + expected_people / PEOPLE_PER_EXTRA_LOCATION;
        for n in 0..location_count {
            self.add_location(org, template, n, true);
        }
        // A new office not yet enabled for Calling (rules C2–C5).
        self.add_location(org, template, location_count, false);
        org
    }

    fn enterprise(&mut self, org: OrgIdx, slug: &str) -> Enterprise {
        let partner_uuid = self.tenant.org(self.tenant.partner()).uuid;
        let template = self.uuid(Thing::Enterprise, org.get(), 1);
        Enterprise {
            uuid: self.uuid(Thing::Enterprise, org.get(), 0),
            sp_enterprise_id: format!("Nordlys+{slug}"),
            provisioning_id: URL_SAFE_NO_PAD.encode(format!("{partner_uuid}:{template}")),
        }
    }

    fn add_location(&mut self, org: OrgIdx, template: &'static OrgTemplate, n: usize, calling_enabled: bool) {
        let city = template.cities[n % template.cities.len()];
        let repeat = n / template.cities.len();
        let name = match (calling_enabled, repeat) {
            (false, _) => format!("{} – new office", city.name),
            (true, 0) => city.name.to_string(),
            (true, r) => format!("{} {}", city.name, r + 1),
        };
        let uuid = self.uuid(Thing::Location, org.get(), n);
        self.city_numbers.entry(city.name).or_insert_with(|| CityNumbers::new(city, &mut self.rng));
        let street_number = 1 + self.rng_below(120) as u16;
        let location = self.tenant.push_location(Location {
            uuid,
            id: ids::encode_uuid(IdType::Location, &uuid),
            org,
            name,
            city,
            street_number,
            calling_enabled,
            routing_prefix: format!("8{:03}", n + 1),
            numbers: Default::default(),
            services: Vec::new(),
        });
        self.location_plans.push(LocationPlan::default());
        if calling_enabled {
            self.add_services(org, location, n);
        }
    }

    /// Services with a number and an extension; the auto attendant's number
    /// is the location's main number.
    fn add_services(&mut self, org: OrgIdx, location: LocationIdx, n: usize) {
        for (k, (kind, name)) in SERVICES.iter().enumerate() {
            let number = self.fresh_number(location);
            let extension = self.location_plans[location.get()].next_extension();
            let uuid = self.uuid(Thing::Service, org.get(), n * 16 + k);
            let here = self.tenant.location_mut(location);
            here.services.push(Service { uuid, kind: *kind, name: name.to_string(), extension: Some(extension) });
            self.location_plans[location.get()].service_numbers.push(number);
            let owner = Owner::Service(k as u16);
            here.numbers.add_number(number, Some(owner), true);
            here.numbers.add_extension(extension, ExtensionEntry { owner, number: Some(number) });
            if *kind == ServiceKind::AutoAttendant {
                here.numbers.main_number = Some(number);
            }
        }
    }
}
