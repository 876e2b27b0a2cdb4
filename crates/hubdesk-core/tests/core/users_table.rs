//! The users table through the real store: sorted by each column both
//! ways, filtered by status, license, location and Calling (alone, together
//! and with a search), the counts that go with them, and numbers for reading.

use hubdesk_api::{AccountStatus, PeopleFilter, PeopleQuery, PeopleSort, ReadableNumber, SortKey};
use hubdesk_core::store::Store;
use hubdesk_core::webex::models::{License, Location, Person, PhoneNumber};

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    (dir, store)
}

struct Someone {
    id: &'static str,
    name: &'static str,
    email: &'static str,
    number: Option<&'static str>,
    location: Option<&'static str>,
    licenses: &'static [&'static str],
    account: AccountStatus,
}

fn person(s: &Someone) -> Person {
    Person {
        id: s.id.into(),
        display_name: s.name.into(),
        emails: vec![s.email.into()],
        phone_numbers: s
            .number
            .map(|n| vec![PhoneNumber { kind: "work".into(), value: n.into(), primary: true }])
            .unwrap_or_default(),
        location_id: s.location.map(Into::into),
        licenses: s.licenses.iter().map(|l| l.to_string()).collect(),
        status: Some("active".into()),
        invite_pending: Some(s.account == AccountStatus::InvitePending),
        login_enabled: Some(s.account != AccountStatus::Deactivated),
        ..Default::default()
    }
}

const CALLING: &str = "LIC-CALL";
const MEETINGS: &str = "LIC-MEET";

/// Seven people, two known locations and one the cache does not know.
fn org(store: &Store) {
    use AccountStatus::*;
    let people = [
        Someone {
            id: "1",
            name: "Ann Berg",
            email: "zed@x.dk",
            number: Some("+4533165404"),
            location: Some("LOC-OSLO"),
            licenses: &[CALLING, MEETINGS],
            account: Active,
        },
        Someone {
            id: "2",
            name: "Bo Dahl",
            email: "bo@x.dk",
            number: Some("004533141647"),
            location: Some("LOC-AARHUS"),
            licenses: &[CALLING],
            account: Active,
        },
        Someone {
            id: "3",
            name: "Cy Frølund",
            email: "Cy@x.dk",
            number: Some("+453316540499"),
            location: None,
            licenses: &[MEETINGS],
            account: InvitePending,
        },
        Someone {
            id: "4",
            name: "Di Holm",
            email: "di@x.dk",
            number: None,
            location: None,
            licenses: &[],
            account: Deactivated,
        },
        Someone {
            id: "5",
            name: "Ea Lund",
            email: "ea@x.dk",
            number: Some("+4520000000"),
            location: Some("LOC-GONE"),
            licenses: &[CALLING],
            account: Active,
        },
        Someone {
            id: "6",
            name: "Fi Lundgren",
            email: "fi@x.dk",
            number: None,
            location: Some("LOC-OSLO"),
            licenses: &[MEETINGS],
            account: InvitePending,
        },
        Someone {
            id: "7",
            name: "Gu Nyberg",
            email: "gu@x.dk",
            number: Some("33 16 54 04"),
            location: Some("LOC-AARHUS"),
            licenses: &[MEETINGS],
            account: Active,
        },
    ];
    let people: Vec<Person> = people.iter().map(person).collect();
    store.replace_people("org", &people).unwrap();
    let license = |id: &str, name: &str| License {
        id: id.into(),
        name: name.into(),
        total_units: 10,
        consumed_units: 3,
        consumed_by_users: None,
        subscription_id: None,
        site_url: None,
        site_type: None,
    };
    store
        .replace_licenses(
            "org",
            &[license(CALLING, "Webex Calling - Professional"), license(MEETINGS, "Webex Meetings")],
        )
        .unwrap();
    let location = |id: &str, name: &str| Location { id: id.into(), name: name.into(), time_zone: None, address: None };
    store.replace_locations("org", &[location("LOC-OSLO", "oslo"), location("LOC-AARHUS", "Aarhus")], &[]).unwrap();
    // Another org's people must never show up.
    store
        .replace_people("other", &[Person { id: "9".into(), display_name: "Aa Other".into(), ..Default::default() }])
        .unwrap();
}

fn query(sort: SortKey, descending: bool) -> PeopleQuery {
    PeopleQuery { org_id: "org".into(), sort: PeopleSort { key: sort, descending }, limit: 100, ..Default::default() }
}

/// First names, in the table's order, and the total.
fn firsts(store: &Store, q: &PeopleQuery) -> (Vec<String>, u32) {
    let page = store.search_people(q).unwrap();
    (page.rows.iter().map(|r| r.display_name.split(' ').next().unwrap().to_owned()).collect(), page.total)
}

fn order(store: &Store, sort: SortKey, descending: bool) -> Vec<String> {
    firsts(store, &query(sort, descending)).0
}

#[test]
fn each_column_sorts_both_ways_and_ties_stay_in_name_order() {
    let (_dir, store) = open();
    org(&store);
    let all = ["Ann", "Bo", "Cy", "Di", "Ea", "Fi", "Gu"];
    assert_eq!(order(&store, SortKey::Name, false), all);
    assert_eq!(order(&store, SortKey::Name, true), all.iter().rev().copied().collect::<Vec<_>>());
    // Emails without regard to case; Ann's is zed@.
    assert_eq!(order(&store, SortKey::Email, false), ["Bo", "Cy", "Di", "Ea", "Fi", "Gu", "Ann"]);
    assert_eq!(order(&store, SortKey::Email, true), ["Ann", "Gu", "Fi", "Ea", "Di", "Cy", "Bo"]);
    // Active, invite pending, deactivated; names inside each, either way.
    assert_eq!(order(&store, SortKey::Status, false), ["Ann", "Bo", "Ea", "Gu", "Cy", "Fi", "Di"]);
    assert_eq!(order(&store, SortKey::Status, true), ["Di", "Cy", "Fi", "Ann", "Bo", "Ea", "Gu"]);
    // International digits (00 is +; Gu's national number by its digits),
    // no number last.
    assert_eq!(order(&store, SortKey::Number, false), ["Gu", "Ea", "Bo", "Ann", "Cy", "Di", "Fi"]);
    assert_eq!(order(&store, SortKey::Number, true), ["Di", "Fi", "Cy", "Ann", "Bo", "Ea", "Gu"]);
    // Aarhus, oslo (by name, whatever the case), the unknown location, none.
    assert_eq!(order(&store, SortKey::Location, false), ["Bo", "Gu", "Ann", "Fi", "Ea", "Cy", "Di"]);
    assert_eq!(order(&store, SortKey::Location, true), ["Cy", "Di", "Ea", "Ann", "Fi", "Bo", "Gu"]);
}

#[test]
fn windows_of_a_sorted_table_join_up() {
    let (_dir, store) = open();
    org(&store);
    for key in [SortKey::Name, SortKey::Email, SortKey::Status, SortKey::Number, SortKey::Location] {
        for descending in [false, true] {
            let whole = order(&store, key, descending);
            let mut pieced = Vec::new();
            for offset in (0..7).step_by(2) {
                let q = PeopleQuery { offset, limit: 2, ..query(key, descending) };
                let (names, total) = firsts(&store, &q);
                assert_eq!(total, 7);
                pieced.extend(names);
            }
            assert_eq!(pieced, whole, "{key:?} descending {descending}");
        }
    }
}

fn filtered(filter: PeopleFilter) -> PeopleQuery {
    PeopleQuery { filter, ..query(SortKey::Name, false) }
}

#[test]
fn filters_narrow_alone_and_together_and_the_total_follows() {
    let (_dir, store) = open();
    org(&store);
    let status = |s| PeopleFilter { status: Some(s), ..Default::default() };
    assert_eq!(
        firsts(&store, &filtered(status(AccountStatus::Active))),
        (vec!["Ann".into(), "Bo".into(), "Ea".into(), "Gu".into()], 4)
    );
    assert_eq!(firsts(&store, &filtered(status(AccountStatus::InvitePending))).0, ["Cy", "Fi"]);
    assert_eq!(firsts(&store, &filtered(status(AccountStatus::Deactivated))).0, ["Di"]);
    let license = PeopleFilter { license: Some(MEETINGS.into()), ..Default::default() };
    assert_eq!(firsts(&store, &filtered(license.clone())).0, ["Ann", "Cy", "Fi", "Gu"]);
    let location = PeopleFilter { location: Some("LOC-AARHUS".into()), ..Default::default() };
    assert_eq!(firsts(&store, &filtered(location)).0, ["Bo", "Gu"]);
    // Calling: a location or an extension, as Webex lists Calling users.
    let calling = PeopleFilter { calling: true, ..Default::default() };
    assert_eq!(firsts(&store, &filtered(calling)).0, ["Ann", "Bo", "Ea", "Fi", "Gu"]);
    let together = PeopleFilter { status: Some(AccountStatus::Active), calling: true, ..license };
    assert_eq!(firsts(&store, &filtered(together.clone())), (vec!["Ann".into(), "Gu".into()], 2));
    // With a search ("berg" begins Berg, ends Nyberg) and another order.
    let searched = PeopleQuery { text: "berg".into(), ..filtered(together) };
    assert_eq!(firsts(&store, &searched).0, ["Ann", "Gu"]);
    let by_number = PeopleQuery { sort: PeopleSort { key: SortKey::Number, descending: false }, ..searched };
    assert_eq!(firsts(&store, &by_number).0, ["Gu", "Ann"]);
    let nobody = PeopleFilter { license: Some("LIC-NONE".into()), ..Default::default() };
    assert_eq!(firsts(&store, &filtered(nobody)), (vec![], 0));
}

#[test]
fn every_order_takes_the_filters_and_the_search() {
    let (_dir, store) = open();
    org(&store);
    let filter = PeopleFilter { license: Some(MEETINGS.into()), ..Default::default() };
    let q = |key| PeopleQuery { text: "lund".into(), filter: filter.clone(), ..query(key, false) };
    for key in [SortKey::Name, SortKey::Email, SortKey::Status, SortKey::Number, SortKey::Location] {
        let (mut names, total) = firsts(&store, &q(key));
        names.sort();
        assert_eq!((names, total), (vec!["Cy".to_owned(), "Fi".to_owned()], 2), "{key:?}");
    }
}

#[test]
fn rows_carry_the_number_for_reading_the_account_and_the_location() {
    let (_dir, store) = open();
    org(&store);
    let rows = store.search_people(&query(SortKey::Name, false)).unwrap().rows;
    let phone = |first: &str| rows.iter().find(|r| r.display_name.starts_with(first)).unwrap().phone.clone();
    let readable = |display: &str, valid| Some(ReadableNumber { display: display.into(), valid });
    assert_eq!(phone("Ann"), readable("+45 33 16 54 04", true));
    assert_eq!(phone("Bo"), readable("+45 33 14 16 47", true), "00 read as international");
    assert_eq!(phone("Cy"), readable("+453316540499", false), "too long for Denmark: as stored");
    assert_eq!(phone("Gu"), readable("33 16 54 04", false), "no country: not E.164");
    assert_eq!(phone("Di"), None);
    // The search index keeps the digits as stored.
    let by_digits = PeopleQuery { text: "453316540499".into(), ..query(SortKey::Name, false) };
    assert_eq!(firsts(&store, &by_digits).0, ["Cy"]);
    assert_eq!(rows[0].phone_number.as_deref(), Some("+4533165404"));
    assert_eq!(rows[2].account, AccountStatus::InvitePending);
    let location = |first: &str| rows.iter().find(|r| r.display_name.starts_with(first)).unwrap().location_name.clone();
    assert_eq!(location("Ann").as_deref(), Some("oslo"));
    assert_eq!(location("Ea"), None, "a location the cache does not know");
    assert_eq!(location("Cy"), None);
}

#[test]
fn the_filters_offer_the_orgs_licenses_and_locations_by_name() {
    let (_dir, store) = open();
    org(&store);
    let options = store.people_filter_options("org").unwrap();
    let names = |o: &[hubdesk_api::FilterOption]| o.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&options.licenses), ["Webex Calling - Professional", "Webex Meetings"]);
    assert_eq!(names(&options.locations), ["Aarhus", "oslo"]);
    assert_eq!(options.locations[0].id, "LOC-AARHUS");
    let none = store.people_filter_options("nowhere").unwrap();
    assert!(none.licenses.is_empty() && none.locations.is_empty());
}

#[test]
fn a_resync_moves_people_between_filters() {
    let (_dir, store) = open();
    org(&store);
    let pending = filtered(PeopleFilter { status: Some(AccountStatus::InvitePending), ..Default::default() });
    assert_eq!(firsts(&store, &pending).0, ["Cy", "Fi"]);
    let mut people: Vec<Person> = store.people_of_org("org").unwrap();
    for p in &mut people {
        if p.display_name == "Cy Frølund" {
            p.invite_pending = Some(false);
            p.location_id = Some("LOC-OSLO".into());
        }
    }
    store.replace_people("org", &people).unwrap();
    assert_eq!(firsts(&store, &pending).0, ["Fi"]);
    let oslo = filtered(PeopleFilter { location: Some("LOC-OSLO".into()), ..Default::default() });
    assert_eq!(firsts(&store, &oslo).0, ["Ann", "Cy", "Fi"]);
    assert_eq!(order(&store, SortKey::Location, false), ["Bo", "Gu", "Ann", "Cy", "Fi", "Ea", "Di"]);
}

/// An action on "everyone the table shows" acts on exactly the rows the
/// table pages through, by the same search and filters, up to its limit.
#[test]
fn the_selection_is_what_the_table_shows() {
    let (_dir, store) = open();
    org(&store);
    let ids_of =
        |q: &PeopleQuery| -> Vec<String> { store.search_people(q).unwrap().rows.into_iter().map(|r| r.id).collect() };
    let filter = PeopleFilter { license: Some(MEETINGS.into()), ..Default::default() };
    for (text, filter) in
        [("", PeopleFilter::default()), ("", filter.clone()), ("lund", filter), ("nobody", PeopleFilter::default())]
    {
        let shown = ids_of(&PeopleQuery { text: text.into(), filter: filter.clone(), ..query(SortKey::Name, false) });
        let (ids, total) = store.matching_person_ids("org", text, &filter, 100).unwrap();
        assert_eq!(ids, shown, "{text:?} {filter:?}");
        assert_eq!(total as usize, shown.len());
    }
    let (two, total) = store.matching_person_ids("org", "", &PeopleFilter::default(), 2).unwrap();
    assert_eq!((two.len(), total), (2, 7), "the limit bounds the ids, not the count");
    assert_eq!(store.matching_person_ids("no-such-org", "", &PeopleFilter::default(), 10).unwrap(), (vec![], 0));
}
