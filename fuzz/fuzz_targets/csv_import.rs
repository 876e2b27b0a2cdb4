//! The Calling CSV import (read, then plan against a small org) on any
//! bytes: it must never panic, every row must end as exactly one of
//! unchanged, changed or rejected, every change must be E.164, and every
//! line number must point below the header.
#![no_main]

use hubdesk_rules::calling::{plan_import, read_sheet, CallingFix, CallingLocation, ImportOrg, PersonLocations};
use hubdesk_rules::templates::{NumberFact, OrgFacts, PersonFact};
use libfuzzer_sys::fuzz_target;

fn person(id: &str, number: Option<&str>) -> PersonFact {
    PersonFact {
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
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(sheet) = read_sheet(data) else { return };
    let facts = OrgFacts {
        // A number as Webex holds it, a national one with a location, one
        // with a `00` and none (read only when a change ends the same), none.
        people: vec![
            person("a", Some("+4533141647")),
            person("b", Some("33 14 16 48")),
            person("c", None),
            person("d", Some("00 45 33 14 16 50")),
        ],
        numbers: vec![NumberFact {
            phone_number: "+4533141649".into(),
            location_id: "cph".into(),
            owner: None,
            holder_kind: None,
            holder_id: None,
        }],
        calling_locations: vec!["cph".into()],
        ..OrgFacts::default()
    };
    let locations = [CallingLocation { id: "cph".into(), name: "Copenhagen".into(), country: Some("DK".into()) }];
    let person_locations: PersonLocations = [("b".to_owned(), "cph".to_owned())].into_iter().collect();
    let plan = plan_import(&sheet, &ImportOrg::of_facts(&sheet, &facts, &locations, &person_locations));
    assert_eq!(plan.rows as usize, sheet.rows.len());
    assert_eq!(plan.unchanged as usize + plan.changes.len() + plan.rejections.len(), sheet.rows.len());
    for change in &plan.changes {
        let CallingFix::SetWorkNumber { number } = &change.fix else { panic!("{:?}", change.fix) };
        let digits = number.strip_prefix('+').expect("E.164 starts with +");
        assert!(digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()), "{number}");
    }
    assert!(plan.rejections.iter().all(|r| r.line >= 2), "{:?}", plan.rejections);
});
