//! The search across every cached org (the partner's search box): each
//! org's matches come off the index in name order (see `name_order`), and
//! merging them a few at a time gives the first ones overall.

use rusqlite::{params, Connection};

use super::name_order::{self, name_cmp};
use super::search::{fts_query, MAX_PAGE};
use super::{rows, Result, Store};
use hubdesk_api::{SearchHit, SearchResults};

impl Store {
    /// Up to `limit` people of any cached org matching `text`, by name
    /// (then org, then id), with how many match in all. Each org's matches
    /// come off the index in name order; merging them, a few at a time,
    /// gives the overall first `limit` without reading the rest.
    pub fn search_everywhere(&self, text: &str, limit: u32) -> Result<SearchResults> {
        let conn = self.reader();
        let Some(matcher) = fts_query(&conn, text)? else { return Ok(SearchResults { total: 0, hits: Vec::new() }) };
        let total =
            conn.query_row("SELECT COUNT(*) FROM people_fts WHERE people_fts MATCH ?1", [&matcher], |r| r.get(0))?;
        let rowids = merged_first(&conn, &matcher, limit.min(MAX_PAGE) as usize)?;
        let sql = format!(
            "SELECT p.org_id, COALESCE(o.display_name, p.org_id), {}
             FROM people p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.rowid = ?1",
            rows::COLUMNS
        );
        let mut hit = conn.prepare_cached(&sql)?;
        let hits = rowids
            .iter()
            .map(|rowid| {
                hit.query_row([rowid], |r| {
                    Ok(SearchHit { org_id: r.get(0)?, org_name: r.get(1)?, person: rows::person_row(r, 2)? })
                })
            })
            .collect::<std::result::Result<_, _>>()?;
        Ok(SearchResults { total, hits })
    }
}

/// A match's place in the search across orgs: name, org, id.
struct Candidate {
    name: String,
    org_id: String,
    id: String,
    rowid: i64,
}

impl Candidate {
    fn before(&self, other: &Candidate) -> bool {
        name_cmp(&self.name, &self.org_id, &other.name, &other.org_id).then_with(|| self.id.cmp(&other.id)).is_lt()
    }
}

/// One org's matches in name order, read a batch at a time.
struct OrgMatches {
    /// Read matches not yet taken, the next one last.
    batch: Vec<Candidate>,
    next_rowid: i64,
    high: i64,
    batch_size: i64,
}

/// The rowids of the first `limit` matches across every org, in order.
fn merged_first(conn: &Connection, matcher: &str, limit: usize) -> Result<Vec<i64>> {
    let mut read = conn.prepare_cached(
        "SELECT p.display_name, p.org_id, p.id, p.rowid FROM
           (SELECT rowid AS rid FROM people_fts
            WHERE people_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid LIMIT ?4) AS window
         JOIN people p ON p.rowid = window.rid ORDER BY p.rowid DESC",
    )?;
    let mut refill = |org: &mut OrgMatches| -> Result<()> {
        if org.next_rowid > org.high {
            return Ok(());
        }
        let rows = read.query_map(params![matcher, org.next_rowid, org.high, org.batch_size], |r| {
            Ok(Candidate { name: r.get(0)?, org_id: r.get(1)?, id: r.get(2)?, rowid: r.get(3)? })
        })?;
        org.batch = rows.collect::<std::result::Result<_, _>>()?;
        // Fewer than asked for: the org has no more.
        org.next_rowid = match org.batch.first() {
            Some(last) if org.batch.len() as i64 == org.batch_size => last.rowid + 1,
            _ => org.high + 1,
        };
        org.batch_size = (org.batch_size * 4).min(limit as i64);
        Ok(())
    };
    let slots: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT slot FROM org_slots")?;
        let slots = stmt.query_map([], |r| r.get(0))?;
        slots.collect::<std::result::Result<_, _>>()?
    };
    // A first batch covers an org's share of the window and a little more.
    let first_batch = (limit / slots.len().max(1) + 2).min(limit) as i64;
    let mut orgs = Vec::with_capacity(slots.len());
    for slot in slots {
        let (low, high) = name_order::range(slot);
        let mut org = OrgMatches { batch: Vec::new(), next_rowid: low, high, batch_size: first_batch };
        refill(&mut org)?;
        orgs.push(org);
    }
    let mut out = Vec::with_capacity(limit);
    while out.len() < limit {
        let next = orgs
            .iter()
            .enumerate()
            .filter_map(|(i, org)| org.batch.last().map(|c| (i, c)))
            .reduce(|best, this| if this.1.before(best.1) { this } else { best });
        let Some((i, _)) = next else { break };
        let org = &mut orgs[i];
        out.push(org.batch.pop().expect("the org had a next match").rowid);
        if org.batch.is_empty() {
            refill(org)?;
        }
    }
    Ok(out)
}
