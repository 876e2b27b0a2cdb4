//! The work-number normaliser (C4, C5) on any text and any region: it must
//! never panic, and what it calls E.164 must be `+` and at most 15 digits that
//! libphonenumber reads back as the same number, and an inventory holding
//! that number does not change what the text reads as.
#![no_main]

use hubdesk_rules::phone_normalise::{normalise, normalise_known};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first line is the region (often a real one, often junk), the rest the number.
    let (region, typed) = text.split_once('\n').unwrap_or(("", text));
    let region = (!region.is_empty()).then_some(region);
    if let Ok(made) = normalise(typed, region) {
        let e164 = made.e164();
        let digits = e164.strip_prefix('+').expect("E.164 starts with +");
        assert!((3..=15).contains(&digits.len()), "{e164} from {typed:?}");
        assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{e164} from {typed:?}");
        // Normalising the result again keeps it as it is.
        let again = normalise(e164, None).expect("an E.164 number stays valid");
        assert_eq!(again.e164(), e164, "from {typed:?}");
        // An inventory holding that number reads the text as the same number.
        let known = normalise_known(typed, region, &|n| n == e164).expect("known, so read");
        assert_eq!(known.e164(), e164, "from {typed:?} with {e164} in the inventory");
    }
});
