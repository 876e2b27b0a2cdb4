//! Work numbers and extensions of one location.
//!
//! Numbers are E.164 in the location's city, `+<cc><area><block><digits>`,
//! unique in the tenant (the block digit separates locations in the same
//! city). The directory numbers of people without Calling follow the mix
//! the Calling rules need (rules.md C2–C5): most valid, some missing, some
//! malformed, some already used by a Calling user.

use rand::Rng;

use super::super::location::City;

/// Odd prime stride: walks the whole span in a scrambled order without repeats.
const STRIDE: u64 = 7919;

pub struct NumberPlan {
    city: &'static City,
    block: u8,
    span: u64,
    start: u64,
    issued: u64,
    next_extension: u32,
    last_calling_number: Option<Box<str>>,
}

/// What a person's directory work number looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DirectoryNumber {
    Valid,
    Missing,
    Malformed,
    /// The number of a Calling user of the same location (rule C2 c).
    TakenByCallingUser,
}

impl NumberPlan {
    pub fn new(city: &'static City, block: u8, rng: &mut impl Rng) -> NumberPlan {
        let span = 10u64.pow(city.free_digits() as u32);
        NumberPlan {
            city,
            block,
            span,
            start: rng.random_range(0..span),
            issued: 0,
            next_extension: 1000,
            last_calling_number: None,
        }
    }

    /// A number nobody has had yet. Wraps (and repeats) only past the span:
    /// 100,000 numbers for the shortest plans, more than a location gets.
    pub fn fresh_number(&mut self) -> String {
        let n = (self.start + self.issued * STRIDE) % self.span;
        self.issued += 1;
        let width = self.city.free_digits();
        format!("+{}{}{}{n:0width$}", self.city.country_code, self.city.area, self.block)
    }

    pub fn next_extension(&mut self) -> String {
        self.next_extension += 1;
        (self.next_extension - 1).to_string()
    }

    /// Number and extension of a new Calling user: at least one of them (rule C1).
    pub fn calling_line(&mut self, rng: &mut impl Rng) -> (Option<String>, Option<String>) {
        let (number, extension) = match rng.random_range(0..100) {
            0..10 => (Some(self.fresh_number()), None),
            10..25 => (None, Some(self.next_extension())),
            _ => (Some(self.fresh_number()), Some(self.next_extension())),
        };
        if let Some(n) = &number {
            self.last_calling_number = Some(n.as_str().into());
        }
        (number, extension)
    }

    /// The directory work number of someone without Calling.
    pub fn directory_number(&mut self, rng: &mut impl Rng) -> Option<String> {
        let kind = match rng.random_range(0..100) {
            0..15 => DirectoryNumber::Missing,
            15..28 => DirectoryNumber::Malformed,
            28..36 => DirectoryNumber::TakenByCallingUser,
            _ => DirectoryNumber::Valid,
        };
        match kind {
            DirectoryNumber::Missing => None,
            DirectoryNumber::Malformed => {
                let valid = self.fresh_number();
                Some(self.malform(&valid, rng.random_range(0..4)))
            }
            DirectoryNumber::TakenByCallingUser => {
                Some(self.last_calling_number.as_deref().map(str::to_string).unwrap_or_else(|| self.fresh_number()))
            }
            DirectoryNumber::Valid => Some(self.fresh_number()),
        }
    }

    /// Mistakes people make typing numbers into a directory; none is E.164.
    fn malform(&self, valid: &str, variant: u8) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::catalogue::ALL_CITIES;
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    fn is_strict_e164(number: &str) -> bool {
        number.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
    }

    fn is_valid_number(number: &str) -> bool {
        phonenumber::parse(None, number).is_ok_and(|n| phonenumber::is_valid(&n))
    }

    #[test]
    fn fresh_numbers_are_valid_e164_and_unique() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for city in ALL_CITIES {
            let mut plan = NumberPlan::new(city, 7, &mut rng);
            let numbers: Vec<String> = (0..2000).map(|_| plan.fresh_number()).collect();
            for n in &numbers {
                assert!(is_strict_e164(n) && is_valid_number(n), "{n} ({}) is not a valid E.164 number", city.name);
            }
            assert_eq!(numbers.iter().collect::<HashSet<_>>().len(), numbers.len(), "{} repeats", city.name);
        }
    }

    #[test]
    fn malformed_numbers_are_never_e164() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for city in ALL_CITIES {
            let mut plan = NumberPlan::new(city, 0, &mut rng);
            for variant in 0..4 {
                let valid = plan.fresh_number();
                let bad = plan.malform(&valid, variant);
                assert!(!(is_strict_e164(&bad) && is_valid_number(&bad)), "{bad} passes as E.164");
            }
        }
    }

    #[test]
    fn calling_users_always_get_a_number_or_an_extension() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let mut plan = NumberPlan::new(&super::super::catalogue::PARIS, 1, &mut rng);
        for _ in 0..500 {
            let (number, extension) = plan.calling_line(&mut rng);
            assert!(number.is_some() || extension.is_some());
        }
    }
}
