//! People, licenses and who holds which license, per org.

use rusqlite::{params, OptionalExtension};

use super::{stored_person, Result, Store, StoreError};
use crate::webex::models::{License, Person};
use hubdesk_api::{PersonDetail, PersonLicense, PhoneNumber, SyncResource};
use hubdesk_rules::phone::readable_number;

impl Store {
    pub fn replace_licenses(&self, org_id: &str, licenses: &[License]) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM licenses WHERE org_id = ?1", [org_id])?;
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO licenses
                   (org_id, id, name, total_units, consumed_units, consumed_by_users, subscription_id, site_url)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for l in licenses {
                insert.execute(params![
                    org_id,
                    l.id,
                    l.name,
                    l.total_units,
                    l.consumed_units,
                    l.consumed_by_users,
                    l.subscription_id,
                    l.site_url
                ])?;
            }
        }
        Store::record_sync_success_in(&tx, org_id, SyncResource::Licenses, licenses.len())?;
        tx.commit()?;
        Ok(())
    }

    /// Every cached person of an org, by name (for exports): rowids follow
    /// names (see `name_order`).
    pub fn people_of_org(&self, org_id: &str) -> Result<Vec<Person>> {
        let conn = self.reader();
        let Some((low, high)) = super::name_order::org_range(&conn, org_id)? else { return Ok(Vec::new()) };
        let sql = format!("SELECT {} FROM people WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid", stored_person::COLUMNS);
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([low, high], |r| stored_person::from_row(r, 0))?;
        rows.map(|person| person?).collect()
    }

    /// Every cached license of an org, by name.
    pub fn licenses_of_org(&self, org_id: &str) -> Result<Vec<License>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT id, name, total_units, consumed_units, consumed_by_users, subscription_id, site_url
             FROM licenses WHERE org_id = ?1 ORDER BY name, subscription_id, id",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            Ok(License {
                id: r.get(0)?,
                name: r.get(1)?,
                total_units: r.get(2)?,
                consumed_units: r.get(3)?,
                consumed_by_users: r.get(4)?,
                subscription_id: r.get(5)?,
                site_url: r.get(6)?,
                site_type: None,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn person_detail(&self, org_id: &str, person_id: &str) -> Result<PersonDetail> {
        let conn = self.reader();
        let (_, person) = stored_person::find(&conn, org_id, person_id)?
            .ok_or_else(|| StoreError::NotFound(format!("person {person_id} is not in the cache")))?;
        let mut stmt = conn
            .prepare_cached("SELECT id, name, site_url, subscription_id FROM licenses WHERE org_id = ?1 AND id = ?2")?;
        let mut licenses = Vec::new();
        for id in &person.licenses {
            let known = stmt
                .query_row([org_id, id], |r| {
                    Ok(PersonLicense {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        site_url: r.get(2)?,
                        subscription_id: r.get(3)?,
                    })
                })
                .optional()?;
            // A license id we have no record of still shows, by its id.
            licenses.push(known.unwrap_or(PersonLicense {
                id: id.clone(),
                name: id.clone(),
                site_url: None,
                subscription_id: None,
            }));
        }
        licenses.sort_by(|a, b| a.name.cmp(&b.name));
        let location_name = match &person.location_id {
            Some(id) => conn
                .prepare_cached("SELECT name FROM locations WHERE org_id = ?1 AND id = ?2")?
                .query_row([org_id, id], |r| r.get(0))
                .optional()?,
            None => None,
        };
        Ok(detail_from(org_id, person, licenses, location_name))
    }
}

fn detail_from(org_id: &str, p: Person, licenses: Vec<PersonLicense>, location_name: Option<String>) -> PersonDetail {
    PersonDetail {
        id: p.id,
        org_id: org_id.to_owned(),
        display_name: p.display_name,
        first_name: p.first_name,
        last_name: p.last_name,
        emails: p.emails,
        status: p.status.unwrap_or_else(|| "unknown".into()),
        phone_numbers: p
            .phone_numbers
            .into_iter()
            .map(|n| PhoneNumber {
                readable: readable_number(&n.value),
                kind: n.kind,
                value: n.value,
                primary: n.primary,
            })
            .collect(),
        extension: p.extension,
        location_id: p.location_id,
        location_name,
        department: p.department,
        title: p.title,
        created: p.created,
        last_activity: p.last_activity,
        invite_pending: p.invite_pending,
        login_enabled: p.login_enabled,
        licenses,
        site_urls: p.site_urls,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::Location;
    use hubdesk_api::PeopleQuery;

    fn person(id: &str, name: &str, email: &str, licenses: &[&str]) -> Person {
        Person {
            id: id.into(),
            display_name: name.into(),
            emails: vec![email.into()],
            licenses: licenses.iter().map(|s| s.to_string()).collect(),
            status: Some("active".into()),
            ..Default::default()
        }
    }

    fn license(id: &str, name: &str) -> License {
        License {
            id: id.into(),
            name: name.into(),
            total_units: 10,
            consumed_units: 1,
            consumed_by_users: Some(1),
            subscription_id: None,
            site_url: None,
            site_type: None,
        }
    }

    fn query(org: &str, text: &str) -> PeopleQuery {
        PeopleQuery { org_id: org.into(), text: text.into(), offset: 0, limit: 100, ..Default::default() }
    }

    #[test]
    fn orgs_do_not_see_each_other() {
        let (_dir, store) = temp_store();
        store.replace_people("a", &[person("1", "Ann", "ann@a.com", &[])]).unwrap();
        store.replace_people("b", &[person("2", "Bo", "bo@b.com", &[])]).unwrap();
        assert_eq!(store.search_people(&query("a", "")).unwrap().total, 1);
        assert!(store.person_detail("a", "2").is_err());
    }

    #[test]
    fn replacing_people_removes_those_gone_and_their_licenses() {
        let (_dir, store) = temp_store();
        store.replace_licenses("org", &[license("L1", "Messaging")]).unwrap();
        store
            .replace_people("org", &[person("1", "Ann", "ann@x.com", &["L1"]), person("2", "Bo", "bo@x.com", &["L1"])])
            .unwrap();
        store.replace_people("org", &[person("1", "Ann", "ann@x.com", &["L1"])]).unwrap();
        let page = store.search_people(&query("org", "")).unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(page.rows[0].licenses, ["Messaging"]);
        let status = store.sync_status("org").unwrap();
        let people = status.iter().find(|s| s.resource == SyncResource::People).unwrap();
        assert_eq!(people.item_count, 1);
    }

    #[test]
    fn detail_names_licenses_and_keeps_unknown_ones_by_id() {
        let (_dir, store) = temp_store();
        store.replace_licenses("org", &[license("L1", "Webex Calling - Professional")]).unwrap();
        store.replace_people("org", &[person("1", "Ann", "ann@x.com", &["L1", "L9"])]).unwrap();
        let d = store.person_detail("org", "1").unwrap();
        let names: Vec<_> = d.licenses.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["L9", "Webex Calling - Professional"]);
        assert_eq!(d.emails, ["ann@x.com"]);
    }

    fn location(id: &str, name: &str) -> Location {
        Location { id: id.into(), name: name.into(), time_zone: None, address: None }
    }

    #[test]
    fn detail_names_the_cached_location_and_leaves_an_unknown_one_unnamed() {
        let (_dir, store) = temp_store();
        store.replace_locations("org", &[location("LOC1", "Oslo HQ")], &[]).unwrap();
        store.replace_locations("other", &[location("LOC2", "Bergen")], &[]).unwrap();
        let at = |id: &str, location: &str| Person {
            location_id: Some(location.into()),
            ..person(id, "Ann", "a@x.com", &[])
        };
        store.replace_people("org", &[at("1", "LOC1"), at("2", "LOC2"), person("3", "Bo", "bo@x.com", &[])]).unwrap();

        let known = store.person_detail("org", "1").unwrap();
        assert_eq!((known.location_id.as_deref(), known.location_name.as_deref()), (Some("LOC1"), Some("Oslo HQ")));
        // Another org's location of that id is not this org's.
        let elsewhere = store.person_detail("org", "2").unwrap();
        assert_eq!((elsewhere.location_id.as_deref(), elsewhere.location_name), (Some("LOC2"), None));
        assert_eq!(store.person_detail("org", "3").unwrap().location_name, None);
    }
}
