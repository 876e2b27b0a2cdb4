//! The users table's windows: one org's people, searched, filtered and
//! sorted, a window at a time.
//!
//! What matches is one FTS5 query: the typed words (see `search`) and the
//! filters' words (see `facets`), all required. How a window is read
//! depends on the order:
//! - by name, straight off the index (or the org's rowid range when
//!   nothing narrows it): rowids follow names (see `name_order`);
//! - by status or location, one group after the other (each status, each
//!   location by its name): a group is one more word of the index, so each
//!   is counted and read in name order off the index too, and only the
//!   groups the window reaches are read;
//! - by email or number, along an index of `people` on (slot, key): the
//!   window is the next rows of the index that match. When few people
//!   match, they are sorted instead, which beats walking the index past
//!   everyone who does not.

use rusqlite::{params, Connection, OptionalExtension};

use super::search::{fts_query, MAX_PAGE};
use super::{facets, name_order, rows, Result, Store};
use hubdesk_api::{AccountStatus, FilterOption, PeopleFilter, PeopleFilterOptions, PeoplePage, PeopleQuery, SortKey};

/// At most this many matches are sorted rather than found along an index
/// of the sort key (see the module's comment).
const SORT_MATCHES_UP_TO: u32 = 2_000;

/// The rowids an org's people have, both ends included.
type Range = (i64, i64);

impl Store {
    /// One window of an org's users table: those matching `query.text` and
    /// `query.filter` (everyone when both are empty), in `query.sort`'s order.
    pub fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage> {
        let reader = self.reader();
        // One snapshot for the count and the window, though a sync commits.
        let conn = reader.unchecked_transaction()?;
        let limit = query.limit.min(MAX_PAGE);
        let Some(slot) = name_order::slot(&conn, &query.org_id)? else {
            return Ok(PeoplePage { total: 0, offset: query.offset, rows: Vec::new() });
        };
        let range = name_order::range(slot);
        let matcher = match (fts_query(&conn, &query.text)?, facets::filter_query(&query.filter)) {
            (Some(text), Some(filter)) => Some(format!("{text} AND {filter}")),
            (text, filter) => text.or(filter),
        };
        let total = count(&conn, matcher.as_deref(), range)?;
        let descending = query.sort.descending;
        let asked = Window {
            offset: query.offset,
            limit,
            key_descending: descending,
            names_descending: descending && query.sort.key == SortKey::Name,
        };
        let (window, reversed) = asked.nearer_end(total);
        let mut rowids = match query.sort.key {
            SortKey::Name => by_name(&conn, matcher.as_deref(), range, &window)?,
            SortKey::Status => {
                let groups: Vec<String> = AccountStatus::ALL.into_iter().map(facets::status_word).collect();
                by_group(&conn, matcher.as_deref(), range, &groups, &window)?
            }
            SortKey::Location => {
                let groups = location_groups(&conn, &query.org_id, slot)?;
                by_group(&conn, matcher.as_deref(), range, &groups, &window)?
            }
            SortKey::Email => along_index(&conn, slot, matcher.as_deref(), range, total, Indexed::EMAIL, &window)?,
            SortKey::Number => along_index(&conn, slot, matcher.as_deref(), range, total, Indexed::NUMBER, &window)?,
        };
        if reversed {
            rowids.reverse();
        }
        let mut row = conn.prepare_cached(&format!("SELECT {} FROM people p WHERE p.rowid = ?1", rows::COLUMNS))?;
        let rows = rowids
            .iter()
            .map(|rowid| row.query_row([rowid], |r| rows::person_row(r, 0)))
            .collect::<std::result::Result<_, _>>()?;
        Ok(PeoplePage { total, offset: query.offset, rows })
    }

    /// The ids of everyone `text` and `filter` match in the org, in name
    /// order, at most `most` of them, with how many match in all: what the
    /// users table shows, for an action on all of it.
    pub fn matching_person_ids(
        &self,
        org_id: &str,
        text: &str,
        filter: &PeopleFilter,
        most: u32,
    ) -> Result<(Vec<String>, u32)> {
        let reader = self.reader();
        let conn = reader.unchecked_transaction()?;
        let Some(slot) = name_order::slot(&conn, org_id)? else { return Ok((Vec::new(), 0)) };
        let range = name_order::range(slot);
        let matcher = match (fts_query(&conn, text)?, facets::filter_query(filter)) {
            (Some(text), Some(filter)) => Some(format!("{text} AND {filter}")),
            (text, filter) => text.or(filter),
        };
        let total = count(&conn, matcher.as_deref(), range)?;
        let window = Window { offset: 0, limit: most, key_descending: false, names_descending: false };
        let mut id = conn.prepare_cached("SELECT id FROM people WHERE rowid = ?1")?;
        let ids = by_name(&conn, matcher.as_deref(), range, &window)?
            .iter()
            .map(|rowid| id.query_row([rowid], |r| r.get(0)))
            .collect::<std::result::Result<_, _>>()?;
        Ok((ids, total))
    }

    /// The licenses and locations of an org, by name, for the table's
    /// filters. Licenses of one name (several subscriptions, or one per
    /// Meetings site) are told apart by their site or subscription.
    pub fn people_filter_options(&self, org_id: &str) -> Result<PeopleFilterOptions> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, COALESCE(site_url, subscription_id),
                    (SELECT COUNT(*) FROM licenses same WHERE same.org_id = l.org_id AND same.name = l.name)
             FROM licenses l WHERE org_id = ?1 ORDER BY name COLLATE NOCASE, 3, id",
        )?;
        let licenses = stmt
            .query_map([org_id], |r| {
                let (name, qualifier, namesakes): (String, Option<String>, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
                let name = match qualifier {
                    Some(qualifier) if namesakes > 1 => format!("{name} [{qualifier}]"),
                    _ => name,
                };
                Ok(FilterOption { id: r.get(0)?, name })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut stmt =
            conn.prepare_cached("SELECT id, name FROM locations WHERE org_id = ?1 ORDER BY name COLLATE NOCASE, id")?;
        let locations = stmt
            .query_map([org_id], |r| Ok(FilterOption { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(PeopleFilterOptions { licenses, locations })
    }
}

/// Which rows of an order a read wants: the order is by the sort key, then
/// by name, each way round on its own.
#[derive(Clone, Copy)]
struct Window {
    offset: u32,
    limit: u32,
    key_descending: bool,
    names_descending: bool,
}

impl Window {
    /// A window past the middle is read from the other end, in the reverse
    /// order (then turned round): reading up to a window costs as much as
    /// the rows before it, so no window costs more than half the order.
    /// True when reversed.
    fn nearer_end(self, total: u32) -> (Window, bool) {
        let limit = self.limit.min(total.saturating_sub(self.offset));
        if limit == 0 || 2 * u64::from(self.offset) + u64::from(limit) <= u64::from(total) {
            return (Window { limit, ..self }, false);
        }
        let reverse = Window {
            offset: total - self.offset - limit,
            limit,
            key_descending: !self.key_descending,
            names_descending: !self.names_descending,
        };
        (reverse, true)
    }

    fn key_direction(&self) -> &'static str {
        direction(self.key_descending)
    }

    fn names_direction(&self) -> &'static str {
        direction(self.names_descending)
    }
}

fn direction(descending: bool) -> &'static str {
    if descending {
        "DESC"
    } else {
        "ASC"
    }
}

/// How many of the org's people match; everyone for no matcher (along
/// `people_by_slot`: the rows themselves weigh a kilobyte each).
fn count(conn: &Connection, matcher: Option<&str>, (low, high): Range) -> Result<u32> {
    Ok(match matcher {
        None => conn.query_row(
            "SELECT COUNT(*) FROM people INDEXED BY people_by_slot WHERE slot = ?1",
            [name_order::slot_of(low)],
            |r| r.get(0),
        )?,
        Some(matcher) => conn.query_row(
            "SELECT COUNT(*) FROM people_fts WHERE people_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
            params![matcher, low, high],
            |r| r.get(0),
        )?,
    })
}

/// Matches in rowid order (names), straight off the search index, or for
/// everyone along `people_by_slot`.
fn by_name(conn: &Connection, matcher: Option<&str>, (low, high): Range, window: &Window) -> Result<Vec<i64>> {
    let dir = window.names_direction();
    let (limit, offset) = (window.limit, window.offset);
    match matcher {
        None => rowids(
            conn,
            &format!(
                "SELECT rowid FROM people INDEXED BY people_by_slot WHERE slot = ?1
                 ORDER BY rowid {dir} LIMIT ?2 OFFSET ?3"
            ),
            params![name_order::slot_of(low), limit, offset],
        ),
        Some(matcher) => rowids(
            conn,
            &format!(
                "SELECT rowid FROM people_fts WHERE people_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                 ORDER BY rowid {dir} LIMIT ?4 OFFSET ?5"
            ),
            params![matcher, low, high, limit, offset],
        ),
    }
}

/// The window across groups (words of the index) taken in order (reversed
/// when the key is descending), each group in name order.
fn by_group(
    conn: &Connection,
    matcher: Option<&str>,
    range: Range,
    groups: &[String],
    window: &Window,
) -> Result<Vec<i64>> {
    let mut skip = window.offset;
    let mut out = Vec::with_capacity(window.limit as usize);
    let ordered: Box<dyn Iterator<Item = &String>> =
        if window.key_descending { Box::new(groups.iter().rev()) } else { Box::new(groups.iter()) };
    for group in ordered {
        let wanted = window.limit - out.len() as u32;
        if wanted == 0 {
            break;
        }
        let in_group = match matcher {
            Some(matcher) => format!("{matcher} AND {}", facets::quoted(group)),
            None => facets::quoted(group),
        };
        let size = count(conn, Some(&in_group), range)?;
        if skip >= size {
            skip -= size;
            continue;
        }
        let part = Window { offset: skip, limit: wanted, ..*window };
        out.extend(by_name(conn, Some(&in_group), range, &part)?);
        skip = 0;
    }
    Ok(out)
}

/// The org's locations as groups, by name (ASCII case folded, then id);
/// after them the locations the cache does not know, then no location.
/// The locations come from the people themselves (along the index on
/// (slot, location), one step a location), so none is left out.
fn location_groups(conn: &Connection, org_id: &str, slot: i64) -> Result<Vec<String>> {
    let mut next = conn.prepare_cached(
        "SELECT location_id FROM people WHERE slot = ?1 AND location_id > ?2 ORDER BY location_id LIMIT 1",
    )?;
    let mut name = conn.prepare_cached("SELECT name FROM locations WHERE org_id = ?1 AND id = ?2")?;
    let mut located: Vec<(Option<String>, String)> = Vec::new();
    let mut after = String::new();
    while let Some(id) = next.query_row(params![slot, after], |r| r.get::<_, String>(0)).optional()? {
        let known: Option<String> = name.query_row([org_id, &id], |r| r.get(0)).optional()?;
        located.push((known.map(|n| n.to_ascii_lowercase()), id.clone()));
        after = id;
    }
    // Known names first (`None` sorts first, hence the flag).
    located.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1).cmp(&(b.0.is_none(), &b.0, &b.1)));
    let mut groups: Vec<String> = located.iter().map(|(_, id)| facets::location_word(Some(id))).collect();
    groups.push(facets::location_word(None));
    Ok(groups)
}

/// A sort key with an index of its own on `people`.
struct Indexed {
    index: &'static str,
    /// The key as the index holds it (ORDER BY must say the same).
    key: &'static str,
}

impl Indexed {
    const EMAIL: Indexed = Indexed { index: "people_by_email", key: "email COLLATE NOCASE" };
    const NUMBER: Indexed = Indexed { index: "people_by_number", key: "number_key" };
}

/// The window in the key's order, then names. Everyone: along the index
/// alone. A few matches: sorted. Many: along the index, skipping those
/// that do not match (looked up in the matches, gathered once).
fn along_index(
    conn: &Connection,
    slot: i64,
    matcher: Option<&str>,
    (low, high): Range,
    total: u32,
    by: Indexed,
    window: &Window,
) -> Result<Vec<i64>> {
    let Indexed { index, key } = by;
    let (dir, names) = (window.key_direction(), window.names_direction());
    let (limit, offset) = (window.limit, window.offset);
    let matches = "SELECT rowid FROM people_fts WHERE people_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3";
    match matcher {
        None => rowids(
            conn,
            &format!(
                "SELECT rowid FROM people INDEXED BY {index} WHERE slot = ?1
                 ORDER BY {key} {dir}, rowid {names} LIMIT ?2 OFFSET ?3"
            ),
            params![slot, limit, offset],
        ),
        Some(matcher) if total <= SORT_MATCHES_UP_TO => rowids(
            conn,
            &format!(
                "SELECT rowid FROM people NOT INDEXED WHERE rowid IN ({matches})
                 ORDER BY {key} {dir}, rowid {names} LIMIT ?4 OFFSET ?5"
            ),
            params![matcher, low, high, limit, offset],
        ),
        Some(matcher) => rowids(
            conn,
            &format!(
                "SELECT rowid FROM people INDEXED BY {index} WHERE slot = ?4 AND rowid IN ({matches})
                 ORDER BY {key} {dir}, rowid {names} LIMIT ?5 OFFSET ?6"
            ),
            params![matcher, low, high, slot, limit, offset],
        ),
    }
}

fn rowids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::{Person, PhoneNumber};
    use hubdesk_api::{PeopleFilter, PeopleSort};

    /// More people than are ever sorted, so both ways of reading an order
    /// along an index are taken, and must agree with a sort done here.
    #[test]
    fn orders_along_an_index_agree_with_sorting_whether_few_or_many_match() {
        let (_dir, store) = temp_store();
        let n = SORT_MATCHES_UP_TO as usize + 1000;
        let people: Vec<Person> = (0..n)
            .map(|i| Person {
                id: format!("p{i:05}"),
                // Names repeat, so ties are decided by id.
                display_name: format!("{} {}", ["Ann", "Bo", "Cy"][i % 3], i % 97),
                emails: vec![format!("{}@x.com", (i * 7919) % 1000)],
                phone_numbers: (i % 5 != 0)
                    .then(|| PhoneNumber {
                        kind: "work".into(),
                        value: format!("+45{:08}", (i * 31) % 4000),
                        primary: true,
                    })
                    .into_iter()
                    .collect(),
                // Four in five have Calling: more than are sorted.
                extension: (i % 5 != 1).then(|| format!("{i}")),
                ..Default::default()
            })
            .collect();
        store.replace_people("org", &people).unwrap();
        let key = |p: &Person, by: SortKey| match by {
            SortKey::Email => p.emails[0].to_lowercase(),
            _ => super::super::people_sync::number_key(p.work_number()),
        };
        for (filter, text) in [(false, ""), (true, ""), (false, "ann"), (true, "ann")] {
            let matching: Vec<&Person> = people
                .iter()
                .filter(|p| !filter || p.extension.is_some())
                .filter(|p| text.is_empty() || p.display_name.starts_with("Ann"))
                .collect();
            for by in [SortKey::Email, SortKey::Number] {
                for descending in [false, true] {
                    let mut expected = matching.clone();
                    expected.sort_by(|a, b| {
                        let order = key(a, by).cmp(&key(b, by));
                        let order = if descending { order.reverse() } else { order };
                        order.then_with(|| name_order::name_cmp(&a.display_name, &a.id, &b.display_name, &b.id))
                    });
                    // Near the start, and near the end (read from there).
                    for offset in [150, matching.len().saturating_sub(120)] {
                        let query = PeopleQuery {
                            org_id: "org".into(),
                            text: text.into(),
                            sort: PeopleSort { key: by, descending },
                            filter: PeopleFilter { calling: filter, ..Default::default() },
                            offset: offset as u32,
                            limit: 100,
                        };
                        let page = store.search_people(&query).unwrap();
                        assert_eq!(page.total as usize, matching.len());
                        let got: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
                        let want: Vec<&str> = expected.iter().skip(offset).take(100).map(|p| p.id.as_str()).collect();
                        assert_eq!(
                            got, want,
                            "{by:?} descending {descending}, filter {filter}, text {text:?} at {offset}"
                        );
                    }
                }
            }
        }
    }

    /// Nothing would fail without the indexes, only be slow: the plans say
    /// the order is read along them, not sorted.
    #[test]
    fn orders_other_than_names_are_read_along_their_indexes() {
        let (_dir, store) = temp_store();
        let conn = store.reader();
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|row| row.unwrap()).collect::<Vec<_>>().join("; ")
        };
        for (index, key) in [("people_by_email", "email COLLATE NOCASE"), ("people_by_number", "number_key")] {
            let asc = plan(&format!("SELECT rowid FROM people WHERE slot = 1 ORDER BY {key} ASC, rowid LIMIT 9"));
            assert!(asc.contains(index) && !asc.contains("TEMP B-TREE"), "{asc}");
            // Descending, names still ascending: sorted only among ties.
            let desc = plan(&format!("SELECT rowid FROM people WHERE slot = 1 ORDER BY {key} DESC, rowid LIMIT 9"));
            assert!(desc.contains(index) && !desc.contains("TEMP B-TREE FOR ORDER BY"), "{desc}");
        }
        let everyone =
            plan("SELECT rowid FROM people INDEXED BY people_by_slot WHERE slot = 1 ORDER BY rowid DESC LIMIT 9");
        assert!(everyone.contains("COVERING INDEX people_by_slot") && !everyone.contains("TEMP"), "{everyone}");
        let count = plan("SELECT COUNT(*) FROM people INDEXED BY people_by_slot WHERE slot = 1");
        assert!(count.contains("COVERING INDEX people_by_slot"), "{count}");
        let groups =
            plan("SELECT location_id FROM people WHERE slot = 1 AND location_id > '' ORDER BY location_id LIMIT 1");
        assert!(groups.contains("people_by_location") && !groups.contains("TEMP"), "{groups}");
    }
}
