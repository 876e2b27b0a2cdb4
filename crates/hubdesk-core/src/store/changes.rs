//! Changes since the last sync: computed while a new people list is swapped
//! in, by comparing it with the rows it replaces, in the same transaction.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Transaction};

use super::{now_ms, Result, Store};
use crate::webex::models::Person;
use hubdesk_api::{ChangeKind, ChangeRow, SyncResource};

/// Changes older than this are forgotten.
const KEEP_MS: i64 = 90 * 24 * 3600 * 1000;

/// What a person looked like in the cache before the swap.
pub(super) struct Before {
    pub(super) rowid: i64,
    pub(super) name: String,
    work_number: Option<String>,
    extension: Option<String>,
    pub(super) licenses: BTreeSet<String>,
}

/// The org's people as cached, by id, and whether a sync ever succeeded
/// (on a first sync there is nothing to compare with: everyone would look
/// "added").
pub(super) struct Cached {
    pub(super) synced: bool,
    pub(super) people: HashMap<String, Before>,
}

pub(super) fn snapshot(tx: &Transaction<'_>, org_id: &str) -> Result<Cached> {
    let synced: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_status WHERE org_id = ?1 AND resource = ?2 AND last_success_ms IS NOT NULL)",
        params![org_id, SyncResource::People.as_str()],
        |r| r.get(0),
    )?;
    let mut people = HashMap::new();
    let Some((low, high)) = super::name_order::org_range(tx, org_id)? else { return Ok(Cached { synced, people }) };
    let mut stmt = tx.prepare(
        "SELECT id, rowid, display_name, work_number, extension, licenses FROM people WHERE rowid BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map([low, high], |r| {
        let before = Before {
            rowid: r.get(1)?,
            name: r.get(2)?,
            work_number: r.get(3)?,
            extension: r.get(4)?,
            licenses: super::stored_person::split_licenses(&r.get::<_, String>(5)?).into_iter().collect(),
        };
        Ok((r.get::<_, String>(0)?, before))
    })?;
    for row in rows {
        let (id, before) = row?;
        people.insert(id, before);
    }
    Ok(Cached { synced, people })
}

/// Writes one row per difference between `before` and `after`.
pub(super) fn record(
    tx: &Transaction<'_>,
    org_id: &str,
    before: &HashMap<String, Before>,
    after: &[&Person],
    at: i64,
) -> Result<usize> {
    let names = license_names(tx, org_id)?;
    let license_name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut insert = tx.prepare(
        "INSERT INTO changes (org_id, at_ms, kind, person_id, display_name, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut count = 0;
    let mut add = |kind: ChangeKind, id: &str, name: &str, detail: Option<String>| -> Result<()> {
        insert.execute(params![org_id, at, kind.as_str(), id, name, detail])?;
        count += 1;
        Ok(())
    };
    let mut seen = BTreeSet::new();
    for person in after {
        seen.insert(person.id.as_str());
        let name = person.display_name.as_str();
        let Some(old) = before.get(&person.id) else {
            add(ChangeKind::PersonAdded, &person.id, name, None)?;
            continue;
        };
        let now: BTreeSet<&str> = person.licenses.iter().map(String::as_str).collect();
        for gained in now.iter().filter(|l| !old.licenses.contains(**l)) {
            add(ChangeKind::LicenseGained, &person.id, name, Some(license_name(gained)))?;
        }
        for lost in old.licenses.iter().filter(|l| !now.contains(l.as_str())) {
            add(ChangeKind::LicenseLost, &person.id, name, Some(license_name(lost)))?;
        }
        if old.work_number.as_deref() != person.work_number() {
            add(ChangeKind::NumberChanged, &person.id, name, Some(arrow(&old.work_number, person.work_number())))?;
        }
        if old.extension != person.extension {
            add(
                ChangeKind::ExtensionChanged,
                &person.id,
                name,
                Some(arrow(&old.extension, person.extension.as_deref())),
            )?;
        }
    }
    for (id, old) in before.iter().filter(|(id, _)| !seen.contains(id.as_str())) {
        add(ChangeKind::PersonRemoved, id, &old.name, None)?;
    }
    tx.execute("DELETE FROM changes WHERE org_id = ?1 AND at_ms < ?2", params![org_id, now_ms() - KEEP_MS])?;
    Ok(count)
}

fn license_names(tx: &Transaction<'_>, org_id: &str) -> Result<HashMap<String, String>> {
    let mut stmt = tx.prepare("SELECT id, name FROM licenses WHERE org_id = ?1")?;
    let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn arrow(old: &Option<String>, new: Option<&str>) -> String {
    format!("{} → {}", old.as_deref().unwrap_or("—"), new.unwrap_or("—"))
}

impl Store {
    /// The newest changes of an org, newest first.
    pub fn changes(&self, org_id: &str, limit: u32) -> Result<Vec<ChangeRow>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT at_ms, kind, person_id, display_name, detail FROM changes
             WHERE org_id = ?1 ORDER BY at_ms DESC, rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![org_id, limit], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at_ms, kind, person_id, display_name, detail) = row?;
            // Kinds written by a newer build are skipped, not fatal.
            let Some(kind) = ChangeKind::parse(&kind) else { continue };
            let cached = super::stored_person::find(&conn, org_id, &person_id)?.is_some();
            out.push(ChangeRow { at_ms, kind, person_id, display_name, detail, cached });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::temp_store;
    use crate::webex::models::{License, Person, PhoneNumber};
    use hubdesk_api::ChangeKind;

    fn person(id: &str, name: &str, licenses: &[&str], number: Option<&str>) -> Person {
        Person {
            id: id.into(),
            display_name: name.into(),
            licenses: licenses.iter().map(|s| s.to_string()).collect(),
            phone_numbers: number
                .map(|n| vec![PhoneNumber { kind: "work".into(), value: n.into(), primary: true }])
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    #[test]
    fn a_first_sync_records_nothing_and_a_resync_records_each_difference() {
        let (_dir, store) = temp_store();
        let calling = License {
            id: "L1".into(),
            name: "Webex Calling - Professional".into(),
            total_units: 1,
            consumed_units: 1,
            consumed_by_users: None,
            subscription_id: None,
            site_url: None,
            site_type: None,
        };
        store.replace_licenses("org", &[calling]).unwrap();
        store
            .replace_people("org", &[person("a", "Ann", &["L1"], Some("+4511")), person("b", "Bo", &[], None)])
            .unwrap();
        assert!(store.changes("org", 100).unwrap().is_empty(), "first sync: no baseline");
        let stamp = crate::store::now_ms() - 60_000;

        store
            .replace_people_at(
                "org",
                &[person("a", "Ann", &[], Some("+4522")), person("c", "Cy", &["L1"], None)],
                stamp,
            )
            .unwrap();
        let changes = store.changes("org", 100).unwrap();
        assert!(changes.iter().all(|c| c.at_ms == stamp), "every change carries its sync run's stamp");
        let mut seen: Vec<_> =
            changes.into_iter().map(|c| (c.kind, c.display_name, c.detail.unwrap_or_default())).collect();
        seen.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)));
        assert_eq!(
            seen,
            [
                (ChangeKind::NumberChanged, "Ann".to_owned(), "+4511 → +4522".to_owned()),
                (ChangeKind::LicenseLost, "Ann".to_owned(), "Webex Calling - Professional".to_owned()),
                (ChangeKind::PersonRemoved, "Bo".to_owned(), String::new()),
                (ChangeKind::PersonAdded, "Cy".to_owned(), String::new()),
            ]
        );
        store
            .replace_people("org", &[person("a", "Ann", &[], Some("+4522")), person("c", "Cy", &["L1"], None)])
            .unwrap();
        assert_eq!(store.changes("org", 100).unwrap().len(), 4, "an identical resync adds nothing");
    }
}
