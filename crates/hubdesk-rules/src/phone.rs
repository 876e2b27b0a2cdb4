//! Phone numbers for reading. Webex keeps a person's number as it was typed
//! (`+453316540499`, `004533141647`); the users table shows a valid one in
//! the international format (`+45 33 14 16 47`) and any other as it is,
//! marked, since only an E.164 number can be routed by Webex Calling.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stored number as the users table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadableNumber {
    /// The international format when `valid`; else the number as stored.
    pub display: String,
    /// A valid E.164 number (by libphonenumber's rules for its country).
    pub valid: bool,
}

/// Reads a stored number: `+` or `00` then the country code, spaces, dashes,
/// dots, slashes and brackets allowed. Letters are refused rather than read
/// as a keypad's digits ("1-800-FLOWERS"): in a directory they are a typo.
pub fn readable_number(stored: &str) -> ReadableNumber {
    let raw = ReadableNumber { display: stored.to_owned(), valid: false };
    let Some(international) = international(stored) else { return raw };
    match phonenumber::parse(None, &international) {
        Ok(number) if phonenumber::is_valid(&number) => {
            ReadableNumber { display: number.format().mode(phonenumber::Mode::International).to_string(), valid: true }
        }
        _ => raw,
    }
}

/// Loads libphonenumber's metadata (about 50 ms on first use) on a thread
/// of its own, once per process, so the first window of users that shows
/// numbers does not pay for it.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| readable_number("+4533165404"));
    });
}

/// Whether `digits` (an E.164 number without its `+`) starts with a country
/// code in service, by libphonenumber's metadata (the international
/// networks +800, +808, +870, +881–+883, +979 included). Country codes are
/// prefix-free, so the first of 1, 2 or 3 digits that is one decides.
pub fn has_country_code(digits: &str) -> bool {
    static CODES: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let database = &phonenumber::metadata::DATABASE;
        (0..1000u16).map(|code| database.by_code(&code).is_some()).collect()
    });
    // No code starts with 0 (the metadata keeps 0 for numbers of no country).
    !digits.starts_with('0')
        && (1..=3.min(digits.len())).any(|len| digits[..len].parse::<usize>().is_ok_and(|code| codes[code]))
}

/// The number with a leading `+`, if it has one or the international `00`
/// prefix and holds nothing but digits and the usual separators.
fn international(stored: &str) -> Option<String> {
    let trimmed = stored.trim();
    if !trimmed.chars().all(|c| c.is_ascii_digit() || " +-./()\u{a0}".contains(c)) {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if let Some(rest) = trimmed.strip_prefix('+') {
        // One plus, at the start.
        return (!rest.contains('+')).then(|| format!("+{digits}"));
    }
    if trimmed.contains('+') {
        return None;
    }
    digits.strip_prefix("00").map(|rest| format!("+{rest}"))
}

/// How numbers sort: the digits after `+` or `00`, else every digit (a
/// national number, which sorts among the others by its digits). Cheap
/// enough to compute for every person a sync writes, unlike the parse above.
pub fn number_sort_key(stored: &str) -> String {
    let trimmed = stored.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        return digits;
    }
    match digits.strip_prefix("00") {
        Some(rest) => rest.to_owned(),
        None => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(stored: &str) -> (String, bool) {
        let n = readable_number(stored);
        (n.display, n.valid)
    }

    #[test]
    fn a_valid_number_is_shown_in_the_international_format() {
        assert_eq!(shown("+4533165404"), ("+45 33 16 54 04".into(), true));
        assert_eq!(shown("+45 33 16 54 04"), ("+45 33 16 54 04".into(), true));
        assert_eq!(shown("+1 (415) 555-2671"), ("+1 415-555-2671".into(), true));
    }

    #[test]
    fn a_00_prefix_is_read_as_international() {
        assert_eq!(shown("004533141647"), ("+45 33 14 16 47".into(), true));
        assert_eq!(shown("0045 3314 1647"), ("+45 33 14 16 47".into(), true));
    }

    #[test]
    fn anything_else_is_shown_as_stored_and_marked_invalid() {
        for stored in [
            "+453316540499", // two digits too many for Denmark
            "+45 33",        // too short
            "+45 33 CALL ME",
            "+1-800-FLOWERS",
            "33 16 54 04", // no country
            "0033",
            "",
            "   ",
            "+",
            "++4533165404",
            "45+33165404",
            "abc",
        ] {
            assert_eq!(shown(stored), (stored.to_owned(), false), "{stored:?}");
        }
    }

    #[test]
    fn numbers_sort_by_their_international_digits() {
        assert_eq!(number_sort_key("+45 33 16 54 04"), "4533165404");
        assert_eq!(number_sort_key("004533141647"), "4533141647");
        assert_eq!(number_sort_key("33 16 54 04"), "33165404");
        assert_eq!(number_sort_key("abc"), "");
    }

    /// C2: a number routes only with a country code in service.
    #[test]
    fn c2_country_codes_come_from_libphonenumber() {
        for good in ["4533000001", "14085267209", "97150123456", "80012345678", "979123456789", "88213"] {
            assert!(has_country_code(good), "{good}");
        }
        // 280 and 210 are spare codes, 0 is none, and an empty number has none.
        for bad in ["2801234567", "2103300001", "0533000001", ""] {
            assert!(!has_country_code(bad), "{bad}");
        }
    }
}
