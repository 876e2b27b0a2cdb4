//! The Calling report and the CSV import plan from a real cache (issue 15,
//! "Speed"): the report of an org of 100,000 users as the Calling screen
//! reads it (target ≤ 100 ms), and the plan of a 20,000-row users CSV
//! against it (target ≤ 500 ms). The report is kept in the cache once
//! computed (see `store::calling_report`); computing and keeping it, which
//! happens once after a sync or a run changes the org, is measured too.
//!
//!   cargo bench -p hubdesk-core --bench calling
//!
//! The org is synthetic but shaped like the demo tenant's: one in three
//! users has Calling at one of 20 Danish locations (half of them enabled for
//! Calling); the others have a free inventory number, a national number, a
//! `00` number, a number in no inventory, a number held by a workspace, or
//! none. The CSV is the export of the first 20,000 users as a Danish
//! spreadsheet saves it (`;`, CRLF, a BOM, every `+` stripped), a quarter of
//! the rows with a new number.

use std::time::{Duration, Instant};

use hubdesk_api::{CallingReason, CallingUserQuery};
use hubdesk_core::features::calling::{
    calling_diagnose, calling_import_plan, calling_users_csv, import_org, report_of, CallingFacts,
};
use hubdesk_core::store::Store;
use hubdesk_core::webex::models::{
    CallingLocation, IdName, License, Location, NumberEntry, NumberOwner, Person, PhoneNumber,
};
use hubdesk_rules::calling::{diagnose, plan_import, read_sheet};

const ORG: &str = "org-calling-bench";
const PEOPLE: usize = 100_000;
const ROWS: usize = 20_000;
const LOCATIONS: usize = 20;
const RUNS: usize = 10;

fn number(i: usize) -> String {
    format!("+4532{:06}", i)
}

fn location_id(k: usize) -> String {
    format!("location-{k:02}")
}

fn person(i: usize) -> Person {
    let calling = i.is_multiple_of(3);
    let work = match i % 7 {
        _ if calling => Some(number(i)),
        0 => None,
        1 => Some(format!("32 {:02} {:02} {:02}", i / 10_000 % 100, i / 100 % 100, i % 100)),
        2 => Some(format!("004532{:06}", i)),
        3 => Some(format!("+4570{:06}", i)),
        _ => Some(number(i)),
    };
    Person {
        id: format!("person-{i:06}"),
        emails: vec![format!("user{i}@bench.example.com")],
        phone_numbers: work
            .map(|value| vec![PhoneNumber { kind: "work".into(), value, primary: true }])
            .unwrap_or_default(),
        extension: calling.then(|| format!("{}", 1000 + i % 9000)),
        location_id: calling.then(|| location_id(i % LOCATIONS)),
        display_name: format!("User {i}"),
        first_name: Some("User".into()),
        last_name: Some(format!("{i}")),
        org_id: ORG.into(),
        licenses: if calling { vec!["pro".into(), "msg".into()] } else { vec!["msg".into()] },
        ..Person::default()
    }
}

fn cache(dir: &std::path::Path) -> Store {
    let store = Store::open(&dir.join("calling.sqlite")).unwrap();
    let license = |id: &str, name: &str| License {
        id: id.into(),
        name: name.into(),
        total_units: PEOPLE as i64,
        consumed_units: 0,
        consumed_by_users: None,
        subscription_id: Some("Sub100".into()),
        site_url: None,
        site_type: None,
    };
    store
        .replace_licenses(ORG, &[license("pro", "Webex Calling - Professional"), license("msg", "Messaging")])
        .unwrap();
    let locations: Vec<Location> = (0..LOCATIONS)
        .map(|k| Location {
            id: location_id(k),
            name: format!("Office {k}"),
            time_zone: None,
            address: Some(serde_json::json!({ "country": "DK" })),
        })
        .collect();
    let calling: Vec<CallingLocation> =
        (0..LOCATIONS).step_by(2).map(|k| CallingLocation { id: location_id(k), routing_prefix: None }).collect();
    store.replace_locations(ORG, &locations, &calling).unwrap();
    // Everyone's +4532 number is in an inventory; a workspace holds one in eleven.
    let numbers: Vec<NumberEntry> = (0..PEOPLE)
        .map(|i| NumberEntry {
            phone_number: Some(number(i)),
            extension: None,
            state: Some("ACTIVE".into()),
            location: Some(IdName { id: location_id(i % LOCATIONS), name: None }),
            owner: match (i % 3, i % 11) {
                (0, _) => Some(NumberOwner { id: format!("person-{i:06}"), kind: "PEOPLE".into(), display_name: None }),
                (_, 0) => Some(NumberOwner { id: format!("ws-{i}"), kind: "PLACE".into(), display_name: None }),
                _ => None,
            },
        })
        .collect();
    store.replace_numbers(ORG, &numbers).unwrap();
    let people: Vec<Person> = (0..PEOPLE).map(person).collect();
    store.replace_people(ORG, &people).unwrap();
    store
}

/// The export's first `ROWS` users, as a Danish spreadsheet saves them,
/// every fourth with a new number; and how many numbers were edited.
fn edited_csv(store: &Store) -> (Vec<u8>, usize) {
    let (exported, _) = calling_users_csv(store, ORG).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(exported.as_slice());
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut edited = 0;
    for (row, record) in reader.records().take(ROWS + 1).enumerate() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if row > 0 && row.is_multiple_of(4) {
            // A valid Danish mobile number (libphonenumber refuses runs of zeros).
            cells[4] = format!("+4520{}", 123_456 + row);
            edited += 1;
        }
        if let Some(plain) = cells[4].strip_prefix('+') {
            cells[4] = plain.to_owned();
        }
        out.write_record(&cells).unwrap();
    }
    (out.into_inner().unwrap(), edited)
}

/// Times `run`; `target_ms` is the figure, where it names one.
fn measure<T>(label: &str, target_ms: Option<f64>, mut run: impl FnMut() -> T) -> T {
    let first = run();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (median, p95) = (ms(times[RUNS / 2]), ms(times[RUNS * 95 / 100]));
    let verdict = match target_ms {
        Some(target) if p95 <= target => format!("target ≤ {target} ms: met"),
        Some(target) => format!("target ≤ {target} ms: MISSED"),
        None => "no target".to_owned(),
    };
    println!("{label}: median {median:.1} ms, p95 {p95:.1} ms ({verdict})");
    first
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = cache(dir.path());
    // Writing 100,000 people (and, below, the kept report) starts a WAL
    // checkpoint on a thread: each part is measured once it has ended.
    store.wait_for_checkpoint();
    // What the Calling screen reads: the counts, then the rows it shows.
    let generation = store.org_generation(ORG).unwrap();
    let report = calling_diagnose(&store, ORG).unwrap();
    store.keep_calling_report(&report, generation).unwrap();
    store.wait_for_checkpoint();
    let page = |reason, text: &str, offset| {
        let query = CallingUserQuery { reason, text: text.into() };
        store.calling_users_page(ORG, &query, offset, 100, None).unwrap().expect("the report is kept")
    };
    measure("report of 100,000 users: the counts and the first 100 rows (kept report)", Some(100.0), || {
        (store.calling_summary(ORG, None).unwrap().expect("the report is kept"), page(None, "", 0))
    });
    measure("  a reason's first 100 rows", Some(100.0), || page(Some(CallingReason::NotE164), "", 0));
    measure("  100 rows deep in the list (from the 60,000th)", Some(100.0), || page(None, "", 60_000));
    let typed = page(None, "user 77", 0);
    measure(&format!("  typed text (\"user 77\", {} found)", typed.total), Some(100.0), || page(None, "user 77", 0));
    let ids: Vec<String> = typed.users.iter().map(|u| u.person_id.clone()).collect();
    measure("  the users table's Calling column for 100 people", Some(100.0), || {
        store.calling_statuses(ORG, &ids, None).unwrap()
    });
    println!("  {} users without Calling: {:?}", report.users.len(), report.counts);
    let (file, edited) = edited_csv(&store);
    println!("  the CSV: {ROWS} rows, {} KB, {edited} numbers edited", file.len() / 1024);
    store.wait_for_checkpoint();
    let plan = measure("import plan of 20,000 rows", Some(500.0), || calling_import_plan(&store, ORG, &file).unwrap());
    println!("  {} changes, {} unchanged, {} rejected", plan.changes.len(), plan.unchanged, plan.rejections.len());
    let sheet = measure("  of which reading the file", None, || read_sheet(&file).unwrap());
    let org =
        measure("  of which what it reads of the org (one pass over the people, one over the inventory)", None, || {
            import_org(&store, ORG, &sheet).unwrap()
        });
    measure("  of which the plan from what was read", None, || plan_import(&sheet, &org));
    let cached = CallingFacts::load(&store, ORG).unwrap();
    // Once after a sync or a run changes the org, off the screen's path;
    // last, as keeping it writes tens of megabytes the cache then copies in.
    measure("report of 100,000 users computed from the cache (after a change)", None, || {
        calling_diagnose(&store, ORG).unwrap()
    });
    measure("  of which reading the cache", None, || CallingFacts::load(&store, ORG).unwrap());
    measure("    the people alone", None, || store.calling_people(ORG).unwrap());
    measure("    the number inventory alone (read beside the people)", None, || store.inventory_numbers(ORG).unwrap());
    measure("  of which the report from what was read", None, || report_of(&cached));
    measure("    of which the reasons and evidence (rules)", None, || {
        diagnose(&cached.facts, &cached.locations, &cached.person_locations)
    });
    measure("  keeping it in the cache", None, || store.keep_calling_report(&report, generation).unwrap());
    assert!(plan.rejections.is_empty(), "{:?}", &plan.rejections[..plan.rejections.len().min(3)]);
    assert_eq!(plan.changes.len(), edited, "every edited number, and only those");
}
