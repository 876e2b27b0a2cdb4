//! People's rowids follow their names. Each org owns a range of rowids (its
//! slot), and inside it rowids rise with (display name, id), the order the
//! users table shows. The search index returns matches by rowid, so a
//! window of matches in name order comes straight off the index: no sort,
//! however many people match.
//!
//! Rowids are spread out with gaps, so a resync puts newcomers (and renamed
//! people) between their neighbours without touching anyone else; only when
//! a gap is full is the org renumbered.

use std::cmp::Ordering;

use rusqlite::{OptionalExtension, Transaction};

use super::Result;

/// Rowids per org: 2^40, room for a million people a million apart.
const SPAN: i64 = 1 << 40;

/// The rowids an org's people may have, both ends included.
pub(super) fn range(slot: i64) -> (i64, i64) {
    (slot * SPAN, slot * SPAN + SPAN - 1)
}

/// The slot whose range holds `rowid`.
pub(super) fn slot_of(rowid: i64) -> i64 {
    rowid.div_euclid(SPAN)
}

/// SQLite's NOCASE order (ASCII letters folded), then the id: the order of
/// the users table.
pub(super) fn name_cmp(a_name: &str, a_id: &str, b_name: &str, b_id: &str) -> Ordering {
    let a = a_name.bytes().map(|b| b.to_ascii_lowercase());
    a.cmp(b_name.bytes().map(|b| b.to_ascii_lowercase())).then_with(|| a_id.cmp(b_id))
}

/// The rowids of an org's people, if it has any slot yet: what every query
/// over one org's people goes by, instead of an index on the org id.
pub(super) fn org_range(conn: &rusqlite::Connection, org_id: &str) -> Result<Option<(i64, i64)>> {
    Ok(slot(conn, org_id)?.map(range))
}

/// The same range in SQL, for a query that has the slot in `slot_column`.
pub(super) fn range_sql(slot_column: &str) -> String {
    format!("BETWEEN {slot_column} * {SPAN} AND {slot_column} * {SPAN} + {}", SPAN - 1)
}

/// The org's slot, if it has one.
pub(super) fn slot(conn: &rusqlite::Connection, org_id: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT slot FROM org_slots WHERE org_id = ?1", [org_id], |r| r.get(0)).optional()?)
}

/// The org's slot, giving it the next free one on its first sync.
pub(super) fn slot_or_new(tx: &Transaction<'_>, org_id: &str) -> Result<i64> {
    if let Some(slot) = slot(tx, org_id)? {
        return Ok(slot);
    }
    // Slot 0 is never used: it holds the rowids of a cache written before
    // migration 2 while that migration renumbers them.
    Ok(tx.query_row(
        "INSERT INTO org_slots (org_id, slot) VALUES (?1, (SELECT COALESCE(MAX(slot), 0) + 1 FROM org_slots)) RETURNING slot",
        [org_id],
        |r| r.get(0),
    )?)
}

/// Evenly spread rowids for `count` people of a slot, in name order.
pub(super) fn spread(slot: i64, count: usize) -> impl Iterator<Item = i64> {
    let (low, _) = range(slot);
    let step = SPAN / (count as i64 + 1);
    (1..=count as i64).map(move |k| low + k * step)
}

/// Rowids for people in name order, where `kept[k]` is the rowid person k
/// already has (and may keep) or `None` for one who needs a new one. The
/// kept rowids must rise; each run of newcomers takes even steps across the
/// gap between its neighbours. `None` when a gap is too small or the kept
/// rowids are out of order: then the org is renumbered.
pub(super) fn fill(slot: i64, kept: &[Option<i64>]) -> Option<Vec<i64>> {
    let (low, high) = range(slot);
    let mut out = Vec::with_capacity(kept.len());
    let mut previous = low;
    let mut run_start = 0;
    for (k, rowid) in kept.iter().enumerate() {
        let Some(rowid) = *rowid else { continue };
        if rowid <= previous || rowid > high {
            return None;
        }
        spread_between(previous, rowid, k - run_start, &mut out)?;
        out.push(rowid);
        previous = rowid;
        run_start = k + 1;
    }
    spread_between(previous, high + 1, kept.len() - run_start, &mut out)?;
    Some(out)
}

/// Pushes `count` rowids strictly between `after` and `before`.
fn spread_between(after: i64, before: i64, count: usize, out: &mut Vec<i64>) -> Option<()> {
    if count == 0 {
        return Some(());
    }
    let step = (before - after) / (count as i64 + 1);
    if step < 1 {
        return None;
    }
    out.extend((1..=count as i64).map(|k| after + k * step));
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_like_sqlite_nocase_then_by_id() {
        assert_eq!(name_cmp("ann", "2", "Ann", "1"), Ordering::Greater);
        assert_eq!(name_cmp("Ann", "1", "anna", "0"), Ordering::Less);
        assert_eq!(name_cmp("Zoé", "1", "zoe", "1"), Ordering::Greater, "only ASCII folds, as in NOCASE");
        assert_eq!(name_cmp("B", "1", "a", "9"), Ordering::Greater);
    }

    #[test]
    fn newcomers_fill_the_gaps_between_kept_rowids() {
        let (low, high) = range(3);
        let got = fill(3, &[None, Some(low + 100), None, None, Some(low + 103), None]).unwrap();
        assert_eq!(got[..5], [low + 50, low + 100, low + 101, low + 102, low + 103]);
        assert!(got[5] > low + 103 && got[5] <= high);
        assert!(got.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_full_gap_or_kept_rowids_out_of_order_ask_for_renumbering() {
        let (low, _) = range(1);
        assert_eq!(fill(1, &[Some(low + 5), None, Some(low + 6)]), None);
        assert_eq!(fill(1, &[Some(low + 9), Some(low + 8)]), None);
        assert_eq!(fill(1, &[Some(low)]), None, "the slot's first rowid is never used");
    }

    #[test]
    fn spread_rowids_rise_inside_the_slot() {
        let (low, high) = range(2);
        let rowids: Vec<i64> = spread(2, 1_000_000).collect();
        assert!(rowids[0] > low && *rowids.last().unwrap() < high);
        assert!(rowids.iter().all(|&r| slot_of(r) == 2));
        assert!(rowids.windows(2).all(|w| w[1] - w[0] > 1000));
    }
}
