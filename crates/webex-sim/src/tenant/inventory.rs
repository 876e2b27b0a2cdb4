//! The Webex Calling number inventory of one location: every phone number
//! provisioned there (owned or available), and every extension in use.
//!
//! It is the single source of truth for who holds a number: a Calling user's
//! number is the one the inventory says they own, and `GET
//! /v1/telephony/config/numbers` lists exactly this. Numbers are kept as
//! their E.164 digits in a `u64` (sorted, eight bytes each), so a million
//! people's numbers stay small.

use std::collections::BTreeMap;

use super::PersonIdx;

/// Who holds a number or an extension: a person, or a service of the
/// location (by its index in `Location::services`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Owner {
    Person(PersonIdx),
    Service(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NumberEntry {
    pub owner: Option<Owner>,
    /// `state`: ACTIVE, or INACTIVE for numbers not yet activated (ported).
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExtensionEntry {
    pub owner: Owner,
    /// The owner's number at this location, when it has one.
    pub number: Option<u64>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Inventory {
    numbers: BTreeMap<u64, NumberEntry>,
    extensions: BTreeMap<u64, ExtensionEntry>,
    /// The location's main number (its caller id): `mainNumber: true`.
    pub main_number: Option<u64>,
}

impl Inventory {
    pub fn add_number(&mut self, number: u64, owner: Option<Owner>, active: bool) {
        self.numbers.insert(number, NumberEntry { owner, active });
    }

    pub fn number(&self, number: u64) -> Option<NumberEntry> {
        self.numbers.get(&number).copied()
    }

    /// Sets who holds a number already in the inventory.
    pub fn set_owner(&mut self, number: u64, owner: Option<Owner>) {
        if let Some(entry) = self.numbers.get_mut(&number) {
            entry.owner = owner;
        }
    }

    pub fn extension(&self, extension: u64) -> Option<ExtensionEntry> {
        self.extensions.get(&extension).copied()
    }

    pub fn add_extension(&mut self, extension: u64, entry: ExtensionEntry) {
        self.extensions.insert(extension, entry);
    }

    pub fn remove_extension(&mut self, extension: u64) {
        self.extensions.remove(&extension);
    }

    /// Every number, ascending.
    pub fn numbers(&self) -> impl Iterator<Item = (u64, NumberEntry)> + '_ {
        self.numbers.iter().map(|(&n, &e)| (n, e))
    }

    /// Extensions whose owner has no number here, ascending: the
    /// inventory's extension-only entries.
    pub fn extension_only(&self) -> impl Iterator<Item = (u64, Owner)> + '_ {
        self.extensions.iter().filter(|(_, e)| e.number.is_none()).map(|(&x, e)| (x, e.owner))
    }
}

/// `+<8 to 15 digits>`, no leading zero: the E.164 numbers Calling accepts.
pub fn parse_e164(text: &str) -> Option<u64> {
    let digits = text.strip_prefix('+')?;
    let well_formed =
        (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    well_formed.then(|| digits.parse().ok()).flatten()
}

pub fn format_e164(number: u64) -> String {
    format!("+{number}")
}

/// An extension: 2 to 10 digits, not starting with 0.
pub fn parse_extension(text: &str) -> Option<u64> {
    let well_formed =
        (2..=10).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    well_formed.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_strict_e164_and_extensions() {
        assert_eq!(parse_e164("+4533123456"), Some(4_533_123_456));
        assert_eq!(format_e164(4_533_123_456), "+4533123456");
        for bad in ["4533123456", "+45 33 12 34 56", "+0123456789", "+1234567", "+1234567890123456", "0033142"] {
            assert_eq!(parse_e164(bad), None, "{bad}");
        }
        assert_eq!(parse_extension("1234"), Some(1234));
        for bad in ["1", "0123", "12a4", "12345678901"] {
            assert_eq!(parse_extension(bad), None, "{bad}");
        }
    }

    #[test]
    fn extension_only_entries_are_those_without_a_number() {
        let mut inventory = Inventory::default();
        let someone = Owner::Person(PersonIdx::of(1));
        inventory.add_number(4_533_000_001, Some(someone), true);
        inventory.add_extension(1001, ExtensionEntry { owner: someone, number: Some(4_533_000_001) });
        inventory.add_extension(1002, ExtensionEntry { owner: Owner::Person(PersonIdx::of(2)), number: None });
        assert_eq!(inventory.extension_only().map(|(x, _)| x).collect::<Vec<_>>(), vec![1002]);
        inventory.set_owner(4_533_000_001, None);
        assert_eq!(inventory.number(4_533_000_001).unwrap().owner, None);
    }
}
