//! Search over the cached people: word prefixes of names and email parts,
//! the ends of names' words, numbers by their start or their end,
//! extensions. One FTS5 index serves a single org's table (`people_query`)
//! and the search across every org; rowids follow names inside each org
//! (see `name_order`), so windows come off the index in the table's order
//! without sorting the matches. The table's filters are words of the same
//! index (see `facets`).

use rusqlite::{params, Connection};

use super::{facets, name_ends, Result};
use crate::webex::models::Person;

/// The most rows one call returns; the table asks for windows.
pub(super) const MAX_PAGE: u32 = 500;

/// The words indexed for a person: name, emails, numbers and extension.
/// Numbers go in twice, forwards and reversed behind an `r`, so typing the
/// end of a number finds it too (the ends of names are found through
/// `name_ends` instead). Letters and digits that touch are split
/// ("jensen17" is "jensen 17"): every such email would otherwise be a word
/// of its own, and a surname typed in full would expand to thousands of
/// them. The filter words of the users table come last (see `facets`).
pub(super) fn search_text(p: &Person) -> String {
    let mut words = Words::default();
    words.add_text(&p.display_name);
    for email in &p.emails {
        words.add_text(email);
    }
    for number in &p.phone_numbers {
        let digits: String = number.value.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            continue;
        }
        words.add(&format!("r{}", reversed(&digits)));
        words.add(&digits);
    }
    if let Some(ext) = &p.extension {
        words.add_text(ext);
    }
    for word in facets::person_words(p) {
        words.add(&word);
    }
    words.text
}

/// Shortest typed word also looked for at the ends of names' words: a
/// shorter one would find nearly everyone ("a", "en").
pub(super) const SUFFIX_MIN: usize = 3;

pub(super) fn has_letters(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
}

/// Words joined by spaces, each once: the index keeps no positions, so a
/// repeat (a name's words are mostly in the email too) would only cost
/// indexing time.
#[derive(Default)]
pub(super) struct Words {
    pub(super) text: String,
}

impl Words {
    /// Adds `s` cut where the index's tokenizer cuts it for sure (ASCII
    /// spaces and punctuation) and where letters meet digits; anything else
    /// is left for the tokenizer, exactly as for typed text.
    pub(super) fn add_text(&mut self, s: &str) {
        let mut split = String::with_capacity(s.len() + 8);
        push_split(&mut split, s);
        for word in split.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            self.add(&word.to_lowercase());
        }
    }

    pub(super) fn add(&mut self, word: &str) {
        if !self.text.split(' ').any(|w| w == word) {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
    }
}

/// Appends ` s` with a space wherever a letter and a digit touch.
pub(super) fn push_split(text: &mut String, s: &str) {
    text.push(' ');
    let mut previous_digit = None;
    for c in s.chars() {
        let digit = c.is_ascii_digit();
        if is_word_char(c) {
            if previous_digit.is_some_and(|d| d != digit) {
                text.push(' ');
            }
            previous_digit = Some(digit);
        } else {
            previous_digit = None;
        }
        text.push(c);
    }
}

/// A character the index keeps inside words (its tokenizer takes letters,
/// numbers and marks). Circled and squared letters are alphabetic to Rust
/// but symbols to the tokenizer.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}')
}

/// The tokenizer of `people_fts`, for typed text too (see `typed_words`).
pub(super) const TOKENIZER: &str = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'";

/// A scratch index on the reader's connection that turns typed text into
/// the index's own words (folded case and diacritics), so they can be
/// looked up in `people_vocab`.
pub(super) fn prepare_reader(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "PRAGMA temp_store = MEMORY;
         CREATE VIRTUAL TABLE temp.typed USING fts5(text, content = '', detail = none, tokenize = \"{TOKENIZER}\");
         CREATE VIRTUAL TABLE temp.typed_words USING fts5vocab(temp, typed, row);"
    ))?;
    Ok(())
}

/// Longest word served by the index's own prefix index (`prefix = '1 2 3'`).
const INDEXED_PREFIX: usize = 3;
/// A longer word stands for at most this many indexed words, looked up
/// one by one; past that FTS5 merges them itself (slower, but rare).
const MAX_EXPANSION: usize = 64;

/// The FTS5 query for what a person typed: every word as a prefix, all
/// required, a word of three letters or more as the end of a word too; a
/// word of letters and digits is its parts, as in the index.
/// A number typed with spaces or dashes is one number, found by its start
/// or its end. `None` when nothing searchable was typed.
///
/// FTS5 answers a prefix longer than its prefix index by merging every
/// matching word's whole list (20 ms for a surname over a million people),
/// and ignores the org's rowid range while it does. So such a prefix is
/// replaced by the indexed words it stands for, each read straight and
/// only within the range.
pub(super) fn fts_query(conn: &Connection, text: &str) -> Result<Option<String>> {
    let text = text.trim();
    let looks_like_number =
        text.chars().any(|c| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let mut terms = Vec::new();
    if looks_like_number {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 3 {
            let backwards = format!("r{}", reversed(&digits));
            terms.push(format!("({} OR {})", prefix_term(conn, &digits)?, prefix_term(conn, &backwards)?));
        } else {
            terms.push(prefix_term(conn, &digits)?);
        }
    } else {
        for word in typed_words(conn, text)? {
            let start = prefix_term(conn, &word)?;
            let ends = if has_letters(&word) && word.chars().count() >= SUFFIX_MIN {
                name_ends::words_ending(conn, &word)?
            } else {
                Vec::new()
            };
            if ends.is_empty() {
                terms.push(start);
            } else {
                let ends: Vec<String> = ends.iter().map(|w| format!("\"{w}\"")).collect();
                terms.push(format!("({start} OR {})", ends.join(" OR ")));
            }
        }
    }
    // FTS5 wants an explicit AND next to a parenthesized group.
    Ok((!terms.is_empty()).then(|| terms.join(" AND ")))
}

/// The words of typed text as the index holds them, leaving out any that
/// begins with the mark of the filter words (which no typed word means).
pub(super) fn typed_words(conn: &Connection, text: &str) -> Result<Vec<String>> {
    let mut split = String::new();
    push_split(&mut split, text);
    conn.execute("INSERT INTO temp.typed (typed) VALUES ('delete-all')", [])?;
    conn.execute("INSERT INTO temp.typed (rowid, text) VALUES (1, ?1)", [split])?;
    // A lone mark folds to an empty word, which the vocabulary shows as NULL.
    let mut stmt = conn.prepare_cached("SELECT term FROM temp.typed_words WHERE term <> ''")?;
    let words: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(words.into_iter().filter(|w| !w.starts_with(facets::FACET_MARK)).collect())
}

/// Matches the indexed words starting with `word` (which holds only
/// letters, digits and marks, so it needs no escaping inside quotes).
fn prefix_term(conn: &Connection, word: &str) -> Result<String> {
    if word.chars().count() <= INDEXED_PREFIX {
        return Ok(format!("\"{word}\"*"));
    }
    let mut stmt =
        conn.prepare_cached("SELECT term FROM people_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2")?;
    let words: Vec<String> = stmt
        .query_map(params![word, MAX_EXPANSION as i64 + 1], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(match words.len() {
        1..=MAX_EXPANSION => {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            format!("({})", quoted.join(" OR "))
        }
        _ => format!("\"{word}\"*"),
    })
}

pub(super) fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::PhoneNumber;
    use hubdesk_api::{PeoplePage, PeopleQuery};

    fn person(id: &str, name: &str, email: &str) -> Person {
        Person {
            id: id.into(),
            display_name: name.into(),
            emails: vec![email.into()],
            status: Some("active".into()),
            ..Default::default()
        }
    }

    fn query(org: &str, text: &str) -> PeopleQuery {
        PeopleQuery { org_id: org.into(), text: text.into(), offset: 0, limit: 100, ..Default::default() }
    }

    fn names(page: &PeoplePage) -> Vec<&str> {
        page.rows.iter().map(|r| r.display_name.as_str()).collect()
    }

    #[test]
    fn finds_by_name_email_number_start_or_end_and_extension() {
        let (_dir, store) = temp_store();
        let mut søren = person("1", "Søren Ødegård", "soren.odegard@nordlys.dk");
        søren.phone_numbers = vec![PhoneNumber { kind: "work".into(), value: "+45 33 12 34 56".into(), primary: true }];
        søren.extension = Some("4711".into());
        store.replace_people("org", &[søren, person("2", "Zoé Lefèvre", "zoe@exemple.fr")]).unwrap();
        for text in
            ["SØREN", "ødeg", "søren ødegård", "soren.odegard", "nordlys", "+4533", "45 33 12", "3456", "4711", "Sø"]
        {
            assert_eq!(names(&store.search_people(&query("org", text)).unwrap()), ["Søren Ødegård"], "{text}");
        }
        assert_eq!(names(&store.search_people(&query("org", "zoe")).unwrap()), ["Zoé Lefèvre"], "diacritics folded");
        assert_eq!(store.search_people(&query("org", "")).unwrap().total, 2);
        assert_eq!(store.search_people(&query("org", "nobody")).unwrap().total, 0);
    }

    #[test]
    fn the_end_of_a_names_word_finds_it_from_three_letters_on() {
        let (_dir, store) = temp_store();
        store
            .replace_people(
                "org",
                &[
                    person("1", "Mette Frølund", "m.f@x.dk"),
                    person("2", "Åsa Lindqvist", "asa@x.se"),
                    person("3", "Bo", "b@x.dk"),
                ],
            )
            .unwrap();
        for text in ["lund", "LUND", "ølund", "frølund", "mette lund", "und"] {
            assert_eq!(names(&store.search_people(&query("org", text)).unwrap()), ["Mette Frølund"], "{text}");
        }
        assert_eq!(names(&store.search_people(&query("org", "qvist")).unwrap()), ["Åsa Lindqvist"]);
        assert_eq!(store.search_everywhere("lund", 10).unwrap().total, 1, "the search across orgs too");
        // Two letters are too few to look at the ends of words ("nd" would be
        // half an org), and the middle of a word is not searched.
        assert_eq!(store.search_people(&query("org", "nd")).unwrap().total, 0);
        assert_eq!(store.search_people(&query("org", "ølu")).unwrap().total, 0);
        assert_eq!(store.search_people(&query("org", "dnul")).unwrap().total, 0, "not the reversed word itself");
    }

    #[test]
    fn the_index_marks_cannot_be_typed() {
        let (_dir, store) = temp_store();
        store.replace_people("org", &[person("1", "Ann Lee", "ann@x.com")]).unwrap();
        // Every person has filter words behind this mark; typed, it is
        // dropped, so it finds no one by itself.
        for text in ["\u{E000}", "\u{E000}s", "\u{E000}c"] {
            let page = store.search_people(&query("org", text)).unwrap();
            assert_eq!(page.total, 1, "no searchable word, so everyone: {text:?}");
            assert_eq!(store.search_everywhere(text, 10).unwrap().total, 0, "{text:?}");
        }
        assert_eq!(
            store.search_people(&query("org", "lee \u{E000}c")).unwrap().total,
            1,
            "only the typed mark is dropped"
        );
    }

    #[test]
    fn search_syntax_typed_by_a_user_is_just_text() {
        let (_dir, store) = temp_store();
        store.replace_people("org", &[person("1", "Ann Lee", "ann@x.com")]).unwrap();
        for text in ["\"ann", "ann*", "ann OR bob", "NEAR(ann)", "ann AND", "-", "%", "_", "'"] {
            let result = store.search_people(&query("org", text));
            assert!(result.is_ok(), "{text}: {result:?}");
        }
        assert_eq!(store.search_people(&query("org", "ann*")).unwrap().total, 1);
        assert_eq!(store.search_people(&query("org", "%")).unwrap().total, 1, "no words: everyone");
    }

    #[test]
    fn windows_are_sorted_by_name() {
        let (_dir, store) = temp_store();
        let people: Vec<_> =
            (0..30).map(|i| person(&format!("id{i}"), &format!("Person {i:02}"), &format!("p{i}@x.com"))).collect();
        store.replace_people("org", &people).unwrap();
        let page = store.search_people(&PeopleQuery { offset: 10, limit: 5, ..query("org", "person") }).unwrap();
        assert_eq!(page.total, 30);
        assert_eq!(names(&page), ["Person 10", "Person 11", "Person 12", "Person 13", "Person 14"]);
    }

    #[test]
    fn one_org_is_searched_alone_and_all_orgs_together() {
        let (_dir, store) = temp_store();
        store
            .replace_orgs(
                "a",
                &[crate::webex::models::Organization { id: "a".into(), display_name: "Alpha".into(), created: None }],
            )
            .unwrap();
        store.replace_people("a", &[person("1", "Ann Berg", "ann@a.com")]).unwrap();
        store.replace_people("b", &[person("2", "Ann Dahl", "ann@b.com"), person("3", "Bo", "bo@b.com")]).unwrap();
        assert_eq!(names(&store.search_people(&query("a", "ann")).unwrap()), ["Ann Berg"]);
        let all = store.search_everywhere("ann", 10).unwrap();
        assert_eq!(all.total, 2);
        let found: Vec<_> = all.hits.iter().map(|h| (h.org_name.as_str(), h.person.display_name.as_str())).collect();
        assert_eq!(found, [("Alpha", "Ann Berg"), ("b", "Ann Dahl")], "an org not listed shows its id");
        assert_eq!(store.search_everywhere("  ", 10).unwrap().total, 0);
    }

    #[test]
    fn a_resync_replaces_the_index_too() {
        let (_dir, store) = temp_store();
        store.replace_people("org", &[person("1", "Old Name", "old@x.com")]).unwrap();
        store.replace_people("org", &[person("1", "New Name", "new@x.com")]).unwrap();
        assert_eq!(store.search_people(&query("org", "old")).unwrap().total, 0);
        assert_eq!(store.search_people(&query("org", "new")).unwrap().total, 1);
        assert_eq!(store.search_everywhere("old", 10).unwrap().total, 0);
    }

    #[test]
    fn long_prefixes_find_the_same_people_whether_looked_up_word_by_word_or_merged() {
        let (_dir, store) = temp_store();
        // 100 numbers share "4533": more words than one lookup takes.
        let people: Vec<_> = (0..100)
            .map(|i| {
                let mut p = person(&format!("{i}"), &format!("Lefèvre {i:03}"), &format!("l{i}@x.fr"));
                p.phone_numbers =
                    vec![PhoneNumber { kind: "work".into(), value: format!("+45 33 00 00 {i:02}"), primary: true }];
                p
            })
            .collect();
        store.replace_people("org", &people).unwrap();
        assert_eq!(store.search_people(&query("org", "4533")).unwrap().total, 100, "merged by FTS5");
        assert_eq!(store.search_people(&query("org", "lefèvre")).unwrap().total, 100, "looked up");
        assert_eq!(store.search_people(&query("org", "LEFEV")).unwrap().total, 100, "folded like the index");
        assert_eq!(store.search_people(&query("org", "lefèvre 001")).unwrap().total, 1);
        assert_eq!(store.search_people(&query("org", "0001")).unwrap().total, 1, "a number's end");
    }

    #[test]
    fn any_script_typed_is_searched_without_error() {
        let (_dir, store) = temp_store();
        store
            .replace_people("org", &[person("1", "प्रिया शर्मा", "priya@x.in"), person("2", "Zoe\u{301}", "z@x.fr")])
            .unwrap();
        for text in ["प्रिया", "शर्", "Zoe\u{301}", "Ⓐnn", "e\u{301}\u{301}", "\u{301}"] {
            let result = store.search_people(&query("org", text));
            assert!(result.is_ok(), "{text}: {result:?}");
            assert!(store.search_everywhere(text, 10).is_ok(), "{text}");
        }
        assert_eq!(names(&store.search_people(&query("org", "प्रिया")).unwrap()), ["प्रिया शर्मा"]);
    }

    #[test]
    fn the_search_across_orgs_merges_each_orgs_first_matches_by_name() {
        let (_dir, store) = temp_store();
        let mut expected = Vec::new();
        for org in ["c", "a", "b"] {
            let people: Vec<_> = (0..20)
                .map(|i| person(&format!("{org}{i}"), &format!("Ann {:02}", (i * 7 + org.len()) % 23), "ann@x.com"))
                .collect();
            expected.extend(people.iter().map(|p| (p.display_name.clone(), org.to_owned(), p.id.clone())));
            store.replace_people(org, &people).unwrap();
        }
        expected.sort();
        let found = store.search_everywhere("ann", 25).unwrap();
        assert_eq!(found.total, 60);
        let got: Vec<_> =
            found.hits.iter().map(|h| (h.person.display_name.clone(), h.org_id.clone(), h.person.id.clone())).collect();
        assert_eq!(got, expected[..25]);
    }
}
