//! Swapping in an org's people list: one transaction, rowids in name order
//! (see `name_order`), the search index kept in step, the changes since
//! the last sync recorded.
//!
//! Two cores share the work: a helper thread sorts the list and turns each
//! person into their stored JSON and search text, while this thread reads
//! the cache and writes rows.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::sync_channel;

use rusqlite::{params, Transaction};

use super::changes::Before;
use super::name_order::{self, name_cmp};
use super::{stored_person, Result, Store};
use crate::webex::models::Person;
use hubdesk_api::{AccountStatus, SyncResource};

impl Store {
    /// Swaps in an org's whole people list in one transaction, so a reader
    /// sees the old list or the new one, never a mix.
    pub fn replace_people(&self, org_id: &str, people: &[Person]) -> Result<()> {
        self.replace_people_at(org_id, people, super::now_ms()).map(|_| ())
    }

    /// As [`replace_people`](Self::replace_people); the changes found are
    /// stamped `sync_ms`, the start of the sync run they belong to, so every
    /// change of one run shows as one sync. Returns how many people were
    /// stored (a person listed twice counts once).
    pub fn replace_people_at(&self, org_id: &str, people: &[Person], sync_ms: i64) -> Result<usize> {
        let by_id = unique_by_id(people);
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        std::thread::scope(|scope| {
            let sorting = scope.spawn(|| by_name(&by_id));
            let cached = super::changes::snapshot(&tx, org_id)?;
            let slot = name_order::slot_or_new(&tx, org_id)?;
            let by_name = sorting.join().expect("sorting people does not panic");
            // Rows go over in batches: one wake-up of the writer per row
            // cost more than the rows' JSON.
            let (rows_tx, batches) = sync_channel::<Vec<Result<StoredRow>>>(8);
            let order = by_name.clone();
            scope.spawn(move || {
                for batch in order.chunks(ROW_BATCH) {
                    if rows_tx.send(batch.iter().map(|p| stored_row(p)).collect()).is_err() {
                        return; // the writer stopped on an error
                    }
                }
            });
            let rows = batches.into_iter().flatten();
            let plan = plan(slot, &by_name, &cached.people);
            write_people(&tx, org_id, slot, &by_name, &plan, rows)?;
            if cached.synced {
                super::changes::record(&tx, org_id, &cached.people, &by_id, sync_ms)?;
            }
            Store::record_sync_success_in(&tx, org_id, SyncResource::People, by_id.len())
        })?;
        tx.commit()?;
        drop(conn);
        self.checkpoint_soon();
        Ok(by_id.len())
    }
}

/// The people by id; a person listed twice (paging over a changing list)
/// counts once, as first listed. A sync hands them over in id order
/// already, which the stable sort merely checks.
fn unique_by_id(people: &[Person]) -> Vec<&Person> {
    let mut by_id: Vec<&Person> = people.iter().collect();
    by_id.sort_by(|a, b| a.id.cmp(&b.id));
    by_id.dedup_by(|later, first| later.id == first.id);
    by_id
}

fn by_name<'a>(people: &[&'a Person]) -> Vec<&'a Person> {
    let mut sorted = people.to_vec();
    // Ids are unique here, so no two people compare equal.
    sorted.sort_unstable_by(|a, b| name_cmp(&a.display_name, &a.id, &b.display_name, &b.id));
    sorted
}

/// Rows the helper thread prepares before handing them to the writer.
const ROW_BATCH: usize = 256;

/// What is stored for a person besides the columns read straight off them.
struct StoredRow {
    json: String,
    search_text: String,
    licenses: String,
}

fn stored_row(person: &Person) -> Result<StoredRow> {
    Ok(StoredRow {
        json: stored_person::json(person)?,
        search_text: super::search::search_text(person),
        licenses: stored_person::licenses_text(&person.licenses),
    })
}

/// What a sync does to the rows the org already has.
struct Plan {
    /// The rowid of each person, in name order.
    rowids: Vec<i64>,
    /// Which of them already have that row (same id, same name).
    kept: HashSet<i64>,
    /// Rows of people gone, or renamed (they move to a new rowid).
    gone: Vec<i64>,
    /// The gaps are full: every row of the org is rewritten.
    renumber: bool,
}

fn plan(slot: i64, by_name: &[&Person], cached: &HashMap<String, Before>) -> Plan {
    if cached.is_empty() {
        let rowids = name_order::spread(slot, by_name.len()).collect();
        return Plan { rowids, kept: HashSet::new(), gone: Vec::new(), renumber: false };
    }
    let mut listed = HashSet::with_capacity(by_name.len());
    let mut gone = Vec::new();
    let kept_rowids: Vec<Option<i64>> = by_name
        .iter()
        .map(|p| {
            listed.insert(p.id.as_str());
            match cached.get(&p.id) {
                Some(before) if before.name == p.display_name => Some(before.rowid),
                Some(before) => {
                    gone.push(before.rowid);
                    None
                }
                None => None,
            }
        })
        .collect();
    gone.extend(cached.iter().filter(|(id, _)| !listed.contains(id.as_str())).map(|(_, b)| b.rowid));
    match name_order::fill(slot, &kept_rowids) {
        Some(rowids) => Plan { rowids, kept: kept_rowids.into_iter().flatten().collect(), gone, renumber: false },
        None => Plan {
            rowids: name_order::spread(slot, by_name.len()).collect(),
            kept: HashSet::new(),
            gone,
            renumber: true,
        },
    }
}

fn write_people(
    tx: &Transaction<'_>,
    org_id: &str,
    slot: i64,
    by_name: &[&Person],
    plan: &Plan,
    rows: impl Iterator<Item = Result<StoredRow>>,
) -> Result<()> {
    if plan.renumber {
        let (low, high) = name_order::range(slot);
        tx.execute("DELETE FROM people WHERE rowid BETWEEN ?1 AND ?2", [low, high])?;
    } else {
        let mut delete = tx.prepare("DELETE FROM people WHERE rowid = ?1")?;
        for rowid in &plan.gone {
            delete.execute([rowid])?;
        }
    }
    if plan.kept.is_empty() {
        insert_all(tx, org_id, slot, by_name, &plan.rowids, rows)?;
    } else {
        upsert(tx, org_id, by_name, plan, rows)?;
    }
    // The words of names new to the org (newcomers, renamed people).
    let fresh = by_name.iter().zip(&plan.rowids).filter(|(_, rowid)| !plan.kept.contains(rowid));
    super::name_ends::record(tx, fresh.map(|(p, _)| p.display_name.as_str()))
}

const INSERT_PERSON: &str = "INSERT INTO people
    (rowid, org_id, id, display_name, email, status, work_number, extension, search_text, json, licenses, id_key,
     slot, account, location_id, number_key)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

/// The org has no rows: write them all, then index them in one statement
/// (much faster than the insert trigger's row by row). The insert trigger
/// is dropped meanwhile and made again, inside this transaction: while it
/// exists, each insert (a trigger that may write the search index, a
/// virtual table, and indexes on `people`) keeps a statement journal and
/// copies every page it touches into it, several per person, which took
/// half the time of a first sync.
fn insert_all(
    tx: &Transaction<'_>,
    org_id: &str,
    slot: i64,
    by_name: &[&Person],
    rowids: &[i64],
    rows: impl Iterator<Item = Result<StoredRow>>,
) -> Result<()> {
    tx.execute_batch("DROP TRIGGER people_fts_insert")?;
    let mut keys = Vec::with_capacity(by_name.len());
    {
        let mut insert = tx.prepare(INSERT_PERSON)?;
        for ((person, rowid), row) in by_name.iter().zip(rowids).zip(rows) {
            keys.push((write_person(&mut insert, *rowid, org_id, person, row?)?, *rowid));
        }
    }
    stored_person::write_keys(tx, &mut keys)?;
    let (low, high) = name_order::range(slot);
    tx.execute(
        "INSERT INTO people_fts (rowid, search_text) SELECT rowid, search_text FROM people WHERE rowid BETWEEN ?1 AND ?2",
        [low, high],
    )?;
    tx.execute_batch(FTS_INSERT_TRIGGER)?;
    Ok(())
}

/// Migration 2's insert trigger, as it made it (`people_fts_paused` is no
/// longer set: the trigger is dropped instead, see `insert_all`).
pub(super) const FTS_INSERT_TRIGGER: &str = "
    CREATE TRIGGER people_fts_insert AFTER INSERT ON people
    WHEN NOT EXISTS (SELECT 1 FROM people_fts_paused) BEGIN
        INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
";

/// A resync: new people get their rows, a person whose data changed is
/// rewritten in place, and one whose data did not is not written at all,
/// so the triggers touch the search index only for real changes.
fn upsert(
    tx: &Transaction<'_>,
    org_id: &str,
    by_name: &[&Person],
    plan: &Plan,
    rows: impl Iterator<Item = Result<StoredRow>>,
) -> Result<()> {
    let mut insert = tx.prepare(INSERT_PERSON)?;
    let mut update = tx.prepare(
        "UPDATE people SET org_id = ?2, id = ?3, display_name = ?4, email = ?5, status = ?6, work_number = ?7,
           extension = ?8, search_text = ?9, json = ?10, licenses = ?11, id_key = ?12,
           slot = ?13, account = ?14, location_id = ?15, number_key = ?16
         WHERE rowid = ?1 AND (json IS NOT ?10 OR licenses IS NOT ?11)",
    )?;
    let mut new_keys = Vec::new();
    for ((person, rowid), row) in by_name.iter().zip(&plan.rowids).zip(rows) {
        if plan.kept.contains(rowid) {
            write_person(&mut update, *rowid, org_id, person, row?)?;
        } else {
            new_keys.push((write_person(&mut insert, *rowid, org_id, person, row?)?, *rowid));
        }
    }
    stored_person::write_keys(tx, &mut new_keys)
}

/// Runs `INSERT_PERSON` or the resync's update: the same values, in order.
/// Returns the person's id key.
fn write_person(
    stmt: &mut rusqlite::Statement<'_>,
    rowid: i64,
    org_id: &str,
    p: &Person,
    row: StoredRow,
) -> Result<i64> {
    let key = stored_person::id_key(org_id, &p.id);
    stmt.execute(params![
        rowid,
        org_id,
        p.id,
        p.display_name,
        p.primary_email(),
        p.status.as_deref().unwrap_or("unknown"),
        p.work_number(),
        p.extension,
        row.search_text,
        row.json,
        row.licenses,
        key,
        name_order::slot_of(rowid),
        AccountStatus::of(p.invite_pending, p.login_enabled).index(),
        p.location_id,
        number_key(p.work_number()),
    ])?;
    Ok(key)
}

/// The `number_key` column: how the users table sorts by number. No number
/// (or one without digits) sorts after every number: `~` follows the digits.
pub(super) fn number_key(work_number: Option<&str>) -> String {
    let key = work_number.map(hubdesk_rules::phone::number_sort_key).unwrap_or_default();
    if key.is_empty() {
        "~".to_owned()
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{temp_store, Store};
    use crate::webex::models::Person;
    use hubdesk_api::{PeopleQuery, PersonRow};

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: id.into(),
            display_name: name.into(),
            emails: vec![format!("{}@x.com", name.to_lowercase().replace(' ', "."))],
            licenses: vec![format!("L{}", id.len() % 2)],
            ..Default::default()
        }
    }

    fn rows(store: &Store, org: &str, text: &str) -> Vec<PersonRow> {
        let query = PeopleQuery { org_id: org.into(), text: text.into(), offset: 0, limit: 500, ..Default::default() };
        store.search_people(&query).unwrap().rows
    }

    /// What a resync leaves must read exactly like a first sync of the same list.
    fn assert_same_as_fresh(store: &Store, people: &[Person]) {
        let (_dir, fresh) = temp_store();
        fresh.replace_people("org", people).unwrap();
        for text in ["", "a", "ann", "berg", "x.com", "zed"] {
            let (got, want) = (rows(store, "org", text), rows(&fresh, "org", text));
            assert_eq!(got, want, "{text:?}");
        }
        let names: Vec<_> = rows(store, "org", "").into_iter().map(|r| r.display_name.to_lowercase()).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
        // Everyone can still be looked up by id, through one key each.
        for person in people {
            assert_eq!(store.person_detail("org", &person.id).unwrap().display_name, person.display_name);
        }
        let count = |sql: &str| store.reader().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT COUNT(*) FROM person_keys"), count("SELECT COUNT(*) FROM people"));
    }

    #[test]
    fn a_resync_slots_newcomers_and_renamed_people_into_name_order() {
        let (_dir, store) = temp_store();
        let first: Vec<_> = ["Ann Berg", "Cy Dahl", "Eve Falk", "Gus Holm"]
            .iter()
            .enumerate()
            .map(|(i, n)| person(&format!("p{i}"), n))
            .collect();
        store.replace_people("org", &first).unwrap();
        let second = vec![
            person("p0", "Ann Berg"),
            person("p1", "Zed Dahl"),   // renamed: moves to the end
            person("p9", "Bea Berg"),   // new, between Ann and Eve
            person("p8", "aaron Berg"), // new, first (names compare without case)
            person("p2", "Eve Falk"),
            person("p9", "Bea Berg"), // listed twice
        ];
        store.replace_people("org", &second).unwrap();
        assert_same_as_fresh(&store, &second[..5]);
        assert_eq!(rows(&store, "org", "").len(), 5, "Gus left, Bea counts once");
    }

    #[test]
    fn rowids_out_of_name_order_are_renumbered_by_the_next_sync() {
        let (_dir, store) = temp_store();
        let people: Vec<_> = ["Ann", "Bo", "Cy"].iter().enumerate().map(|(i, n)| person(&format!("p{i}"), n)).collect();
        store.replace_people("org", &people).unwrap();
        // What a bug or an older build could leave: Ann's and Cy's rowids swapped.
        store
            .writer()
            .execute_batch(
                "UPDATE people SET rowid = -rowid WHERE id IN ('p0', 'p2');
                 UPDATE people SET rowid = (SELECT -rowid FROM people WHERE id = 'p2') WHERE id = 'p0';
                 UPDATE people SET rowid = (SELECT MAX(rowid) FROM people) + 1 WHERE id = 'p2';",
            )
            .unwrap();
        store.replace_people("org", &people).unwrap();
        assert_same_as_fresh(&store, &people);
    }
}
