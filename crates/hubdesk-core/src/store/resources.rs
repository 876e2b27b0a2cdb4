//! The org resources besides people and licenses: groups and members,
//! locations, the Calling number inventory, Meetings session types, and
//! BroadWorks subscribers. Each is swapped in whole, with its status row,
//! in one transaction.

use std::collections::HashMap;

use rusqlite::{params, Transaction};

use super::{Result, Store, StoreError};
use crate::webex::models::{
    CallingLocation, Group, GroupMember, Location, NumberEntry, Person, SessionType, Subscriber,
};
use hubdesk_api::{ChangeKind, SyncResource};

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Runs `write` and records the resource's success in one transaction.
    fn swap(
        &self,
        org_id: &str,
        resource: SyncResource,
        count: usize,
        write: impl FnOnce(&Transaction<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        write(&tx)?;
        Store::record_sync_success_in(&tx, org_id, resource, count)?;
        tx.commit()?;
        Ok(())
    }

    pub fn replace_groups(&self, org_id: &str, groups: &[(Group, Vec<GroupMember>)]) -> Result<()> {
        self.swap(org_id, SyncResource::Groups, groups.len(), |tx| {
            tx.execute("DELETE FROM groups WHERE org_id = ?1", [org_id])?;
            tx.execute("DELETE FROM group_members WHERE org_id = ?1", [org_id])?;
            let mut group = tx.prepare(
                "INSERT OR REPLACE INTO groups (org_id, id, display_name, usage, member_size, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut member = tx.prepare(
                "INSERT OR IGNORE INTO group_members (org_id, group_id, member_id, member_type) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (g, members) in groups {
                group.execute(params![org_id, g.id, g.display_name, g.usage, g.member_size, json(g)?])?;
                for m in members {
                    member.execute(params![org_id, g.id, m.id, m.kind])?;
                }
            }
            Ok(())
        })
    }

    pub fn replace_locations(&self, org_id: &str, locations: &[Location], calling: &[CallingLocation]) -> Result<()> {
        let calling: HashMap<&str, &CallingLocation> = calling.iter().map(|c| (c.id.as_str(), c)).collect();
        self.swap(org_id, SyncResource::Locations, locations.len(), |tx| {
            tx.execute("DELETE FROM locations WHERE org_id = ?1", [org_id])?;
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO locations (org_id, id, name, calling_enabled, routing_prefix, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for l in locations {
                let enabled = calling.get(l.id.as_str());
                let prefix = enabled.and_then(|c| c.routing_prefix.clone());
                insert.execute(params![org_id, l.id, l.name, enabled.is_some(), prefix, json(l)?])?;
            }
            Ok(())
        })
    }

    pub fn replace_numbers(&self, org_id: &str, numbers: &[NumberEntry]) -> Result<()> {
        self.swap(org_id, SyncResource::Numbers, numbers.len(), |tx| {
            tx.execute("DELETE FROM numbers WHERE org_id = ?1", [org_id])?;
            let mut insert = tx.prepare(
                "INSERT INTO numbers (org_id, phone_number, extension, location_id, state, owner_id, owner_type, owner_name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for n in numbers {
                let owner = n.owner.as_ref();
                insert.execute(params![
                    org_id,
                    n.phone_number,
                    n.extension,
                    n.location.as_ref().map(|l| &l.id),
                    n.state,
                    owner.map(|o| &o.id),
                    owner.map(|o| &o.kind),
                    owner.and_then(|o| o.display_name.as_ref()),
                ])?;
            }
            Ok(())
        })
    }

    /// Session types per Meetings site of the org.
    pub fn replace_session_types(&self, org_id: &str, sites: &[(String, Vec<SessionType>)]) -> Result<()> {
        let count = sites.iter().map(|(_, types)| types.len()).sum();
        self.swap(org_id, SyncResource::SessionTypes, count, |tx| {
            tx.execute("DELETE FROM session_types WHERE org_id = ?1", [org_id])?;
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO session_types (org_id, site_url, id, name, short_name, type) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (site, types) in sites {
                for t in types {
                    insert.execute(params![org_id, site, t.id, t.name, t.short_name, t.kind])?;
                }
            }
            Ok(())
        })
    }

    /// Subscribers: all of them (`full`), or only those changed since the
    /// last sync, merged in. Status moves become changes since last sync.
    pub fn store_subscribers(&self, org_id: &str, subscribers: &[Subscriber], full: bool, sync_ms: i64) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let before = previous_statuses(&tx, org_id)?;
        let orgs = cached_org_ids(&tx)?;
        if full {
            tx.execute("DELETE FROM subscribers WHERE org_id = ?1", [org_id])?;
        }
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO subscribers
                   (org_id, id, user_id, email, display_name, package, status, provisioning_id, last_status_change, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut change = tx.prepare(
                "INSERT INTO changes (org_id, at_ms, kind, person_id, display_name, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for s in subscribers {
                let name = subscriber_name(s);
                insert.execute(params![
                    org_id,
                    s.id,
                    s.user_id,
                    s.email,
                    name,
                    s.package,
                    s.status,
                    s.provisioning_id,
                    s.last_status_change,
                    json(s)?
                ])?;
                if let Some((old, old_person)) = before.get(&s.id).filter(|(old, _)| *old != s.status) {
                    let detail = format!("{old} → {}", s.status);
                    let person_id = s.person_id.as_deref().or(old_person.as_deref());
                    let (org, who, name) = match subscriber_person(&tx, &orgs, person_id)? {
                        Some((org, person)) => (org, person.id, person.display_name),
                        None => (org_id.to_owned(), s.id.clone(), name),
                    };
                    change.execute(params![org, sync_ms, ChangeKind::SubscriberStatus.as_str(), who, name, detail])?;
                }
            }
        }
        let total: i64 = tx.query_row("SELECT COUNT(*) FROM subscribers WHERE org_id = ?1", [org_id], |r| r.get(0))?;
        Store::record_sync_success_in(&tx, org_id, SyncResource::Subscribers, total as usize)?;
        tx.commit()?;
        Ok(())
    }

    /// When the subscribers were last synced completely or incrementally.
    pub fn subscribers_synced_at(&self, org_id: &str) -> Result<Option<i64>> {
        Ok(self
            .sync_status(org_id)?
            .into_iter()
            .find(|s| s.resource == SyncResource::Subscribers)
            .and_then(|s| s.last_success_ms))
    }

    /// How many rows a resource holds for an org (tests, summaries).
    pub fn count_rows(&self, table: ResourceTable, org_id: &str) -> Result<u32> {
        Ok(self.reader().query_row(table.count_sql(), [org_id], |r| r.get(0))?)
    }
}

/// Tables whose rows can be counted per org.
#[derive(Debug, Clone, Copy)]
pub enum ResourceTable {
    Groups,
    GroupMembers,
    Locations,
    CallingLocations,
    Numbers,
    SessionTypes,
    Subscribers,
}

impl ResourceTable {
    fn count_sql(self) -> &'static str {
        match self {
            ResourceTable::Groups => "SELECT COUNT(*) FROM groups WHERE org_id = ?1",
            ResourceTable::GroupMembers => "SELECT COUNT(*) FROM group_members WHERE org_id = ?1",
            ResourceTable::Locations => "SELECT COUNT(*) FROM locations WHERE org_id = ?1",
            ResourceTable::CallingLocations => {
                "SELECT COUNT(*) FROM locations WHERE org_id = ?1 AND calling_enabled = 1"
            }
            ResourceTable::Numbers => "SELECT COUNT(*) FROM numbers WHERE org_id = ?1",
            ResourceTable::SessionTypes => "SELECT COUNT(*) FROM session_types WHERE org_id = ?1",
            ResourceTable::Subscribers => "SELECT COUNT(*) FROM subscribers WHERE org_id = ?1",
        }
    }
}

/// Each cached subscriber's status, and the Webex user it became (Webex
/// leaves `personId` out while the subscriber is updating).
fn previous_statuses(tx: &Transaction<'_>, org_id: &str) -> Result<HashMap<String, (String, Option<String>)>> {
    let mut stmt =
        tx.prepare("SELECT id, status, json_extract(json, '$.personId') FROM subscribers WHERE org_id = ?1")?;
    let rows = stmt.query_map([org_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn cached_org_ids(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let mut stmt = tx.prepare("SELECT id FROM orgs")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The Webex user a provisioned subscriber became, and the (customer) org
/// that user is cached in: a status change is that person's, and opens
/// them. Subscribers are listed by the partner; their users live in the
/// customers' orgs.
fn subscriber_person(
    tx: &Transaction<'_>,
    orgs: &[String],
    person_id: Option<&str>,
) -> Result<Option<(String, Person)>> {
    let Some(person_id) = person_id else { return Ok(None) };
    for org in orgs {
        if let Some((_, person)) = super::stored_person::find(tx, org, person_id)? {
            return Ok(Some((org.clone(), person)));
        }
    }
    Ok(None)
}

pub(super) fn subscriber_name(s: &Subscriber) -> String {
    let name = format!("{} {}", s.first_name.as_deref().unwrap_or(""), s.last_name.as_deref().unwrap_or(""));
    let name = name.trim();
    if name.is_empty() {
        s.user_id.clone().unwrap_or_else(|| s.id.clone())
    } else {
        name.to_owned()
    }
}
