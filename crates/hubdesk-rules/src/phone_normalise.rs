//! A typed work number made E.164 when one can be made (C4, C5), and why
//! not when it cannot: a missing `+`, spaces and dashes, the `00`
//! international prefix and a national number in the country of the user's
//! or the number's location are what directories hold. libphonenumber's
//! rules decide what is valid; nothing is guessed beyond them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the number was made E.164, for the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum Normalised {
    /// Already E.164 as typed.
    AsTyped { e164: String },
    /// Spaces, dashes, dots or brackets taken out, or `00` read as `+`.
    Reformatted { e164: String },
    /// The country code was there without its `+` (a spreadsheet strips it).
    MissingPlus { e164: String },
    /// A national number, read in the country `region` (ISO 3166 alpha-2).
    National { e164: String, region: String },
}

impl Normalised {
    pub fn e164(&self) -> &str {
        match self {
            Normalised::AsTyped { e164 }
            | Normalised::Reformatted { e164 }
            | Normalised::MissingPlus { e164 }
            | Normalised::National { e164, .. } => e164,
        }
    }
}

/// Why no E.164 number could be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum NotNormalised {
    Empty,
    /// Letters or other signs no number has ("1-800-FLOWERS", "ext. 12").
    NotANumber,
    /// A national number, and no country to read it in.
    NoCountry,
    /// Not a valid number of any country the text or `region` points at.
    Invalid {
        region: Option<String>,
    },
}

/// Longest text worth parsing: a number with every separator is far shorter.
const LONGEST: usize = 64;

/// Makes `typed` E.164: as typed, reformatted, with its missing `+`, or as a
/// national number of `region` (the location's country, ISO alpha-2).
pub fn normalise(typed: &str, region: Option<&str>) -> Result<Normalised, NotNormalised> {
    normalise_known(typed, region, &|_| false)
}

/// `normalise`, taking a number `known` holds (the org's inventory: Webex
/// routes it, so it is valid) without asking libphonenumber, whose parse is
/// most of a report's time. Each reading keeps its place in the order; a
/// reading whose plain spelling is not known is parsed as before.
pub fn normalise_known(
    typed: &str,
    region: Option<&str>,
    known: &dyn Fn(&str) -> bool,
) -> Result<Normalised, NotNormalised> {
    let text = typed.trim();
    if text.is_empty() {
        return Err(NotNormalised::Empty);
    }
    if text.len() > LONGEST || !text.chars().all(|c| c.is_ascii_digit() || " +-./()\u{a0}".contains(c)) {
        return Err(NotNormalised::NotANumber);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let plus = text.starts_with('+');
    if text.matches('+').count() > usize::from(plus) || digits.is_empty() {
        return Err(NotNormalised::NotANumber);
    }
    let region_id = region.and_then(|r| r.trim().to_ascii_uppercase().parse::<phonenumber::country::Id>().ok());
    let region_name = region_id.map(|id| id.as_ref().to_owned());
    let international = if plus { Some(digits.clone()) } else { digits.strip_prefix("00").map(str::to_owned) };
    if let Some(international) = international {
        let plain = format!("+{international}");
        let e164 = match known(&plain) {
            true => plain,
            false => valid(None, &plain).ok_or(NotNormalised::Invalid { region: None })?,
        };
        return Ok(match e164 == text {
            true => Normalised::AsTyped { e164 },
            false => Normalised::Reformatted { e164 },
        });
    }
    // A national number of the location's country comes first: "4085267209"
    // is a US number in the US, though "+40..." would be Romanian.
    if let Some(id) = region_id {
        let plain = national_plain(id, &digits).filter(|n| known(n));
        if let Some(e164) = plain.or_else(|| valid(Some(id), &digits)) {
            return Ok(Normalised::National { e164, region: region_name.unwrap_or_default() });
        }
    }
    let plain = format!("+{digits}");
    if let Some(e164) = known(&plain).then_some(plain).or_else(|| valid(None, &format!("+{digits}"))) {
        return Ok(Normalised::MissingPlus { e164 });
    }
    match region_id {
        Some(_) => Err(NotNormalised::Invalid { region: region_name }),
        None => Err(NotNormalised::NoCountry),
    }
}

/// E.164 caps a number at 15 digits: libphonenumber's patterns accept some
/// longer German numbers ("+49 35747949357479"), which Webex could not route.
const MOST_DIGITS: usize = 15;

/// A national number as E.164 by its plain spelling: the country code, then
/// the digits without the country's trunk prefix (`0` in most of Europe).
fn national_plain(region: phonenumber::country::Id, digits: &str) -> Option<String> {
    let metadata = phonenumber::metadata::DATABASE.by_id(region.as_ref())?;
    let national = match metadata.national_prefix() {
        Some(prefix) => digits.strip_prefix(prefix).unwrap_or(digits),
        None => digits,
    };
    Some(format!("+{}{national}", metadata.country_code()))
}

fn valid(region: Option<phonenumber::country::Id>, text: &str) -> Option<String> {
    let number = phonenumber::parse(region, text).ok()?;
    // What `format().mode(E164)` writes, without the national formats it
    // matches first for other modes (a third of a parse's time).
    let e164 = format!("+{}{}", number.country().code(), number.national());
    (phonenumber::is_valid(&number) && e164.len() - 1 <= MOST_DIGITS).then_some(e164)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(typed: &str, region: Option<&str>) -> Result<String, NotNormalised> {
        normalise(typed, region).map(|n| n.e164().to_owned())
    }

    #[test]
    fn c4_spellings_a_directory_holds_become_e164() {
        assert_eq!(normalise("+4533141647", None), Ok(Normalised::AsTyped { e164: "+4533141647".into() }));
        assert_eq!(normalise("+45 33 14-16 47", None), Ok(Normalised::Reformatted { e164: "+4533141647".into() }));
        assert_eq!(normalise("004533141647", None), Ok(Normalised::Reformatted { e164: "+4533141647".into() }));
        assert_eq!(normalise("4533141647", None), Ok(Normalised::MissingPlus { e164: "+4533141647".into() }));
        assert_eq!(
            normalise("33 14 16 47", Some("dk")),
            Ok(Normalised::National { e164: "+4533141647".into(), region: "DK".into() })
        );
        assert_eq!(made("(408) 526-7209", Some("US")), Ok("+14085267209".into()));
        assert_eq!(made("08-123 456 78", Some("SE")), Ok("+46812345678".into()));
    }

    #[test]
    fn c4_the_location_country_wins_over_a_missing_plus() {
        // A US national number, which would also read as Romanian with a "+".
        assert_eq!(made("4085267209", Some("US")), Ok("+14085267209".into()));
    }

    #[test]
    fn c4_a_number_of_the_inventory_is_read_as_libphonenumber_reads_it() {
        let inventory = ["+4533141647", "+46812345678", "+14085267209"];
        let known = |n: &str| inventory.contains(&n);
        for (typed, region) in [
            ("+4533141647", None),
            ("+45 33 14-16 47", None),
            ("004533141647", None),
            ("4533141647", None),
            ("33 14 16 47", Some("DK")),
            ("08-123 456 78", Some("SE")),
            ("(408) 526-7209", Some("US")),
            ("4085267209", Some("US")),
        ] {
            assert_eq!(normalise_known(typed, region, &known), normalise(typed, region), "{typed} in {region:?}");
        }
        // Not in the inventory: libphonenumber still decides.
        assert_eq!(
            normalise_known("123", Some("DK"), &known),
            Err(NotNormalised::Invalid { region: Some("DK".into()) })
        );
    }

    #[test]
    fn c5_says_why_no_number_could_be_made() {
        assert_eq!(normalise("  ", None), Err(NotNormalised::Empty));
        assert_eq!(normalise("1-800-FLOWERS", Some("US")), Err(NotNormalised::NotANumber));
        assert_eq!(normalise("+45++33", None), Err(NotNormalised::NotANumber));
        assert_eq!(normalise("33 14 16 47", None), Err(NotNormalised::NoCountry));
        assert_eq!(normalise("123", Some("DK")), Err(NotNormalised::Invalid { region: Some("DK".into()) }));
        assert_eq!(normalise("+4533", None), Err(NotNormalised::Invalid { region: None }));
        assert_eq!(normalise(&"1".repeat(200), None), Err(NotNormalised::NotANumber));
        // Found by fuzzing: libphonenumber takes this for German, E.164 has no room for it.
        assert_eq!(normalise("4935747949357479", None), Err(NotNormalised::NoCountry));
        assert_eq!(normalise("33141647", Some("XX")), Err(NotNormalised::NoCountry), "an unknown country is none");
    }
}
