//! Webex for BroadWorks in the cache: subscribers kept searchable for the
//! status view (B3, B5), and the enterprises that map each to its customer.
//!
//! Subscribers are indexed like people (`search`): the words of the user
//! id, name, email, numbers and extension, and filter words (status,
//! package, customer, partner) that begin with the private-use mark of
//! `facets`, so counts per status and windows come off the index alone.
//! Prefixes up to six characters are indexed: a number's first digits are
//! shared by thousands of distinct numbers, and FTS5 answers a longer
//! prefix by merging the list of every word it starts (50 ms for "4521"
//! over 50,000 subscribers without its own prefix index).
//! Rowids follow the last status change: every write deletes the row and
//! inserts it again, after any row written before, and a sync writes its
//! batch oldest change first. An incremental sync brings exactly the rows
//! changed since the previous one, so "newest status change first" is
//! rowid order, descending, with no sorting.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rusqlite_migration::{HookError, HookResult};

use super::facets::{fnv1a, FACET_MARK};
use super::search::Words;
use super::{now_ms, Result, Store, StoreError};
use crate::webex::models::{Enterprise, Subscriber};
use hubdesk_api::{SubscriberPackage, SubscriberStatus};

/// Migration 6: subscribers get rowids (the index points at them), their
/// customer and search words; enterprises are cached. The hook moves the
/// cached subscribers over in status-change order.
pub(super) const MIGRATION: &str = r#"
    ALTER TABLE subscribers RENAME TO subscribers_v1;
    CREATE TABLE subscribers (
        org_id             TEXT NOT NULL,
        id                 TEXT NOT NULL,
        user_id            TEXT,
        email              TEXT,
        display_name       TEXT NOT NULL,
        package            TEXT,
        status             TEXT NOT NULL,
        provisioning_id    TEXT,
        sp_enterprise_id   TEXT,
        -- the customer org its enterprise belongs to (NULL: unmapped)
        customer_org_id    TEXT,
        last_status_change TEXT,
        -- the words subscribers_fts holds (see broadworks.rs)
        search_text        TEXT NOT NULL,
        json               TEXT NOT NULL,
        UNIQUE (org_id, id)
    );
    CREATE VIRTUAL TABLE subscribers_fts USING fts5(
        search_text, content = 'subscribers', content_rowid = 'rowid',
        tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'", prefix = '1 2 3 4 5 6',
        detail = none, columnsize = 0
    );
    CREATE TRIGGER subscribers_fts_insert AFTER INSERT ON subscribers BEGIN
        INSERT INTO subscribers_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
    CREATE TRIGGER subscribers_fts_delete AFTER DELETE ON subscribers BEGIN
        INSERT INTO subscribers_fts (subscribers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END;
    CREATE TRIGGER subscribers_fts_update AFTER UPDATE ON subscribers BEGIN
        INSERT INTO subscribers_fts (subscribers_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        INSERT INTO subscribers_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
    END;
    -- The partner's BroadWorks enterprises: one per customer template.
    CREATE TABLE bw_enterprises (
        org_id           TEXT NOT NULL,
        id               TEXT NOT NULL,
        customer_org_id  TEXT NOT NULL,
        provisioning_id  TEXT,
        sp_enterprise_id TEXT,
        PRIMARY KEY (org_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE bw_enterprises_synced (
        org_id    TEXT PRIMARY KEY,
        synced_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
"#;

/// Migration 6's hook: the cached subscribers, indexed, oldest change first.
pub(super) fn migrate(tx: &Transaction<'_>) -> HookResult {
    let mut by_org: HashMap<String, Vec<Subscriber>> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT org_id, json FROM subscribers_v1")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (org, json) = row?;
            // A row that no longer parses is dropped: the next sync brings it.
            if let Ok(s) = serde_json::from_str::<Subscriber>(&json) {
                by_org.entry(org).or_default().push(s);
            }
        }
    }
    for (org, mut subscribers) in by_org {
        write_subscribers(tx, &org, &mut subscribers).map_err(|e| HookError::Hook(e.to_string()))?;
    }
    tx.execute_batch("DROP TABLE subscribers_v1;")?;
    Ok(())
}

/// Writes `subscribers` (sorted here, oldest status change first) after
/// every row written before, each replacing any cached row of its id.
pub(super) fn write_subscribers(tx: &Connection, org_id: &str, subscribers: &mut [Subscriber]) -> Result<()> {
    subscribers.sort_by_cached_key(|s| (change_ms(s), s.id.clone()));
    let customers = Customers::load(tx, org_id)?;
    // An explicit delete: INSERT OR REPLACE would not run the delete
    // trigger, and the index would keep the old words.
    let mut delete = tx.prepare_cached("DELETE FROM subscribers WHERE org_id = ?1 AND id = ?2")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO subscribers
           (org_id, id, user_id, email, display_name, package, status, provisioning_id, sp_enterprise_id,
            customer_org_id, last_status_change, search_text, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for s in subscribers.iter() {
        let customer = customers.of(s);
        let json = serde_json::to_string(s).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        delete.execute(params![org_id, s.id])?;
        insert.execute(params![
            org_id,
            s.id,
            s.user_id,
            s.email,
            display_name(s),
            s.package,
            s.status,
            s.provisioning_id,
            s.sp_enterprise_id,
            customer,
            s.last_status_change,
            search_text(org_id, s, customer),
            json
        ])?;
    }
    Ok(())
}

/// Epoch ms of the subscriber's last status change (0 when absent).
fn change_ms(s: &Subscriber) -> i64 {
    s.last_status_change
        .as_deref()
        .and_then(|t| time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
        .map_or(0, |t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
}

pub(super) fn display_name(s: &Subscriber) -> String {
    let name = format!("{} {}", s.first_name.as_deref().unwrap_or(""), s.last_name.as_deref().unwrap_or(""));
    let name = name.trim();
    if name.is_empty() {
        s.user_id.clone().unwrap_or_else(|| s.id.clone())
    } else {
        name.to_owned()
    }
}

/// The indexed words: user id, name, email, numbers (their digits),
/// extension, then the filter words.
fn search_text(org_id: &str, s: &Subscriber, customer: Option<&str>) -> String {
    let mut words = Words::default();
    for text in [&s.user_id, &s.first_name, &s.last_name, &s.email, &s.extension].into_iter().flatten() {
        words.add_text(text);
    }
    for number in [&s.primary_phone_number, &s.mobile_phone_number].into_iter().flatten() {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            words.add(&digits);
        }
    }
    for word in [
        every_word(),
        partner_word(org_id),
        status_word(SubscriberStatus::parse(&s.status)),
        package_word(s.package.as_deref().and_then(SubscriberPackage::parse)),
        customer_word(customer),
    ] {
        words.add(&word);
    }
    words.text
}

// The filter words. Stored in every cache's index: a change needs a migration.

/// Every subscriber carries it: a query with no other word.
pub(super) fn every_word() -> String {
    format!("{FACET_MARK}ba")
}

/// The partner org the subscriber is cached under.
pub(super) fn partner_word(org_id: &str) -> String {
    format!("{FACET_MARK}bo{:016x}", fnv1a(org_id))
}

/// `None`: a status this build does not know.
pub(super) fn status_word(status: Option<SubscriberStatus>) -> String {
    match status {
        Some(s) => format!("{FACET_MARK}bs{}", s.index()),
        None => format!("{FACET_MARK}bsx"),
    }
}

pub(super) fn package_word(package: Option<SubscriberPackage>) -> String {
    match package {
        Some(p) => format!("{FACET_MARK}bk{}", p.index()),
        None => format!("{FACET_MARK}bkx"),
    }
}

/// `None`: unmapped.
pub(super) fn customer_word(customer_org_id: Option<&str>) -> String {
    match customer_org_id {
        Some(id) => format!("{FACET_MARK}bc{:016x}", fnv1a(id)),
        None => format!("{FACET_MARK}bcnone"),
    }
}

/// The partner's enterprises, by `spEnterpriseId` and by `provisioningId`.
struct Customers {
    by_enterprise: HashMap<String, String>,
    by_template: HashMap<String, String>,
}

impl Customers {
    fn load(conn: &Connection, org_id: &str) -> Result<Customers> {
        let mut stmt = conn.prepare_cached(
            "SELECT customer_org_id, sp_enterprise_id, provisioning_id FROM bw_enterprises WHERE org_id = ?1",
        )?;
        let mut customers = Customers { by_enterprise: HashMap::new(), by_template: HashMap::new() };
        let rows = stmt.query_map([org_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        for row in rows {
            let (customer, enterprise, template) = row?;
            if let Some(e) = enterprise {
                customers.by_enterprise.insert(e, customer.clone());
            }
            if let Some(t) = template {
                customers.by_template.insert(t, customer);
            }
        }
        Ok(customers)
    }

    /// By the subscriber's `spEnterpriseId`, else by its `provisioningId`.
    fn of(&self, s: &Subscriber) -> Option<&str> {
        fn by<'a>(map: &'a HashMap<String, String>, key: &Option<String>) -> Option<&'a str> {
            key.as_ref().and_then(|k| map.get(k)).map(String::as_str)
        }
        by(&self.by_enterprise, &s.sp_enterprise_id).or_else(|| by(&self.by_template, &s.provisioning_id))
    }
}

impl Store {
    /// Replaces the partner's enterprises, and maps every cached subscriber
    /// to its customer again (only the rows whose customer changed are
    /// written, keeping their place in the status view).
    pub fn replace_enterprises(&self, org_id: &str, enterprises: &[Enterprise]) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM bw_enterprises WHERE org_id = ?1", [org_id])?;
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO bw_enterprises (org_id, id, customer_org_id, provisioning_id, sp_enterprise_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in enterprises {
                insert.execute(params![org_id, e.id, e.org_id, e.provisioning_id, e.sp_enterprise_id])?;
            }
        }
        remap(&tx, org_id)?;
        tx.execute(
            "INSERT OR REPLACE INTO bw_enterprises_synced (org_id, synced_ms) VALUES (?1, ?2)",
            params![org_id, now_ms()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// When the partner's enterprises were last fetched.
    pub fn enterprises_synced_at(&self, org_id: &str) -> Result<Option<i64>> {
        Ok(self
            .reader()
            .query_row("SELECT synced_ms FROM bw_enterprises_synced WHERE org_id = ?1", [org_id], |r| r.get(0))
            .optional()?)
    }

    /// Cached subscribers of the partner that map to no customer.
    pub fn unmapped_subscribers(&self, org_id: &str) -> Result<u32> {
        Ok(self.reader().query_row(
            "SELECT COUNT(*) FROM subscribers WHERE org_id = ?1 AND customer_org_id IS NULL",
            [org_id],
            |r| r.get(0),
        )?)
    }
}

/// Maps the partner's cached subscribers to their customers again.
fn remap(tx: &Transaction<'_>, org_id: &str) -> Result<()> {
    let customers = Customers::load(tx, org_id)?;
    let mut changed = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT rowid, customer_org_id, json FROM subscribers WHERE org_id = ?1")?;
        let rows = stmt.query_map([org_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (rowid, old, json) = row?;
            let s: Subscriber = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let new = customers.of(&s).map(str::to_owned);
            if new != old {
                let text = search_text(org_id, &s, new.as_deref());
                changed.push((rowid, new, text));
            }
        }
    }
    let mut update = tx.prepare("UPDATE subscribers SET customer_org_id = ?2, search_text = ?3 WHERE rowid = ?1")?;
    for (rowid, customer, text) in changed {
        update.execute(params![rowid, customer, text])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_and_typed_text_share_one_tokenizer() {
        assert!(MIGRATION.contains(crate::store::search::TOKENIZER));
    }

    #[test]
    fn migration_6_indexes_a_version_5_caches_subscribers_oldest_change_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::migrations::up_to_migration_5().to_latest(&mut conn).unwrap();
            for (id, name, status, at) in
                [("S1", "Ann", "error", "2025-01-02T00:00:00Z"), ("S2", "Bo", "error", "2025-01-01T00:00:00Z")]
            {
                let json =
                    format!(r#"{{"id":"{id}","firstName":"{name}","status":"{status}","lastStatusChange":"{at}"}}"#);
                conn.execute(
                    "INSERT INTO subscribers (org_id, id, display_name, status, last_status_change, json)
                     VALUES ('P', ?1, ?2, ?3, ?4, ?5)",
                    params![id, name, status, at, json],
                )
                .unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        let page = store.broadworks_subscribers(&hubdesk_api::SubscriberQuery::default()).unwrap();
        assert_eq!(page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["S1", "S2"], "newest change first");
        let query = hubdesk_api::SubscriberQuery { text: "bo".into(), ..Default::default() };
        assert_eq!(store.broadworks_subscribers(&query).unwrap().rows[0].id, "S2", "searchable");
    }

    #[test]
    fn filter_words_are_stable() {
        // Stored in every cache's index: a change here needs a migration.
        assert_eq!(status_word(Some(SubscriberStatus::Error)), "\u{E000}bs0");
        assert_eq!(package_word(Some(SubscriberPackage::Premium)), "\u{E000}bk3");
        assert_eq!(customer_word(None), "\u{E000}bcnone");
        assert_ne!(customer_word(Some("a")), customer_word(Some("b")));
        assert_ne!(partner_word("a"), customer_word(Some("a")));
    }

    #[test]
    fn the_words_hold_user_id_name_email_numbers_and_extension() {
        let s = Subscriber {
            id: "S1".into(),
            person_id: None,
            user_id: Some("2145550101@bw.example".into()),
            sp_enterprise_id: Some("SP+1".into()),
            first_name: Some("Åsa".into()),
            last_name: Some("Björk".into()),
            email: Some("asa.bjork@gota.example".into()),
            primary_phone_number: Some("+46 8 123 45".into()),
            mobile_phone_number: Some("070-111".into()),
            extension: Some("4711".into()),
            package: Some("premium".into()),
            status: "error".into(),
            errors: vec![],
            last_status_change: None,
            provisioning_id: None,
        };
        let text = search_text("P", &s, Some("C"));
        for word in ["2145550101", "bw", "åsa", "björk", "asa", "gota", "46812345", "070111", "4711"] {
            assert!(text.split(' ').any(|w| w == word), "{word} in {text}");
        }
        assert!(text.contains(&customer_word(Some("C"))));
        assert!(text.contains(&status_word(Some(SubscriberStatus::Error))));
    }
}
