//! The fix the report suggests per reason (C1, C4), the holder's kind (C2
//! c) and the C7 mismatches, one test per rule.

use super::*;
use crate::templates::{LicenseFact, NumberFact};

const CPH: &str = "cph";
const OFF: &str = "aar";

fn license(id: &str, name: &str, subscription: &str, total: i64, consumed: i64) -> LicenseFact {
    LicenseFact {
        id: id.into(),
        name: name.into(),
        subscription_id: Some(subscription.into()),
        site_url: None,
        total_units: total,
        consumed_units: consumed,
    }
}

struct Org {
    facts: OrgFacts,
    locations: Vec<CallingLocation>,
    person_locations: PersonLocations,
}

fn org() -> Org {
    let facts = OrgFacts {
        calling_locations: vec![CPH.into()],
        subscription_order: vec!["old".into(), "new".into()],
        licenses: vec![
            license("pro-new", "Webex Calling - Professional", "new", 10, 0),
            license("pro-old", "Webex Calling - Professional", "old", 5, 4),
            license("std", "Webex Calling - Basic", "old", 10, 0),
        ],
        ..OrgFacts::default()
    };
    let locations = vec![
        CallingLocation { id: CPH.into(), name: "Copenhagen".into(), country: Some("DK".into()) },
        CallingLocation { id: OFF.into(), name: "Aarhus – new office".into(), country: Some("DK".into()) },
    ];
    Org { facts, locations, person_locations: PersonLocations::default() }
}

impl Org {
    fn number(&mut self, number: &str, location: &str, holder: Option<(NumberHolder, &str)>) {
        self.facts.numbers.push(NumberFact {
            phone_number: number.into(),
            location_id: location.into(),
            owner: holder.map(|(_, id)| format!("name of {id}")),
            holder_kind: holder.map(|(kind, _)| kind),
            holder_id: holder.map(|(_, id)| id.into()),
        });
    }

    fn person(&mut self, id: &str, number: Option<&str>, location: Option<&str>) -> &mut PersonFact {
        if let Some(location) = location {
            self.person_locations.insert(id.into(), location.into());
        }
        self.facts.people.push(PersonFact {
            id: id.into(),
            email: format!("{id}@example.com"),
            display_name: id.into(),
            active: true,
            work_number: number.map(Into::into),
            ..PersonFact::default()
        });
        self.facts.people.last_mut().unwrap()
    }

    fn report(&self) -> Vec<CallingUser> {
        diagnose(&self.facts, &self.locations, &self.person_locations)
    }
}

fn assign(license: &str, location: &str, number: &str) -> Option<CallingFix> {
    Some(CallingFix::AssignCalling {
        license_id: license.into(),
        location_id: location.into(),
        phone_number: Some(number.into()),
        extension: None,
    })
}

#[test]
fn c4_not_e164_with_a_normalised_number_suggests_setting_the_work_number() {
    let mut o = org();
    o.number("+4533141647", CPH, None);
    o.person("zeros", Some("004533141647"), None);
    let d = &o.report()[0];
    assert_eq!(d.reason, CallingReason::NotE164);
    assert_eq!(d.suggested_fix, Some(CallingFix::SetWorkNumber { number: "+4533141647".into() }));
}

#[test]
fn c5_not_e164_without_a_normalised_number_suggests_nothing() {
    let mut o = org();
    o.locations.clear();
    o.person("national", Some("33 14 16 77"), None);
    assert_eq!(o.report()[0].suggested_fix, None);
}

#[test]
fn c1_eligible_suggests_calling_at_the_numbers_location_with_the_oldest_professional_units() {
    let mut o = org();
    o.number("+4533141647", CPH, None);
    o.person("ok", Some("+4533141647"), None);
    let d = &o.report()[0];
    assert_eq!(d.reason, CallingReason::Eligible);
    // T12: the old subscription has one unit left; the Basic license is never chosen.
    assert_eq!(d.suggested_fix, assign("pro-old", CPH, "+4533141647"));
}

#[test]
fn c1_no_work_number_gets_the_first_free_number_of_the_users_calling_location() {
    let mut o = org();
    o.number("+4533141649", CPH, None);
    o.number("+4533141648", CPH, None);
    o.number("+4533141640", CPH, Some((NumberHolder::Service, "aa")));
    o.person("none", None, Some(CPH));
    assert_eq!(o.report()[0].suggested_fix, assign("pro-old", CPH, "+4533141648"));
}

#[test]
fn c1_each_free_number_and_unit_is_suggested_once_per_report() {
    let mut o = org();
    o.number("+4533141648", CPH, None);
    o.number("+4533141649", CPH, None);
    o.person("a", None, Some(CPH));
    o.person("b", Some("+4570000000"), Some(CPH));
    o.person("c", None, Some(CPH));
    let fixes: Vec<_> = o.report().into_iter().map(|u| u.suggested_fix).collect();
    assert_eq!(fixes, [assign("pro-old", CPH, "+4533141648"), assign("pro-new", CPH, "+4533141649"), None]);
}

#[test]
fn c1_a_free_number_that_is_someone_elses_work_number_is_not_suggested() {
    let mut o = org();
    o.number("+4533141648", CPH, None);
    o.person("eligible", Some("+4533141648"), None);
    o.person("taken", Some("+4533141640"), Some(CPH));
    o.number("+4533141640", CPH, Some((NumberHolder::User, "someone")));
    let report = o.report();
    assert_eq!(report[1].reason, CallingReason::NumberTaken);
    assert_eq!(report[1].evidence.holder_kind, Some(NumberHolder::User));
    assert_eq!(report[1].suggested_fix, None, "the only free number is the eligible user's");
}

#[test]
fn c1_not_in_inventory_outside_a_calling_location_suggests_nothing() {
    let mut o = org();
    o.number("+4586123456", OFF, None);
    o.person("elsewhere", Some("+4570000000"), Some(OFF));
    o.person("nowhere", Some("+4570000001"), None);
    assert!(o.report().iter().all(|u| u.reason == CallingReason::NotInInventory && u.suggested_fix.is_none()));
}

#[test]
fn c2_location_not_calling_suggests_nothing_even_with_free_numbers() {
    let mut o = org();
    o.number("+4586123456", OFF, None);
    o.number("+4533141648", CPH, None);
    o.person("off", Some("+4586123456"), Some(CPH));
    let d = &o.report()[0];
    assert_eq!(d.reason, CallingReason::LocationNotCalling);
    assert_eq!(d.suggested_fix, None);
}

#[test]
fn c1_without_professional_units_nothing_is_assigned() {
    let mut o = org();
    for l in &mut o.facts.licenses {
        l.consumed_units = l.total_units;
    }
    o.number("+4533141647", CPH, None);
    o.person("ok", Some("+4533141647"), None);
    assert_eq!(o.report()[0].suggested_fix, None);
    assert_eq!(calling_license(&o.facts), None);
}

#[test]
fn c2_owner_types_name_the_kind_of_holder() {
    assert_eq!(NumberHolder::of_owner_type("PEOPLE"), NumberHolder::User);
    assert_eq!(NumberHolder::of_owner_type("place"), NumberHolder::Workspace);
    assert_eq!(NumberHolder::of_owner_type("HUNT_GROUP"), NumberHolder::Service);
    assert_eq!(NumberHolder::of_owner_type("AUTO_ATTENDANT"), NumberHolder::Service);
    assert_eq!(NumberHolder::of_owner_type("SOMETHING_NEW"), NumberHolder::Other);
}

#[test]
fn c7_a_provisioned_user_whose_work_number_changed_to_a_free_number_is_offered_a_reprovision() {
    let mut o = org();
    o.number("+4533141640", CPH, Some((NumberHolder::User, "moved")));
    o.number("+4533141648", CPH, None);
    o.person("moved", Some("+4533141648"), Some(CPH)).licenses = vec!["std".into()];
    let found = mismatches(&o.facts, &o.person_locations);
    assert_eq!(found.len(), 1);
    let m = &found[0];
    assert_eq!(m.calling_number.as_deref(), Some("+4533141640"));
    assert_eq!(m.work_number.as_deref(), Some("+4533141648"));
    // The license the user holds is the one given back.
    let fix = CallingFix::Reprovision {
        license_id: "std".into(),
        location_id: CPH.into(),
        phone_number: "+4533141648".into(),
    };
    assert_eq!(m.suggested_fix, Some(fix.clone()));
    assert!(fix.removes_calling(), "C8");
    assert!(o.report().is_empty(), "a user with Calling is not in the report of users without it");
}

#[test]
fn c7_no_reprovision_when_the_work_number_is_taken_elsewhere_or_not_e164() {
    let mut o = org();
    o.number("+4533141640", CPH, Some((NumberHolder::User, "a")));
    o.number("+4533141641", CPH, Some((NumberHolder::User, "b")));
    o.number("+4586123456", OFF, None);
    o.person("a", Some("+4533141641"), Some(CPH)).licenses = vec!["pro-old".into()];
    o.person("b", Some("+4586123456"), Some(CPH)).licenses = vec!["pro-old".into()];
    o.person("c", Some("33 14 16 42"), Some(CPH)).licenses = vec!["pro-old".into()];
    let found = mismatches(&o.facts, &o.person_locations);
    assert_eq!(found.iter().map(|m| m.person_id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert!(found.iter().all(|m| m.suggested_fix.is_none()), "{found:?}");
    assert_eq!(found[2].calling_number, None, "extension only");
}

#[test]
fn c7_a_user_whose_numbers_agree_is_not_a_mismatch() {
    let mut o = org();
    o.number("+4533141640", CPH, Some((NumberHolder::User, "same")));
    o.person("same", Some(" +4533141640 "), Some(CPH)).licenses = vec!["pro-old".into()];
    o.person("extension-only", None, Some(CPH)).licenses = vec!["pro-old".into()];
    o.person("no-calling", Some("+4599999999"), None);
    assert!(mismatches(&o.facts, &o.person_locations).is_empty());
}

#[test]
fn c6_has_calling_means_a_line_license() {
    let mut o = org();
    o.person("line", None, None).licenses = vec!["std".into()];
    o.person("none", None, None);
    assert!(has_calling(&o.facts, &o.facts.people[0]));
    assert!(!has_calling(&o.facts, &o.facts.people[1]));
}
