//! The status view's reads (B3, B5): a window of subscribers, newest status
//! change first, with the counts per status, all off `subscribers_fts`
//! (see `broadworks`); every row a query matches, for the export; the
//! filter choices; the numbers per customer template.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::broadworks::{customer_word, every_word, package_word, partner_word, status_word};
use super::search::typed_words;
use super::{facets::quoted, Result, Store};
use crate::webex::models::Subscriber;
use hubdesk_api::{
    BroadworksOptions, CustomerOption, StatusCount, SubscriberErrorText, SubscriberPackage, SubscriberPage,
    SubscriberQuery, SubscriberRow, SubscriberStatus, SyncResource,
};
use hubdesk_rules::broadworks::actions as broadworks_rules;

/// The most rows one window holds; the table asks for windows.
pub const MAX_WINDOW: u32 = 500;

/// A subscriber's numbers per customer template (provisioning id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateCounts {
    pub provisioning_id: String,
    pub subscribers: u32,
    pub pending_email_input: u32,
}

/// A customer template as the enterprises name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateEnterprise {
    pub provisioning_id: String,
    pub sp_enterprise_id: Option<String>,
    pub customer_org_id: String,
    pub customer_name: Option<String>,
}

const ROW_COLUMNS: &str = "s.id, s.customer_org_id, o.display_name, s.json";

impl Store {
    /// One window of the status view and its counts per status.
    pub fn broadworks_subscribers(&self, query: &SubscriberQuery) -> Result<SubscriberPage> {
        let conn = self.reader();
        let Some(base) = base_query(&conn, query)? else {
            return Ok(empty_page(query));
        };
        let mut counts = Vec::with_capacity(SubscriberStatus::ALL.len());
        for status in SubscriberStatus::ALL {
            let count = count(&conn, &format!("{base} AND {}", quoted(&status_word(Some(status)))))?;
            counts.push(StatusCount { status, count });
        }
        let full = with_statuses(&base, query);
        let total = match &full {
            None => 0,
            Some(q) if *q == base => count(&conn, &base)?,
            Some(_) => {
                let shown = shown_statuses(query);
                counts.iter().filter(|c| shown.contains(&c.status)).map(|c| c.count).sum()
            }
        };
        let limit = query.limit.min(MAX_WINDOW);
        let rows = match &full {
            Some(q) if limit > 0 && query.offset < total => rows(&conn, q, Some((query.offset, limit)))?,
            _ => Vec::new(),
        };
        Ok(SubscriberPage { rows, total, offset: query.offset, counts })
    }

    /// Every row the query matches (its offset and limit ignored), in the
    /// view's order: what an export writes.
    pub fn broadworks_all_rows(&self, query: &SubscriberQuery) -> Result<Vec<SubscriberRow>> {
        let conn = self.reader();
        let Some(base) = base_query(&conn, query)? else { return Ok(Vec::new()) };
        match with_statuses(&base, query) {
            Some(q) => rows(&conn, &q, None),
            None => Ok(Vec::new()),
        }
    }

    /// The customers and packages to filter by, and the last refresh.
    pub fn broadworks_options(&self) -> Result<BroadworksOptions> {
        let conn = self.reader();
        let partner = home_org(&conn)?;
        let mut stmt = conn.prepare(
            "SELECT e.customer_org_id, o.display_name,
                    (SELECT COUNT(*) FROM subscribers s WHERE s.org_id = e.org_id AND s.customer_org_id = e.customer_org_id)
             FROM (SELECT DISTINCT org_id, customer_org_id FROM bw_enterprises WHERE ?1 IS NULL OR org_id = ?1) e
             LEFT JOIN orgs o ON o.id = e.customer_org_id",
        )?;
        let rows = stmt.query_map([&partner], |r| {
            let org_id: String = r.get(0)?;
            let name: Option<String> = r.get(1)?;
            Ok(CustomerOption { name: name.unwrap_or_else(|| org_id.clone()), org_id, subscribers: r.get(2)? })
        })?;
        let mut customers: Vec<CustomerOption> = rows.collect::<std::result::Result<_, _>>()?;
        customers.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.org_id.cmp(&b.org_id)));
        let unmapped = conn.query_row(
            "SELECT COUNT(*) FROM subscribers WHERE customer_org_id IS NULL AND (?1 IS NULL OR org_id = ?1)",
            [&partner],
            |r| r.get(0),
        )?;
        let refreshed_ms = conn
            .query_row(
                "SELECT MAX(last_success_ms) FROM sync_status WHERE resource = ?1 AND (?2 IS NULL OR org_id = ?2)",
                params![SyncResource::Subscribers.as_str(), partner],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(BroadworksOptions { customers, unmapped, packages: SubscriberPackage::ALL.to_vec(), refreshed_ms })
    }

    /// Per provisioning id: its subscribers and those in `pending_email_input`.
    pub fn broadworks_template_counts(&self) -> Result<Vec<TemplateCounts>> {
        let conn = self.reader();
        let partner = home_org(&conn)?;
        let mut stmt = conn.prepare(
            "SELECT provisioning_id, COUNT(*), SUM(status = 'pending_email_input') FROM subscribers
             WHERE provisioning_id IS NOT NULL AND (?1 IS NULL OR org_id = ?1)
             GROUP BY provisioning_id ORDER BY provisioning_id",
        )?;
        let rows = stmt.query_map([&partner], |r| {
            Ok(TemplateCounts { provisioning_id: r.get(0)?, subscribers: r.get(1)?, pending_email_input: r.get(2)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The partner's enterprises that name a provisioning id, with their customer.
    pub fn broadworks_templates(&self) -> Result<Vec<TemplateEnterprise>> {
        let conn = self.reader();
        let partner = home_org(&conn)?;
        let mut stmt = conn.prepare(
            "SELECT e.provisioning_id, e.sp_enterprise_id, e.customer_org_id, o.display_name
             FROM bw_enterprises e LEFT JOIN orgs o ON o.id = e.customer_org_id
             WHERE e.provisioning_id IS NOT NULL AND (?1 IS NULL OR e.org_id = ?1)
             ORDER BY e.provisioning_id, e.sp_enterprise_id",
        )?;
        let rows = stmt.query_map([&partner], |r| {
            Ok(TemplateEnterprise {
                provisioning_id: r.get(0)?,
                sp_enterprise_id: r.get(1)?,
                customer_org_id: r.get(2)?,
                customer_name: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The partner whose subscribers the view shows: the cache's home org
/// (`None`: every cached subscriber).
fn home_org(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT id FROM orgs WHERE is_home = 1 LIMIT 1", [], |r| r.get(0)).optional()?)
}

fn empty_page(query: &SubscriberQuery) -> SubscriberPage {
    let counts = SubscriberStatus::ALL.into_iter().map(|status| StatusCount { status, count: 0 }).collect();
    SubscriberPage { rows: Vec::new(), total: 0, offset: query.offset, counts }
}

/// The FTS5 query of everything but the statuses: the partner (only when
/// the cache holds another's subscribers too: every word ANDed costs a
/// merge), the typed text, the customer and the package. `None` when the
/// text can match nothing (letters that fold to no word).
fn base_query(conn: &Connection, query: &SubscriberQuery) -> Result<Option<String>> {
    let mut terms = Vec::new();
    if let Some(partner) = home_org(conn)? {
        if others_cached(conn, &partner)? {
            terms.push(quoted(&partner_word(&partner)));
        }
    }
    let text = query.text.trim();
    if !text.is_empty() {
        let typed = text_terms(conn, text)?;
        if typed.is_empty() && text.chars().any(char::is_alphanumeric) {
            return Ok(None);
        }
        terms.extend(typed);
    }
    if let Some(customer) = &query.customer_org_id {
        terms.push(quoted(&customer_word(Some(customer))));
    }
    if let Some(package) = query.package {
        terms.push(quoted(&package_word(Some(package))));
    }
    if terms.is_empty() {
        terms.push(quoted(&every_word()));
    }
    Ok(Some(terms.join(" AND ")))
}

/// Whether subscribers of another partner than `partner` are cached (a
/// cache signed in to another partner before): two lookups in the index.
fn others_cached(conn: &Connection, partner: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM subscribers WHERE org_id < ?1) OR EXISTS (SELECT 1 FROM subscribers WHERE org_id > ?1)",
    )?;
    Ok(stmt.query_row([partner], |r| r.get(0))?)
}

/// Every typed word as the prefix of an indexed word; a number typed with
/// spaces, dashes or a plus is one number, found by its start.
fn text_terms(conn: &Connection, text: &str) -> Result<Vec<String>> {
    let looks_like_number =
        text.chars().any(|c| c.is_ascii_digit()) && text.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if looks_like_number {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        return Ok(vec![format!("\"{digits}\"*")]);
    }
    // Typed words hold only letters, digits and marks: no escaping needed.
    Ok(typed_words(conn, text)?.into_iter().map(|w| format!("\"{w}\"*")).collect())
}

/// The statuses the view shows: those chosen (every one when none is), less
/// `provisioned` when it is excluded (B5).
fn shown_statuses(query: &SubscriberQuery) -> Vec<SubscriberStatus> {
    let chosen = if query.statuses.is_empty() { SubscriberStatus::ALL.to_vec() } else { query.statuses.clone() };
    chosen.into_iter().filter(|s| !(query.exclude_provisioned && *s == SubscriberStatus::Provisioned)).collect()
}

/// `base` with the status filters; `base` itself when they let every status
/// through; `None` when they let none through.
fn with_statuses(base: &str, query: &SubscriberQuery) -> Option<String> {
    let shown = shown_statuses(query);
    if shown.is_empty() {
        return None;
    }
    if SubscriberStatus::ALL.iter().all(|s| shown.contains(s)) {
        return Some(base.to_owned());
    }
    let words: Vec<String> = shown.iter().map(|s| quoted(&status_word(Some(*s)))).collect();
    Some(format!("{base} AND ({})", words.join(" OR ")))
}

fn count(conn: &Connection, fts: &str) -> Result<u32> {
    let mut stmt = conn.prepare_cached("SELECT COUNT(*) FROM subscribers_fts WHERE subscribers_fts MATCH ?1")?;
    Ok(stmt.query_row([fts], |r| r.get(0))?)
}

/// The rows matching `fts`, newest status change first (rowid order,
/// descending: see `broadworks`), in the window if one is given.
fn rows(conn: &Connection, fts: &str, window: Option<(u32, u32)>) -> Result<Vec<SubscriberRow>> {
    let (offset, limit) = window.map_or((0, -1), |(o, l)| (i64::from(o), i64::from(l)));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM subscribers s LEFT JOIN orgs o ON o.id = s.customer_org_id
         WHERE s.rowid IN (SELECT rowid FROM subscribers_fts WHERE subscribers_fts MATCH ?1
                           ORDER BY rowid DESC LIMIT ?2 OFFSET ?3)
         ORDER BY s.rowid DESC"
    ))?;
    let rows = stmt.query_map(params![fts, limit, offset], row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn row(r: &Row<'_>) -> rusqlite::Result<SubscriberRow> {
    let json: String = r.get(3)?;
    let s: Subscriber = serde_json::from_str(&json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e)))?;
    let actions = broadworks_rules::ActionKind::ALL
        .into_iter()
        .filter(|&kind| broadworks_rules::action_applies(kind, &s.status).is_ok())
        .collect();
    let errors: Vec<SubscriberErrorText> = s
        .errors
        .iter()
        .map(|e| SubscriberErrorText { code: e.error_code, description: e.description.clone() })
        .collect();
    Ok(SubscriberRow {
        display_name: super::broadworks::display_name(&s),
        id: r.get(0)?,
        customer_org_id: r.get(1)?,
        customer_name: r.get(2)?,
        user_id: s.user_id,
        first_name: s.first_name,
        last_name: s.last_name,
        email: s.email,
        primary_phone_number: s.primary_phone_number,
        mobile_phone_number: s.mobile_phone_number,
        extension: s.extension,
        sp_enterprise_id: s.sp_enterprise_id,
        provisioning_id: s.provisioning_id,
        package: s.package,
        status: s.status,
        last_status_change: s.last_status_change,
        actions,
        error_text: broadworks_rules::error_text(&errors),
        errors,
    })
}
