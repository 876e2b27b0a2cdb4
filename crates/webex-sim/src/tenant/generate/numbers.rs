//! Seeded phone numbers and extensions.
//!
//! Numbers are E.164 in a city, `+<cc><area><block><digits>`. All the
//! locations of a city share one allocator, so a number is never handed out
//! twice in the tenant: it walks block 1 in a scrambled order, then block 2,
//! up to block 9 (every block is valid in every catalogue city; 0 is not in
//! Denmark). That is 900,000 numbers for the tightest plan (Danish), more
//! than a city gets even with a million people.

use rand::Rng;

use super::super::location::City;

/// Odd prime stride: walks a block's span in a scrambled order without repeats.
const STRIDE: u64 = 7919;
const BLOCKS: u64 = 9;

/// The number allocator of one city.
pub struct CityNumbers {
    city: &'static City,
    /// Country code and area as one number: the digits before the block.
    prefix: u64,
    span: u64,
    start: u64,
    issued: u64,
}

impl CityNumbers {
    pub fn new(city: &'static City, rng: &mut impl Rng) -> CityNumbers {
        let span = 10u64.pow(city.free_digits() as u32);
        let prefix = format!("{}{}", city.country_code, city.area).parse().expect("catalogue digits");
        CityNumbers { city, prefix, span, start: rng.random_range(0..span), issued: 0 }
    }

    /// A number nobody has had yet, as E.164 digits. Past the last block
    /// (never reached by the sizes the simulator supports) it wraps.
    pub fn fresh(&mut self) -> u64 {
        let block = 1 + (self.issued / self.span) % BLOCKS;
        let within = (self.start + (self.issued % self.span) * STRIDE) % self.span;
        self.issued += 1;
        (self.prefix * 10 + block) * self.span + within
    }

    /// Mistakes people make typing numbers into a directory; none is E.164.
    pub fn malform(&self, valid: u64, variant: u8) -> String {
        let valid = format!("+{valid}");
        let cc = self.city.country_code;
        let national = &valid[1 + cc.len()..];
        match variant {
            0 => format!("{}{national}", self.city.trunk_prefix),
            1 => format!("00{cc}{national}"),
            2 => valid[..valid.len() - 3].to_string(),
            _ => format!("{valid}99"),
        }
    }
}

/// Per location: the next free extension, the last Calling number handed
/// out (the number a careless directory entry copies, rule C2 c), and the
/// services' numbers.
pub struct LocationPlan {
    next_extension: u64,
    pub last_calling_number: Option<u64>,
    /// Numbers of the location's services (rule C2 c: held by a service).
    pub service_numbers: Vec<u64>,
}

impl Default for LocationPlan {
    fn default() -> Self {
        LocationPlan { next_extension: 1000, last_calling_number: None, service_numbers: Vec::new() }
    }
}

impl LocationPlan {
    pub fn next_extension(&mut self) -> u64 {
        self.next_extension += 1;
        self.next_extension - 1
    }
}

/// What a non-Calling person's directory work number looks like: every way
/// rules C2–C5 can fail, and the valid case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectoryNumber {
    /// E.164, free in the inventory of a Calling location: auto-assignment works.
    Valid,
    Missing,
    Malformed,
    /// E.164, but provisioned nowhere in Webex Calling.
    NotInInventory,
    /// The number of a Calling user of the same location.
    TakenByUser,
    /// The number of a service (auto attendant, hunt group...).
    TakenByService,
    /// In the inventory of the org's location that is not enabled for Calling.
    AtDisabledLocation,
}

impl DirectoryNumber {
    pub fn draw(rng: &mut impl Rng) -> DirectoryNumber {
        match rng.random_range(0..100) {
            0..12 => DirectoryNumber::Missing,
            12..22 => DirectoryNumber::Malformed,
            22..30 => DirectoryNumber::NotInInventory,
            30..36 => DirectoryNumber::TakenByUser,
            36..39 => DirectoryNumber::TakenByService,
            39..45 => DirectoryNumber::AtDisabledLocation,
            _ => DirectoryNumber::Valid,
        }
    }
}

/// Number and extension of a new Calling user: at least one of them (rule C1).
pub fn calling_line(
    numbers: &mut CityNumbers,
    plan: &mut LocationPlan,
    rng: &mut impl Rng,
) -> (Option<u64>, Option<u64>) {
    let (number, extension) = match rng.random_range(0..100) {
        0..10 => (Some(numbers.fresh()), None),
        10..25 => (None, Some(plan.next_extension())),
        _ => (Some(numbers.fresh()), Some(plan.next_extension())),
    };
    if number.is_some() {
        plan.last_calling_number = number;
    }
    (number, extension)
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::ALL_CITIES;
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    fn is_valid_number(number: &str) -> bool {
        phonenumber::parse(None, number).is_ok_and(|n| phonenumber::is_valid(&n))
    }

    #[test]
    fn fresh_numbers_are_valid_e164_and_unique_across_blocks() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for city in ALL_CITIES {
            let mut numbers = CityNumbers::new(city, &mut rng);
            let mut seen = HashSet::new();
            for i in 0..3000u64 {
                let n = numbers.fresh();
                assert!(seen.insert(n), "{} repeats {n}", city.name);
                let text = format!("+{n}");
                assert!(crate::tenant::parse_e164(&text).is_some(), "{text}");
                if i % 100 == 0 {
                    assert!(is_valid_number(&text), "{text} ({}) is not a valid number", city.name);
                }
            }
            // The first number of every block is valid too.
            for block in 1..BLOCKS {
                numbers.issued = block * numbers.span;
                let text = format!("+{}", numbers.fresh());
                assert!(is_valid_number(&text), "{text} ({} block {})", city.name, block + 1);
            }
        }
    }

    #[test]
    fn malformed_numbers_are_never_e164() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for city in ALL_CITIES {
            let mut numbers = CityNumbers::new(city, &mut rng);
            for variant in 0..4 {
                let valid = numbers.fresh();
                let bad = numbers.malform(valid, variant);
                assert!(!(crate::tenant::parse_e164(&bad).is_some() && is_valid_number(&bad)), "{bad} passes");
            }
        }
    }

    #[test]
    fn calling_users_always_get_a_number_or_an_extension() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let mut numbers = CityNumbers::new(&super::super::catalogue::PARIS, &mut rng);
        let mut plan = LocationPlan::default();
        for _ in 0..500 {
            let (number, extension) = calling_line(&mut numbers, &mut plan, &mut rng);
            assert!(number.is_some() || extension.is_some());
        }
    }
}
