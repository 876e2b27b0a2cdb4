//! The line a Calling license is given with (C1, C2) and why a user cannot
//! have one (C3, C5). The work number is the only source: hubdesk never
//! guesses a number or an extension.

use super::hash::{FastMap, FastSet};
use super::model::{CallingLine, NumberFact, NumberProblem, OrgFacts, PersonFact};

/// The number inventory, with the numbers this plan has already given.
pub(crate) struct Numbers<'f> {
    by_number: FastMap<&'f str, &'f NumberFact>,
    calling_locations: FastSet<&'f str>,
    /// Numbers given earlier in the plan, with the display name of the user
    /// who got them (two users with one free number: the first wins).
    claimed: FastMap<&'f str, &'f str>,
}

impl<'f> Numbers<'f> {
    pub(crate) fn new(facts: &'f OrgFacts) -> Numbers<'f> {
        Numbers {
            by_number: facts.numbers.iter().map(|n| (n.phone_number.as_str(), n)).collect(),
            calling_locations: facts.calling_locations.iter().map(String::as_str).collect(),
            claimed: FastMap::default(),
        }
    }

    /// C2: the work number must be E.164, in the inventory of a location
    /// enabled for Calling, and held by nobody (checks in that order, the
    /// first failing one is the C5 diagnosis).
    pub(crate) fn check(&self, person: &'f PersonFact) -> Result<&'f NumberFact, NumberProblem> {
        let typed = person.work_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let number = typed.ok_or(NumberProblem::NoWorkNumber)?;
        if !is_e164(number) {
            return Err(NumberProblem::NotE164 { number: number.to_string() });
        }
        let fact = self.by_number.get(number).ok_or_else(|| NumberProblem::NotInInventory { number: number.into() })?;
        if !self.calling_locations.contains(fact.location_id.as_str()) {
            return Err(NumberProblem::LocationNotCalling {
                number: number.to_string(),
                location_id: fact.location_id.clone(),
            });
        }
        let owner = fact.owner.as_deref().filter(|&o| o != person.id).or_else(|| self.claimed.get(number).copied());
        match owner {
            Some(owner) => Err(NumberProblem::TakenBy { number: number.to_string(), owner: owner.to_string() }),
            None => Ok(fact),
        }
    }

    /// Marks the number as given to `person` and returns the line to send.
    pub(crate) fn claim(&mut self, fact: &'f NumberFact, person: &'f PersonFact) -> CallingLine {
        self.claimed.insert(&fact.phone_number, &person.display_name);
        CallingLine {
            location_id: fact.location_id.clone(),
            phone_number: Some(fact.phone_number.clone()),
            extension: None,
        }
    }
}

/// E.164 as Webex Calling takes it: `+`, 8 to 15 digits, nothing else, and
/// starting with an assigned ITU-T country code.
pub(crate) fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && COUNTRY_CODES.iter().any(|cc| digits.starts_with(cc))
}

/// ITU-T E.164 country codes in service (a prefix-free set: no code
/// starts another), including the international networks (+800, +808,
/// +870, +881–+883, +979).
const COUNTRY_CODES: &[&str] = &[
    "1", "7", //
    "20", "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
    "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243", "244", "245",
    "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258", "260", "261", "262",
    "263", "264", "265", "266", "267", "268", "269", "27", "290", "291", "297", "298", "299", //
    "30", "31", "32", "33", "34", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "36", "370",
    "371", "372", "373", "374", "375", "376", "377", "378", "379", "380", "381", "382", "383", "385", "386", "387",
    "389", "39", //
    "40", "41", "420", "421", "423", "43", "44", "45", "46", "47", "48", "49", //
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509", "51", "52", "53", "54", "55", "56", "57",
    "58", "590", "591", "592", "593", "594", "595", "596", "597", "598", "599", //
    "60", "61", "62", "63", "64", "65", "66", "670", "672", "673", "674", "675", "676", "677", "678", "679", "680",
    "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692", //
    "800", "808", "81", "82", "84", "850", "852", "853", "855", "856", "86", "870", "878", "880", "881", "882", "883",
    "886", "888", //
    "90", "91", "92", "93", "94", "95", "960", "961", "962", "963", "964", "965", "966", "967", "968", "970", "971",
    "972", "973", "974", "975", "976", "977", "979", "98", "992", "993", "994", "995", "996", "998",
];
