//! The users table at 100,000 people (20,000 with `--quick`): a window of
//! 100 rows in each order, both ways, near the start, the middle and the
//! end, with no filter, a broad filter and a narrow one with a search; and
//! what finding the ends of names costs the search index, next to an FTS5
//! trigram index of the names (the other way to find "lund" in "Frølund").

use std::time::{Duration, Instant};

use hubdesk_api::{AccountStatus, PeopleFilter, PeopleQuery, PeopleSort, SortKey};
use hubdesk_core::store::Store;
use hubdesk_core::webex::models::{License, Location, Person};
use rusqlite::Connection;

use super::{checkpoint, license_id, org_id, percentile, person, uuid, webex_id, LICENSE_CODES};

const CITIES: &[&str] = &[
    "Aarhus",
    "Bergen",
    "Copenhagen",
    "Dijon",
    "Esbjerg",
    "Frankfurt",
    "Gothenburg",
    "Helsinki",
    "Irvine",
    "Jönköping",
    "Kiel",
    "Lyon",
    "Malmö",
    "Nantes",
    "Odense",
    "Paris",
    "Quimper",
    "Reykjavík",
    "Stockholm",
    "Tromsø",
];

fn location_id(org: usize, k: usize) -> String {
    webex_id("LOCATION", &uuid(org, 200 + k))
}

/// The write bench's person, with what the table sorts and filters by:
/// two in three have Calling at one of 20 locations, some invitations are
/// pending, some sign-ins disabled.
fn table_person(org: usize, i: usize) -> Person {
    let mut p = person(org, i);
    if i % 3 != 2 {
        p.location_id = Some(location_id(org, (i * 7) % CITIES.len()));
    }
    p.invite_pending = Some(i.is_multiple_of(17));
    p.login_enabled = Some(!i.is_multiple_of(29));
    p
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn bench(dir: &std::path::Path, quick: bool) {
    let n = if quick { 20_000 } else { 100_000 };
    let path = dir.join("users_table.sqlite");
    let store = Store::open(&path).unwrap();
    let org = org_id(0);
    let licenses: Vec<License> = LICENSE_CODES
        .iter()
        .enumerate()
        .map(|(k, code)| License {
            id: license_id(0, k),
            name: format!("License {code}"),
            total_units: n as i64,
            consumed_units: 0,
            consumed_by_users: None,
            subscription_id: None,
            site_url: None,
            site_type: None,
        })
        .collect();
    store.replace_licenses(&org, &licenses).unwrap();
    let locations: Vec<Location> = CITIES
        .iter()
        .enumerate()
        .map(|(k, name)| Location { id: location_id(0, k), name: (*name).into(), time_zone: None, address: None })
        .collect();
    store.replace_locations(&org, &locations, &[]).unwrap();
    let people: Vec<Person> = (0..n).map(|i| table_person(0, i)).collect();
    store.replace_people(&org, &people).unwrap();
    checkpoint(&path);

    let filters = [
        ("no filter", String::new(), PeopleFilter::default()),
        (
            "active + a license (broad)",
            String::new(),
            PeopleFilter { status: Some(AccountStatus::Active), license: Some(license_id(0, 0)), ..Default::default() },
        ),
        (
            "search \"jensen\" + Calling (narrow)",
            "jensen".to_owned(),
            PeopleFilter { calling: true, ..Default::default() },
        ),
    ];
    println!("users table: {n} people in one org, a window of 100 rows at the start, middle and end, both ways");
    for (label, text, filter) in &filters {
        for key in [SortKey::Name, SortKey::Email, SortKey::Status, SortKey::Number, SortKey::Location] {
            let mut times = Vec::new();
            let mut total = 0;
            for descending in [false, true] {
                let query = |offset| PeopleQuery {
                    org_id: org.clone(),
                    text: text.clone(),
                    sort: PeopleSort { key, descending },
                    filter: filter.clone(),
                    offset,
                    limit: 100,
                };
                total = store.search_people(&query(0)).unwrap().total;
                for offset in [0, total / 2, total.saturating_sub(100)] {
                    for _ in 0..5 {
                        let t = Instant::now();
                        let page = store.search_people(&query(offset)).unwrap();
                        times.push(t.elapsed());
                        assert_eq!(page.rows.len() as u32, total.min(100).min(total - offset));
                    }
                }
            }
            times.sort();
            println!(
                "  {label:<36} by {:<8} ({total:>6} match): median {:>6.2} ms, max {:>6.2} ms",
                format!("{key:?}").to_lowercase(),
                ms(percentile(&times, 0.5)),
                ms(*times.last().unwrap()),
            );
        }
    }
    drop(store);
    infix(&path, n);
}

/// The index's size with and without the filter words, the list of the
/// ends of names, and a trigram index of the names for comparison; then
/// what searching the ends of names takes both ways.
fn infix(path: &std::path::Path, n: usize) {
    let conn = Connection::open(path).unwrap();
    let size = |like: &str| -> f64 {
        conn.query_row("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ?1", [like], |r| r.get::<_, i64>(0)).unwrap()
            as f64
            / 1e6
    };
    let texts: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT rowid, search_text FROM people").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let without = |text: &str, marks: &[char]| -> String {
        text.split(' ').filter(|w| !w.starts_with(marks)).collect::<Vec<_>>().join(" ")
    };
    // The same options as people_fts (migration 2), without its content.
    let variant = |name: &str, marks: &[char]| {
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE {name} USING fts5(t, content = '',
               tokenize = \"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\", prefix = '1 2 3',
               detail = none, columnsize = 0)"
        ))
        .unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        {
            let mut insert = tx.prepare(&format!("INSERT INTO {name} (rowid, t) VALUES (?1, ?2)")).unwrap();
            for (rowid, text) in &texts {
                insert.execute(rusqlite::params![rowid, without(text, marks)]).unwrap();
            }
        }
        tx.commit().unwrap();
        size(&format!("{name}%"))
    };
    let plain = variant("v_plain", &['\u{E000}']);
    let whole = size("people_fts%");
    let ends = size("name_ends");
    let t = Instant::now();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE v_trigram USING fts5(name, content = '', tokenize = 'trigram', detail = full, columnsize = 0);
         INSERT INTO v_trigram (rowid, name) SELECT rowid, display_name FROM people;",
    )
    .unwrap();
    let trigram_build = t.elapsed();
    let trigram = size("v_trigram%");
    println!("search index at {n} people (MB): its words alone {plain:.1}, with the filter words (people_fts) {whole:.1}; the ends of names (name_ends) {ends:.2}");
    println!("  trigram index of the names alone: {trigram:.1} MB, built in {:.2} s", trigram_build.as_secs_f64());
    drop(conn);

    // Ends of the bench's surnames, typed as a helpdesk would remember them.
    let store = Store::open(path).unwrap();
    let conn = Connection::open(path).unwrap();
    let ends = ["sen", "qvist", "gård", "vist", "son", "ard", "mith", "reau", "ylor", "ois"];
    let (mut ours, mut ours_page, mut tri) = (Vec::new(), Vec::new(), Vec::new());
    let mut window =
        conn.prepare("SELECT rowid FROM v_trigram WHERE v_trigram MATCH ?1 ORDER BY rowid LIMIT 100").unwrap();
    for text in ends.iter().cycle().take(200) {
        // The matches counted, as for the table's total (no rows read).
        let query = PeopleQuery { org_id: org_id(0), text: (*text).into(), limit: 0, ..Default::default() };
        let t = Instant::now();
        let total = store.search_people(&query).unwrap().total;
        ours.push(t.elapsed());
        let t = Instant::now();
        store.search_people(&PeopleQuery { limit: 100, ..query }).unwrap();
        ours_page.push(t.elapsed());
        let phrase = format!("\"{text}\"");
        let t = Instant::now();
        let found: u32 =
            conn.query_row("SELECT COUNT(*) FROM v_trigram WHERE v_trigram MATCH ?1", [&phrase], |r| r.get(0)).unwrap();
        tri.push(t.elapsed());
        // Both find something (trigram: anywhere in the name, accents kept;
        // this index: starts and ends of any word, accents folded).
        assert!(found > 0 && total > 0, "{text}");
        assert!(window.query_map([&phrase], |r| r.get::<_, i64>(0)).unwrap().count() <= 100);
    }
    for (label, mut times) in [
        ("ends of names, count (this index)", ours),
        ("substring, count (trigram index)", tri),
        ("ends of names, count + 100 rows (the table's call)", ours_page),
    ] {
        times.sort();
        println!(
            "  {label}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap())
        );
    }
}
