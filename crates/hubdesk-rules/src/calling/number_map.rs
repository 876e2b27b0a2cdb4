//! Phone numbers as map keys without keeping their text: `+` and up to 17
//! digits pack into one integer (the digits' value and their count, so
//! that a leading zero still counts). An import holds every number of an
//! org of 100,000 users this way, and a string each was a third of its time
//! in allocating and freeing (docs/benchmarks.md). Any other text is kept
//! as it is, so nothing is ever confused with anything else.

use crate::templates::hash::FastMap;

#[derive(Debug, Clone, Default)]
pub struct NumberMap<V> {
    packed: FastMap<u64, V>,
    other: FastMap<Box<str>, V>,
}

/// The numbers of an inventory: whether it holds one.
pub type NumberSet = NumberMap<()>;

/// Most digits packed: 10^17 times 32 still fits in 64 bits.
const MOST_DIGITS: usize = 17;

/// `+` and 1 to 17 digits as one integer: their value times 32, plus their count.
fn pack(number: &str) -> Option<u64> {
    let digits = number.strip_prefix('+')?;
    if digits.is_empty() || digits.len() > MOST_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.bytes().fold(0u64, |value, b| value * 10 + u64::from(b - b'0'));
    Some(value * 32 + digits.len() as u64)
}

impl<V> NumberMap<V> {
    pub(crate) fn get(&self, number: &str) -> Option<&V> {
        match pack(number) {
            Some(key) => self.packed.get(&key),
            None => self.other.get(number),
        }
    }

    pub(crate) fn contains(&self, number: &str) -> bool {
        self.get(number).is_some()
    }
}

impl NumberMap<u32> {
    /// Keeps the lowest position given for `number`: the first in the org's order.
    pub(crate) fn keep_first(&mut self, number: &str, at: u32) {
        let slot = match pack(number) {
            Some(key) => self.packed.entry(key).or_insert(at),
            None => self.other.entry(number.into()).or_insert(at),
        };
        *slot = (*slot).min(at);
    }
}

impl NumberSet {
    pub fn insert(&mut self, number: &str) {
        match pack(number) {
            Some(key) => self.packed.insert(key, ()),
            None => self.other.insert(number.into(), ()),
        };
    }
}

impl<'a> FromIterator<&'a str> for NumberSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(numbers: I) -> NumberSet {
        let mut set = NumberSet::default();
        numbers.into_iter().for_each(|n| set.insert(n));
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_told_apart_by_every_digit_and_by_leading_zeros() {
        let set: NumberSet =
            ["+4533141647", "+04533141647", "+12345678901234567", "33 14 16 47", "+123456789012345678"]
                .into_iter()
                .collect();
        for kept in ["+4533141647", "+04533141647", "+12345678901234567", "33 14 16 47", "+123456789012345678"] {
            assert!(set.contains(kept), "{kept}");
        }
        for other in ["+4533141648", "+004533141647", "4533141647", "+", "", "+12345678901234568", "+45 33141647"] {
            assert!(!set.contains(other), "{other}");
        }
    }

    #[test]
    fn the_first_position_of_a_number_is_kept_whatever_the_order_it_comes_in() {
        let mut first = NumberMap::default();
        first.keep_first("+4533141647", 7);
        first.keep_first("+4533141647", 3);
        first.keep_first("+4533141647", 9);
        first.keep_first("ext. 12", 5);
        first.keep_first("ext. 12", 2);
        assert_eq!(first.get("+4533141647"), Some(&3));
        assert_eq!(first.get("ext. 12"), Some(&2));
        assert_eq!(first.get("+4533141648"), None);
    }
}
