//! Search over the cached people: word prefixes of names and email parts,
//! numbers by their start or their end, extensions. One FTS5 index serves a
//! single org's table and the search across every org.

use rusqlite::params;

use super::{Result, Store};
use crate::api::{PeoplePage, PeopleQuery, PersonRow, SearchHit, SearchResults};
use crate::webex::models::Person;

/// The most rows one call returns; the table asks for windows.
const MAX_PAGE: u32 = 500;
/// Matches the search across orgs sorts by name (see `search_everywhere`).
const EVERYWHERE_SORTED: u32 = 2000;

/// A person's row for the users table, licenses named and sorted.
const ROW_COLUMNS: &str = "p.id, p.display_name, p.email, p.status, p.work_number, p.extension,
    (SELECT GROUP_CONCAT(name, char(31)) FROM
        (SELECT l.name FROM person_licenses pl
         JOIN licenses l ON l.org_id = pl.org_id AND l.id = pl.license_id
         WHERE pl.org_id = p.org_id AND pl.person_id = p.id
         ORDER BY l.name))";

impl Store {
    /// One window of an org's users table matching `query.text` (everyone
    /// when empty), by name.
    pub fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage> {
        let conn = self.reader();
        let limit = query.limit.min(MAX_PAGE);
        let (total, rows) = match fts_query(&query.text) {
            None => {
                let total = conn.query_row("SELECT COUNT(*) FROM people WHERE org_id = ?1", [&query.org_id], |r| r.get(0))?;
                let sql = format!(
                    "SELECT {ROW_COLUMNS} FROM people p WHERE p.org_id = ?1
                     ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT ?2 OFFSET ?3"
                );
                let mut stmt = conn.prepare_cached(&sql)?;
                let rows = stmt.query_map(params![query.org_id, limit, query.offset], |r| person_row(r, 0))?;
                (total, rows.collect::<std::result::Result<Vec<_>, _>>()?)
            }
            Some(terms) => {
                // The org's own token narrows the match inside the index, so
                // neither the count nor the filter needs to visit `people`.
                let matcher = format!("{} AND {terms}", org_token(&query.org_id));
                let total = conn.query_row("SELECT COUNT(*) FROM people_fts WHERE people_fts MATCH ?1", [&matcher], |r| {
                    r.get(0)
                })?;
                // Sort the matches' rowids first and build rows (with their
                // license names) only for the window: SQLite would otherwise
                // compute every column of every match before sorting.
                let sql = format!(
                    "SELECT {ROW_COLUMNS} FROM
                       (SELECT p.rowid AS rid FROM people_fts JOIN people p ON p.rowid = people_fts.rowid
                        WHERE people_fts MATCH ?1
                        ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT ?2 OFFSET ?3) AS window
                     JOIN people p ON p.rowid = window.rid
                     ORDER BY p.display_name COLLATE NOCASE, p.id"
                );
                let mut stmt = conn.prepare_cached(&sql)?;
                let rows = stmt.query_map(params![matcher, limit, query.offset], |r| person_row(r, 0))?;
                (total, rows.collect::<std::result::Result<Vec<_>, _>>()?)
            }
        };
        Ok(PeoplePage { total, offset: query.offset, rows })
    }

    /// Up to `limit` people of any cached org matching `text`, by name, with
    /// how many match in all. Only the first `EVERYWHERE_SORTED` matches are
    /// sorted: beyond that the list is a sample and the UI asks for more
    /// letters, which keeps a common surname over a million people fast.
    pub fn search_everywhere(&self, text: &str, limit: u32) -> Result<SearchResults> {
        let Some(matcher) = fts_query(text) else { return Ok(SearchResults { total: 0, hits: Vec::new() }) };
        let conn = self.reader();
        let total = conn.query_row("SELECT COUNT(*) FROM people_fts WHERE people_fts MATCH ?1", [&matcher], |r| r.get(0))?;
        let sql = format!(
            "SELECT p.org_id, COALESCE(o.display_name, p.org_id), {ROW_COLUMNS} FROM
               (SELECT p.rowid AS rid FROM
                  (SELECT rowid FROM people_fts WHERE people_fts MATCH ?1 LIMIT {EVERYWHERE_SORTED}) AS matched
                JOIN people p ON p.rowid = matched.rowid
                ORDER BY p.display_name COLLATE NOCASE, p.org_id, p.id LIMIT ?2) AS window
             JOIN people p ON p.rowid = window.rid
             LEFT JOIN orgs o ON o.id = p.org_id
             ORDER BY p.display_name COLLATE NOCASE, p.org_id, p.id"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let hits = stmt.query_map(params![matcher, limit.min(MAX_PAGE)], |r| {
            Ok(SearchHit { org_id: r.get(0)?, org_name: r.get(1)?, person: person_row(r, 2)? })
        })?;
        Ok(SearchResults { total, hits: hits.collect::<std::result::Result<_, _>>()? })
    }
}

fn person_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<PersonRow> {
    let licenses: Option<String> = row.get(first + 6)?;
    Ok(PersonRow {
        id: row.get(first)?,
        display_name: row.get(first + 1)?,
        email: row.get(first + 2)?,
        status: row.get(first + 3)?,
        phone_number: row.get(first + 4)?,
        extension: row.get(first + 5)?,
        licenses: licenses.map(|s| s.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default(),
    })
}

/// The words indexed for a person: their org's token, then name, emails,
/// numbers and extension. Numbers go in twice, forwards and reversed behind
/// an `r`, so typing the end of a number finds it too.
pub(super) fn search_text(org_id: &str, p: &Person) -> String {
    let mut words = vec![org_token(org_id), p.display_name.clone()];
    words.extend(p.emails.iter().cloned());
    for number in &p.phone_numbers {
        let digits: String = number.value.chars().filter(char::is_ascii_digit).collect();
        words.push(format!("{digits} r{}", reversed(&digits)));
    }
    if let Some(ext) = &p.extension {
        words.push(ext.clone());
    }
    words.join(" ")
}

/// The FTS5 query for what a person typed: every word as a prefix, all
/// required. A number typed with spaces or dashes is one number. `None`
/// when nothing searchable was typed.
fn fts_query(text: &str) -> Option<String> {
    let text = text.trim();
    let looks_like_number = text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let words: Vec<String> = if looks_like_number {
        vec![text.chars().filter(char::is_ascii_digit).collect()]
    } else {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let terms: Vec<String> = words
        .iter()
        .map(|w| {
            // Words are alphanumeric, so they need no escaping inside quotes.
            if w.len() >= 3 && w.chars().all(|c| c.is_ascii_digit()) {
                format!("(\"{w}\"* OR \"r{}\"*)", reversed(w))
            } else {
                format!("\"{w}\"*")
            }
        })
        .collect();
    // FTS5 wants an explicit AND next to a parenthesized group.
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// A word standing for an org inside the index (FNV-1a of its id): one
/// alphanumeric token, and no one types `xorg` plus sixteen hex digits.
fn org_token(org_id: &str) -> String {
    let hash = org_id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
    format!("\"xorg{hash:016x}\"")
}

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::PhoneNumber;

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
        PeopleQuery { org_id: org.into(), text: text.into(), offset: 0, limit: 100 }
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
        for text in ["SØREN", "ødeg", "søren ødegård", "soren.odegard", "nordlys", "+4533", "45 33 12", "3456", "4711", "Sø"] {
            assert_eq!(names(&store.search_people(&query("org", text)).unwrap()), ["Søren Ødegård"], "{text}");
        }
        assert_eq!(names(&store.search_people(&query("org", "zoe")).unwrap()), ["Zoé Lefèvre"], "diacritics folded");
        assert_eq!(store.search_people(&query("org", "")).unwrap().total, 2);
        assert_eq!(store.search_people(&query("org", "nobody")).unwrap().total, 0);
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
        store.replace_orgs("a", &[crate::webex::models::Organization { id: "a".into(), display_name: "Alpha".into(), created: None }]).unwrap();
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
}
