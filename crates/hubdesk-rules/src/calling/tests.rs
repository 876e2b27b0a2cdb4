//! The Calling report's reasons, one test per rule (C2–C5).

use super::*;
use crate::templates::{LicenseFact, NumberFact};

const FREE: &str = "+4533141647";
const TAKEN: &str = "+4533141648";
const OFF: &str = "+4586123456";

struct Org {
    facts: OrgFacts,
    locations: Vec<CallingLocation>,
    person_locations: PersonLocations,
}

fn org() -> Org {
    let mut facts = OrgFacts {
        calling_locations: vec!["cph".into()],
        licenses: vec![LicenseFact {
            id: "pro".into(),
            name: "Webex Calling - Professional".into(),
            subscription_id: None,
            site_url: None,
            total_units: 10,
            consumed_units: 1,
        }],
        ..OrgFacts::default()
    };
    let number = |n: &str, location: &str, owner: Option<&str>| NumberFact {
        phone_number: n.into(),
        location_id: location.into(),
        owner: owner.map(Into::into),
        holder_kind: owner.map(|_| NumberHolder::Workspace),
        holder_id: None,
    };
    facts.numbers =
        vec![number(FREE, "cph", None), number(TAKEN, "cph", Some("Lobby phone")), number(OFF, "aar", None)];
    let locations = vec![
        CallingLocation { id: "cph".into(), name: "Copenhagen".into(), country: Some("DK".into()) },
        CallingLocation { id: "aar".into(), name: "Aarhus – new office".into(), country: Some("DK".into()) },
    ];
    Org { facts, locations, person_locations: PersonLocations::default() }
}

impl Org {
    fn person(&mut self, id: &str, number: Option<&str>) -> &mut PersonFact {
        self.facts.people.push(PersonFact {
            id: id.into(),
            email: format!("{id}@example.com"),
            display_name: id.into(),
            active: true,
            licenses: Vec::new(),
            attendee_sites: Vec::new(),
            admin_sites: Vec::new(),
            groups: Vec::new(),
            work_number: number.map(Into::into),
            has_calling_line: false,
            created_with_licenses: false,
        });
        self.facts.people.last_mut().unwrap()
    }

    fn only(&self) -> CallingUser {
        let mut all = diagnose(&self.facts, &self.locations, &self.person_locations);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }
}

#[test]
fn c1_users_holding_a_calling_line_license_are_not_reported() {
    let mut o = org();
    o.person("has", Some("12")).licenses = vec!["pro".into()];
    o.person("lacks", None);
    let all = diagnose(&o.facts, &o.locations, &o.person_locations);
    assert_eq!(all.iter().map(|d| d.email.as_str()).collect::<Vec<_>>(), ["lacks@example.com"]);
}

#[test]
fn c2_a_valid_free_number_in_a_calling_location_is_eligible() {
    let mut o = org();
    o.person("ok", Some(FREE));
    let d = o.only();
    assert_eq!(d.reason, CallingReason::Eligible);
    assert_eq!(d.reason.code(), "eligible");
    assert_eq!(d.evidence.number.as_deref(), Some(FREE));
    assert_eq!(d.evidence.location_name.as_deref(), Some("Copenhagen"));
    assert_eq!(d.suggested_number, None);
}

#[test]
fn c2_a_number_held_by_someone_else_says_who() {
    let mut o = org();
    o.person("taken", Some(TAKEN));
    let d = o.only();
    assert_eq!(d.reason.code(), "number_taken");
    assert_eq!(d.evidence.holder.as_deref(), Some("Lobby phone"));
    assert_eq!(d.evidence.holder_kind, Some(NumberHolder::Workspace));
    assert_eq!(d.evidence.location_name.as_deref(), Some("Copenhagen"));
    assert!(d.sentence().contains("held by Lobby phone"), "{}", d.sentence());
}

#[test]
fn c2_a_number_the_user_holds_is_not_taken_by_someone_else() {
    let mut o = org();
    o.facts.numbers[1].holder_id = Some("self".into());
    o.facts.numbers[1].owner = Some("Self Person".into());
    o.person("self", Some(TAKEN));
    let d = o.only();
    assert_eq!(d.reason, CallingReason::Eligible, "{d:?}");
    assert_eq!(d.evidence.holder, None);
}

#[test]
fn c2_a_number_at_a_location_without_calling_names_it() {
    let mut o = org();
    o.person("off", Some(OFF));
    let d = o.only();
    assert_eq!(d.reason.code(), "location_not_calling");
    assert_eq!(d.evidence.location_id.as_deref(), Some("aar"));
    assert!(d.sentence().contains("Aarhus – new office"), "{}", d.sentence());
}

#[test]
fn c2_a_number_in_no_inventory() {
    let mut o = org();
    o.person("nowhere", Some("+4570000000"));
    let d = o.only();
    assert_eq!(d.reason.code(), "not_in_inventory");
    assert_eq!(d.evidence.number.as_deref(), Some("+4570000000"));
}

#[test]
fn c3_no_work_number() {
    let mut o = org();
    o.person("none", Some("  "));
    let d = o.only();
    assert_eq!(d.reason.code(), "no_work_number");
    assert_eq!(d.evidence, CallingEvidence::default());
}

#[test]
fn c4_a_national_number_is_read_in_the_users_location_country() {
    let mut o = org();
    o.person("national", Some("33 14 16 49"));
    o.person_locations.insert("national".into(), "cph".into());
    let d = o.only();
    assert_eq!(d.reason.code(), "not_e164");
    assert_eq!(d.suggested_number.as_deref(), Some("+4533141649"));
    assert_eq!(d.evidence.normalised, Some(Normalised::National { e164: "+4533141649".into(), region: "DK".into() }));
}

#[test]
fn c4_without_a_user_location_the_numbers_location_gives_the_country() {
    let mut o = org();
    // Only the Danish reading is in the inventory (at Copenhagen).
    o.person("national", Some("33 14 16 47"));
    let d = o.only();
    assert_eq!(d.suggested_number.as_deref(), Some(FREE));
}

#[test]
fn c4_a_00_prefix_or_a_missing_plus_needs_no_country() {
    let mut o = org();
    o.locations.clear();
    o.person("zeros", Some("004533141647"));
    assert_eq!(o.only().suggested_number.as_deref(), Some(FREE));
    o.facts.people.clear();
    o.person("plusless", Some("4533141647"));
    assert_eq!(o.only().suggested_number.as_deref(), Some(FREE));
}

#[test]
fn c5_says_why_no_number_could_be_made() {
    let mut o = org();
    o.locations.clear();
    o.person("national", Some("33 14 16 77"));
    let d = o.only();
    assert_eq!(d.reason.code(), "not_e164");
    assert_eq!(d.suggested_number, None);
    assert_eq!(d.evidence.not_normalised, Some(NotNormalised::NoCountry));
    assert!(d.sentence().contains("no country"), "{}", d.sentence());
}

#[test]
fn c5_reason_codes_are_stable() {
    let codes: Vec<&str> = CallingReason::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(
        codes,
        ["no_work_number", "not_e164", "not_in_inventory", "location_not_calling", "number_taken", "eligible"]
    );
    for r in CallingReason::ALL {
        let json = serde_json_string(r);
        assert_eq!(json, format!("\"{}\"", r.code()), "serde and code() agree");
    }
}

fn serde_json_string(r: CallingReason) -> String {
    // hubdesk-rules has no serde_json: ts-rs's serde-json feature is not
    // a serializer, so compare through the csv writer's serde support.
    let mut w = csv::WriterBuilder::new().has_headers(false).quote_style(csv::QuoteStyle::Always).from_writer(vec![]);
    w.serialize([r]).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap().trim_end().to_owned()
}
