//! Seeded generation of the demo tenant: a seed always yields the same ids,
//! names, numbers and dates.
//!
//! Ids are derived from the seed and what a thing is (the 3rd person of org
//! 2, the read-only admin of org 1), not drawn, and the random choices come
//! from separate ChaCha streams per org and per phase (admins, people,
//! inventory, license units, meetings, groups, subscribers). So the orgs,
//! their licenses and the admins keep their ids and names whatever
//! `--people` is, and a new random choice added to one phase does not
//! reshuffle the others.

mod admins;
mod calling;
mod catalogue;
mod drift;

pub(crate) use catalogue::ALL_CITIES;
mod groups;
mod inventory;
mod licenses;
mod meetings;
mod named;
mod numbers;
mod orgs;
mod people;
mod subscribers;

use std::collections::HashMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::{OrgIdx, Tenant};
use crate::ids;
use licenses::LicenseSlots;
use numbers::{CityNumbers, LocationPlan};

/// "Now" for the demo tenant (2026-11-01T09:00:00Z): fixed, so that dates
/// depend on the seed alone.
pub const REFERENCE_MS: i64 = 1_793_523_600_000;
const SECOND_MS: i64 = 1_000;
const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// Random streams: one per phase, and one per org from `ORG_STREAMS` on.
const ADMIN_STREAM: u64 = 1;
const PEOPLE_STREAM: u64 = 2;
const UNITS_STREAM: u64 = 3;
const INVENTORY_STREAM: u64 = 4;
const MEETINGS_STREAM: u64 = 5;
const GROUPS_STREAM: u64 = 6;
const SUBSCRIBERS_STREAM: u64 = 7;
const NAMED_STREAM: u64 = 8;
const ORG_STREAMS: u64 = 16;

/// The kind of thing a derived uuid names: the first part of its key.
#[derive(Debug, Clone, Copy)]
enum Thing {
    Org = 1,
    Location = 2,
    License = 3,
    Admin = 4,
    Person = 5,
    Group = 6,
    Service = 7,
    Subscriber = 8,
    Enterprise = 9,
    /// The named people of the Meetings troubleshooter (`named.rs`).
    Named = 10,
}

/// Builds the tenant: `people` in all (at least the seeded admins), one
/// partner org and `customers` customer orgs it manages. Each customer
/// also gets the five named people of the Meetings troubleshooter (`named.rs`).
pub fn generate(seed: u64, people: usize, customers: usize) -> Tenant {
    let mut generator = Generator::new(seed);
    let admin_count = 1 + 2 * customers + named::Cause::ALL.len() * customers;
    let bulk = split_people(people.saturating_sub(admin_count), customers);
    generator.use_stream(ORG_STREAMS);
    let partner = generator.add_org(&catalogue::PARTNER, 0, None, bulk[0]);
    let orgs: Vec<OrgIdx> = std::iter::once(partner)
        .chain((0..customers).map(|i| {
            let template = &catalogue::CUSTOMERS[i % catalogue::CUSTOMERS.len()];
            generator.use_stream(ORG_STREAMS + 1 + i as u64);
            generator.add_org(template, i, Some(partner), bulk[i + 1])
        }))
        .collect();
    generator.use_stream(ADMIN_STREAM);
    generator.seed_admins(&orgs);
    generator.use_stream(PEOPLE_STREAM);
    for (&org, &count) in orgs.iter().zip(&bulk) {
        for _ in 0..count {
            generator.add_person(org);
        }
    }
    generator.use_stream(NAMED_STREAM);
    for &org in &orgs[1..] {
        generator.add_named_people(org);
    }
    generator.use_stream(INVENTORY_STREAM);
    generator.add_spare_numbers();
    for &org in &orgs[1..] {
        generator.drift_work_numbers(org);
    }
    generator.use_stream(UNITS_STREAM);
    generator.settle_units();
    generator.use_stream(MEETINGS_STREAM);
    generator.seed_meeting_preferences();
    generator.settle_named_sessions();
    generator.use_stream(GROUPS_STREAM);
    for &org in &orgs {
        generator.add_groups(org);
    }
    generator.use_stream(SUBSCRIBERS_STREAM);
    for &org in &orgs[1..] {
        generator.add_subscribers(org);
    }
    generator.tenant.seed = seed;
    generator.tenant
}

/// Shares the non-admin people out: the partner gets a small team (2 %),
/// customers the rest, the first ones bigger than the last ones.
fn split_people(total: usize, customers: usize) -> Vec<usize> {
    if customers == 0 {
        return vec![total];
    }
    let partner = (total / 50).max(total.min(3));
    let rest = total - partner;
    let weights: Vec<usize> = (0..customers).map(|i| 2 * customers - i).collect();
    let weight_sum: usize = weights.iter().sum();
    let mut sizes: Vec<usize> = weights.iter().map(|w| rest * w / weight_sum).collect();
    let short = rest - sizes.iter().sum::<usize>();
    for size in sizes.iter_mut().take(short) {
        *size += 1;
    }
    std::iter::once(partner).chain(sizes).collect()
}

struct Generator {
    seed: u64,
    rng: ChaCha8Rng,
    tenant: Tenant,
    /// The number allocator of each city, shared by its locations.
    city_numbers: HashMap<&'static str, CityNumbers>,
    /// Per location, in location order.
    location_plans: Vec<LocationPlan>,
    /// Per org, in org order.
    license_slots: Vec<LicenseSlots>,
    /// Next suffix to try per `local@domain` base address.
    email_counters: HashMap<String, u32>,
    /// The named people of the Meetings troubleshooter, with their cause.
    named: Vec<(super::PersonIdx, named::Cause)>,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            tenant: Tenant::default(),
            city_numbers: HashMap::new(),
            location_plans: Vec::new(),
            license_slots: Vec::new(),
            email_counters: HashMap::new(),
            named: Vec::new(),
        }
    }

    /// Switches random draws to `stream` of the seed.
    fn use_stream(&mut self, stream: u64) {
        self.rng = ChaCha8Rng::seed_from_u64(self.seed);
        self.rng.set_stream(stream);
    }

    /// The uuid of the `n`-th `thing` of org `org`.
    fn uuid(&self, thing: Thing, org: usize, n: usize) -> Uuid {
        ids::derived_uuid(self.seed, &[thing as u64, org as u64, n as u64])
    }

    /// A draw in `0..bound` (0 when the bound is not positive).
    fn rng_below(&mut self, bound: i64) -> i64 {
        self.rng.random_range(0..bound.max(1))
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.random_range(0..100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    /// A fresh number in the city of `location`.
    fn fresh_number(&mut self, location: super::LocationIdx) -> u64 {
        let city = self.tenant.location(location).city;
        self.city_numbers.get_mut(city.name).expect("a city's numbers exist with its first location").fresh()
    }

    /// A time between `min_days` and `max_days` before the reference "now".
    fn days_ago(&mut self, min_days: i64, max_days: i64) -> i64 {
        REFERENCE_MS - self.rng.random_range(min_days * DAY_MS..max_days * DAY_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_gives_everyone_a_place() {
        for (total, customers) in [(0, 3), (5, 3), (1997, 3), (99_959, 20), (10, 0)] {
            let sizes = split_people(total, customers);
            assert_eq!(sizes.len(), customers + 1);
            assert_eq!(sizes.iter().sum::<usize>(), total, "{total} over {customers}");
        }
        let sizes = split_people(1997, 3);
        assert!(sizes[0] < sizes[3] && sizes[3] < sizes[1], "partner small, first customer biggest: {sizes:?}");
    }
}
