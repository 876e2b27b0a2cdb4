//! The users table's filters as words of the search index. Each person's
//! indexed words include their account status, each license they hold,
//! their location and whether they have Calling, so a filter is one more
//! word ANDed to the typed ones: counts and windows in name order come off
//! the index exactly as for a search, whatever the filters combine.
//!
//! Such words begin with a private-use character. The tokenizer keeps it
//! (its categories include `Co`), no name, email or number holds one, and
//! words typed into the search box that begin with one are dropped
//! (`search::typed_words`), so a filter word is never found by typing.

use hubdesk_api::{AccountStatus, PeopleFilter};

use crate::webex::models::Person;

/// Starts every filter word.
pub(super) const FACET_MARK: char = '\u{E000}';

/// The filter words of a person.
pub(super) fn person_words(p: &Person) -> Vec<String> {
    let mut words = Vec::with_capacity(p.licenses.len() + 3);
    words.push(status_word(AccountStatus::of(p.invite_pending, p.login_enabled)));
    words.extend(p.licenses.iter().map(|id| license_word(id)));
    words.push(location_word(p.location_id.as_deref()));
    if has_calling(p) {
        words.push(calling_word());
    }
    words
}

/// Webex lists a `locationId` and an `extension` only for people with
/// Webex Calling (webex-api.md §3): the cache's sign of a Calling line, the
/// same one the templates go by (`features/templates/facts.rs`). A license
/// alone is not enough: a Calling license without a location gives no line.
pub(super) fn has_calling(p: &Person) -> bool {
    p.location_id.is_some() || p.extension.is_some()
}

/// The FTS5 query of a filter: its words, all required. `None` for no filter.
pub(super) fn filter_query(filter: &PeopleFilter) -> Option<String> {
    let mut words = Vec::new();
    if let Some(status) = filter.status {
        words.push(status_word(status));
    }
    if let Some(license) = &filter.license {
        words.push(license_word(license));
    }
    if let Some(location) = &filter.location {
        words.push(location_word(Some(location)));
    }
    if filter.calling {
        words.push(calling_word());
    }
    (!words.is_empty()).then(|| words.iter().map(|w| quoted(w)).collect::<Vec<_>>().join(" AND "))
}

/// A filter word inside an FTS5 query (it holds only letters, digits and
/// the mark, so it needs no escaping).
pub(super) fn quoted(word: &str) -> String {
    format!("\"{word}\"")
}

pub(super) fn status_word(status: AccountStatus) -> String {
    format!("{FACET_MARK}s{}", status.index())
}

/// Licenses and locations by a hash of their id: Webex ids are 90 to 130
/// characters, and every person carries several of these words.
pub(super) fn license_word(id: &str) -> String {
    format!("{FACET_MARK}l{:016x}", fnv1a(id))
}

/// `None`: no location.
pub(super) fn location_word(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{FACET_MARK}o{:016x}", fnv1a(id)),
        None => format!("{FACET_MARK}onone"),
    }
}

pub(super) fn calling_word() -> String {
    format!("{FACET_MARK}c")
}

/// 64-bit FNV-1a: stored in the index, so it must not change between builds.
pub(super) fn fnv1a(s: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in s.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_stable_and_tell_ids_apart() {
        // Stored in every cache's index: a change here needs a migration.
        assert_eq!(license_word(""), "\u{E000}lcbf29ce484222325");
        assert_ne!(license_word("L1"), license_word("L2"));
        assert_ne!(location_word(Some("none")), location_word(None));
    }

    #[test]
    fn a_person_carries_one_status_each_license_a_location_and_calling() {
        let p = Person {
            licenses: vec!["L1".into(), "L2".into()],
            extension: Some("1001".into()),
            invite_pending: Some(true),
            ..Default::default()
        };
        let words = person_words(&p);
        assert_eq!(words.len(), 5);
        assert!(words.contains(&status_word(AccountStatus::InvitePending)));
        assert!(words.contains(&location_word(None)));
        assert!(words.contains(&calling_word()));
        assert!(!person_words(&Person::default()).contains(&calling_word()));
    }

    #[test]
    fn a_filter_is_its_words_all_required() {
        assert_eq!(filter_query(&PeopleFilter::default()), None);
        let filter = PeopleFilter {
            status: Some(AccountStatus::Deactivated),
            license: None,
            location: Some("LOC".into()),
            calling: true,
        };
        let query = filter_query(&filter).unwrap();
        assert_eq!(query.matches(" AND ").count(), 2, "{query}");
        assert!(query.contains(&status_word(AccountStatus::Deactivated)));
    }
}
