//! Store benchmarks of the offline cache, reported as people per second and search
//! latency percentiles (criterion reports means; p99 is what users feel).
//!
//!   cargo bench -p hubdesk-core --bench store            # 100k writes, 1M search, 100k table
//!   cargo bench -p hubdesk-core --bench store -- --quick # 20k writes, 100k search, 20k table
//!   cargo bench -p hubdesk-core --bench store -- --table # the users table alone
//!
//! The people are synthetic but shaped like the demo tenant's: Webex-length
//! ids (a person's, their org's and four licenses'), names from four
//! languages, per-org email domains, E.164 numbers, extensions.

#[path = "store/users_table.rs"]
mod users_table;

use std::time::{Duration, Instant};

use hubdesk_api::PeopleQuery;
use hubdesk_core::store::Store;
use hubdesk_core::webex::models::{Person, PhoneNumber};

const FIRST: &[&str] = &[
    "Anders", "Søren", "Mette", "Freja", "Åsa", "Björn", "Zoé", "Élodie", "Jack", "Olivia", "Mathis", "Ingrid", "Lars",
    "Karin", "Noah", "Emma", "Léa", "Hugo", "Sofie", "Magnus", "Astrid", "Oskar", "Chloé", "Liam",
];
const LAST: &[&str] = &[
    "Jensen",
    "Ødegård",
    "Lefèvre",
    "Björk",
    "Smith",
    "Nielsen",
    "Dubois",
    "Andersson",
    "Hansen",
    "Moreau",
    "Johansson",
    "Brown",
    "Larsen",
    "Girard",
    "Lindqvist",
    "Taylor",
    "Kjær",
    "Bernard",
    "Svensson",
    "Evans",
];

/// A Webex id: base64 of `ciscospark://us/<KIND>/<uuid>`, unpadded, as the
/// API hands them out (about 90 characters for a person or an org, 130 for
/// a license). Their length is much of what a row weighs.
fn webex_id(kind: &str, tail: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(format!("ciscospark://us/{kind}/{tail}"))
}

fn uuid(a: usize, b: usize) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a * 2_654_435_761 % (1 << 32),
        b % 65_536,
        a % 4096,
        b % 4096,
        a * 1_000_003 + b
    )
}

fn org_uuid(org: usize) -> String {
    uuid(org, 0)
}

/// The org's id, as the store is given it.
fn org_id(org: usize) -> String {
    webex_id("ORGANIZATION", &org_uuid(org))
}

/// The licenses of the demo tenant's orgs: Meetings, messaging, a site,
/// Calling.
const LICENSE_CODES: &[&str] = &["MS", "SD", "BMT", "EE", "CF", "BCSTD"];

fn license_id(org: usize, k: usize) -> String {
    webex_id("LICENSE", &format!("{}:{}_{}", org_uuid(org), LICENSE_CODES[k], uuid(org, 100 + k)))
}

fn person(org: usize, i: usize) -> Person {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let n = org * 10_000_000 + i;
    Person {
        id: webex_id("PEOPLE", &uuid(org + 1, i)),
        org_id: org_id(org),
        display_name: format!("{first} {last} {}", i / (FIRST.len() * LAST.len())),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        emails: vec![format!("{}.{}{i}@org{org}.example", first.to_lowercase(), last.to_lowercase())],
        phone_numbers: vec![PhoneNumber {
            kind: "work".into(),
            value: format!("+4533{:07}", n % 10_000_000),
            primary: true,
        }],
        extension: i.is_multiple_of(3).then(|| format!("{}", 1000 + i % 9000)),
        // Four licenses each, as in the demo tenant.
        licenses: (0..4).map(|k| license_id(org, (i + k) % LICENSE_CODES.len())).collect(),
        department: Some(["Sales", "Kundeservice", "Ventes", "Ekonomi"][i % 4].into()),
        title: Some(["Sælger", "Säljare", "Directrice", "Engineer"][i % 4].into()),
        created: Some("2020-02-24T15:17:07.169Z".into()),
        last_activity: Some("2026-10-02T15:20:27.421Z".into()),
        status: Some("active".into()),
        invite_pending: Some(false),
        login_enabled: Some(true),
        ..Default::default()
    }
}

fn org_people(org: usize, count: usize) -> Vec<Person> {
    (0..count).map(|i| person(org, i)).collect()
}

/// Fresh databases the write figures are the median of.
const WRITE_ROUNDS: usize = 3;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1).min(sorted.len() - 1)]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (write_n, orgs, per_org) = if quick { (20_000, 5, 20_000) } else { (100_000, 20, 50_000) };
    let dir = tempfile::tempdir().unwrap();
    if std::env::args().any(|a| a == "--table") {
        users_table::bench(dir.path(), quick);
        return;
    }

    // Writes: one org of `write_n` people swapped in, twice (first sync,
    // then a resync that also computes the changes since the last sync),
    // into three fresh databases; the median of the three is the figure.
    let people = org_people(0, write_n);
    let mut rates: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..WRITE_ROUNDS {
        let store = Store::open(&dir.path().join(format!("writes{round}.sqlite"))).unwrap();
        for rate in &mut rates {
            let start = Instant::now();
            store.replace_people(&org_id(0), &people).unwrap();
            rate.push(write_n as f64 / start.elapsed().as_secs_f64());
        }
        drop(store);
        // This round's checkpoint runs on a background thread: let it end
        // before the next round is timed.
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    for (label, mut rate) in ["first sync", "resync"].into_iter().zip(rates) {
        let runs: Vec<String> = rate.iter().map(|r| format!("{r:.0}")).collect();
        rate.sort_by(f64::total_cmp);
        println!(
            "store write ({label}): {write_n} people, median {:.0} people/s (runs: {})",
            rate[rate.len() / 2],
            runs.join(", ")
        );
    }

    // Search over orgs * per_org people.
    let store = Store::open(&dir.path().join("search.sqlite")).unwrap();
    let start = Instant::now();
    for org in 0..orgs {
        store.replace_people(&org_id(org), &org_people(org, per_org)).unwrap();
    }
    println!(
        "search corpus: {} people in {orgs} orgs, written in {:.1} s",
        orgs * per_org,
        start.elapsed().as_secs_f64()
    );
    // The queries are timed at rest: once the checkpoints the writes started
    // in the background are done and the WAL is copied back (a search
    // during a checkpoint, or over a WAL of a million people, is slower).
    checkpoint(&dir.path().join("search.sqlite"));

    let queries = sample_queries(orgs, per_org);
    let mut single_org = Vec::new();
    let mut everywhere = Vec::new();
    for (org, text) in &queries {
        let q = PeopleQuery { org_id: org_id(*org), text: text.clone(), limit: 100, ..Default::default() };
        let t = Instant::now();
        let page = store.search_people(&q).unwrap();
        single_org.push(t.elapsed());
        assert!(page.total > 0, "query {text:?} found nothing");
        let t = Instant::now();
        store.search_everywhere(text, 50).unwrap();
        everywhere.push(t.elapsed());
    }
    for (label, mut times) in [("one org, first 100 rows", single_org), ("every org, first 50 hits", everywhere)] {
        times.sort();
        println!(
            "search ({label}, {} queries): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            times.len(),
            percentile(&times, 0.50).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3,
        );
    }
    drop(store);
    users_table::bench(dir.path(), quick);
}

/// Waits for the background checkpoints, then copies the whole WAL back.
fn checkpoint(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.busy_timeout(Duration::from_secs(120)).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

/// What a helpdesk types: a surname, a first name, "first last", the start
/// of an email, the last digits of a number, an extension.
fn sample_queries(orgs: usize, per_org: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    for k in 0..1000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let org = (seed as usize) % orgs;
        let p = person(org, (seed as usize >> 8) % per_org);
        let text = match k % 6 {
            0 => p.last_name.clone().unwrap(),
            1 => p.first_name.clone().unwrap().chars().take(3).collect(),
            2 => format!("{} {}", p.first_name.clone().unwrap(), p.last_name.clone().unwrap()),
            3 => p.emails[0].split('@').next().unwrap().to_owned(),
            4 => p.phone_numbers[0].value[p.phone_numbers[0].value.len() - 5..].to_owned(),
            _ => p.extension.clone().unwrap_or_else(|| p.display_name.clone()),
        };
        out.push((org, text));
    }
    out
}
