//! Orgs with their locations, meeting sites and licenses.

use super::super::location::Location;
use super::super::org::{Org, Site};
use super::super::OrgIdx;
use super::catalogue::OrgTemplate;
use super::numbers::NumberPlan;
use super::{Generator, Thing};
use crate::sim::ids::{self, IdType};

/// A location serves at most this many people, so its numbers never run out.
const PEOPLE_PER_EXTRA_LOCATION: usize = 60_000;

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
        let mut sites = vec![Site { url: format!("{slug}.webex.com") }];
        if managed_by.is_some() && ordinal.is_multiple_of(3) {
            sites.push(Site { url: format!("{slug}-events.webex.com") });
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
        });
        let slots = match managed_by {
            None => self.add_partner_licenses(org),
            Some(_) => self.add_customer_licenses(org, ordinal),
        };
        self.license_slots.push(slots);
        // Last, because how many depends on the head count.
        let location_count = template.cities.len() + expected_people / PEOPLE_PER_EXTRA_LOCATION;
        for n in 0..location_count {
            self.add_location(org, template, n);
        }
        org
    }

    fn add_location(&mut self, org: OrgIdx, template: &'static OrgTemplate, n: usize) {
        let city = template.cities[n % template.cities.len()];
        let block = self.city_blocks.entry(city.name).or_insert(0);
        let number_block = *block % 10;
        *block += 1;
        let uuid = self.uuid(Thing::Location, org.get(), n);
        self.tenant.push_location(Location {
            uuid,
            id: ids::encode_uuid(IdType::Location, &uuid),
            org,
            city,
            routing_prefix: format!("8{:03}", n + 1),
        });
        let plan = NumberPlan::new(city, number_block, &mut self.rng);
        self.number_plans.push(plan);
    }
}
