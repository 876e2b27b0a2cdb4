//! The Control Hub users CSV round trip (C4): the export's shape, what the
//! import tolerates of spreadsheets, each rejection, and export -> edit as a
//! spreadsheet would -> import == exactly the edited numbers.

use super::*;
use crate::templates::{LicenseFact, NumberFact};

use CallingImportRejectReason as Why;

struct Org {
    facts: OrgFacts,
    locations: Vec<CallingLocation>,
    person_locations: PersonLocations,
}

fn org() -> Org {
    let person = |id: &str, number: Option<&str>, licenses: &[&str]| PersonFact {
        id: id.into(),
        email: format!("{id}@example.com"),
        display_name: format!("{id} Person"),
        active: true,
        licenses: licenses.iter().map(|l| (*l).to_owned()).collect(),
        attendee_sites: Vec::new(),
        admin_sites: Vec::new(),
        groups: Vec::new(),
        work_number: number.map(Into::into),
        has_calling_line: false,
        created_with_licenses: false,
    };
    let license = |id: &str, name: &str, sub: Option<&str>| LicenseFact {
        id: id.into(),
        name: name.into(),
        subscription_id: sub.map(Into::into),
        site_url: None,
        total_units: 10,
        consumed_units: 1,
    };
    let facts = OrgFacts {
        licenses: vec![
            license("pro", "Webex Calling - Professional", Some("Sub100")),
            license("std", "Webex Calling - Basic", None),
            license("msg", "Messaging", None),
        ],
        people: vec![
            person("ann", Some("+4533141647"), &["pro"]),
            person("bo", Some("33 14 16 48"), &[]),
            person("cy", None, &["msg"]),
            person("di", Some("+4533141650"), &[]),
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
    let locations = vec![CallingLocation { id: "cph".into(), name: "Copenhagen".into(), country: Some("DK".into()) }];
    let person_locations = ["ann", "bo", "di"].iter().map(|p| ((*p).to_owned(), "cph".to_owned())).collect();
    Org { facts, locations, person_locations }
}

impl Org {
    fn export(&self) -> String {
        let report = diagnose(&self.facts, &self.locations, &self.person_locations);
        let users = self.facts.people.iter().map(|p| CsvUser {
            person_id: &p.id,
            first_name: &p.id,
            last_name: "=Person",
            display_name: &p.display_name,
            email: &p.email,
            work_number: p.work_number.as_deref().unwrap_or_default(),
            extension: "",
            location: "Copenhagen",
            licenses: &p.licenses,
        });
        String::from_utf8(write_users_csv(Vec::new(), &self.facts.licenses, users, &report).unwrap()).unwrap()
    }

    fn plan(&self, file: &str) -> ImportPlan {
        let sheet = read_sheet(file.as_bytes()).unwrap();
        plan_import(&sheet, &ImportOrg::of_facts(&sheet, &self.facts, &self.locations, &self.person_locations))
    }
}

/// `(email, new number)` of each change.
fn edits(plan: &ImportPlan) -> Vec<(&str, &str)> {
    plan.changes
        .iter()
        .map(|c| match &c.fix {
            CallingFix::SetWorkNumber { number } => (c.email.as_str(), number.as_str()),
            other => panic!("{other:?}"),
        })
        .collect()
}

fn rejected(plan: &ImportPlan) -> Vec<(u32, Why, Option<&str>)> {
    plan.rejections.iter().map(|r| (r.line, r.reason, r.value.as_deref())).collect()
}

const HEADER: &str = "User ID/Email (Required),Phone Number";

#[test]
fn c4_export_has_control_hubs_columns_one_per_calling_license_and_the_reason() {
    let text = org().export();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "First Name,Last Name,Display Name,User ID/Email (Required),Phone Number,Extension,Location,\
         Webex Calling VAR Professional [Sub100],Webex Calling VAR Basic [std],Reason,Suggested Number"
    );
    // Ann has Calling: TRUE, no reason. Bo's national number gets its E.164.
    // The formula in the last name is written as text.
    assert_eq!(lines.next().unwrap(), "ann,'=Person,ann Person,ann@example.com,+4533141647,,Copenhagen,TRUE,FALSE,,");
    assert_eq!(
        lines.next().unwrap(),
        "bo,'=Person,bo Person,bo@example.com,33 14 16 48,,Copenhagen,FALSE,FALSE,not_e164,+4533141648"
    );
    assert_eq!(lines.next().unwrap(), "cy,'=Person,cy Person,cy@example.com,,,Copenhagen,FALSE,FALSE,no_work_number,");
    assert_eq!(lines.count(), 1);
}

#[test]
fn c4_the_exported_file_imported_as_it_is_changes_nothing() {
    let o = org();
    let plan = o.plan(&o.export());
    assert_eq!((plan.rows, plan.unchanged), (4, 4));
    assert!(plan.changes.is_empty() && plan.rejections.is_empty(), "{plan:?}");
}

#[test]
fn c4_round_trip_edited_as_a_spreadsheet_saves_it_gives_exactly_the_edited_numbers() {
    let o = org();
    let exported = o.export();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(exported.as_bytes());
    let mut table: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    // The admin edits two numbers; the spreadsheet strips every `+`.
    table[2][4] = "+45 33 14 16 49".into();
    table[3][4] = "4533141651".into();
    for row in table.iter_mut() {
        if let Some(plain) = row[4].strip_prefix('+') {
            row[4] = plain.replace(' ', "");
        }
        // Reordered: the number first, the email last.
        let phone = row.remove(4);
        let email = row.remove(3);
        row.insert(0, phone);
        row.push(email);
    }
    let body: Vec<String> = table.iter().map(|r| r.join(";")).collect();
    let saved = format!("\u{feff}{}\r\n", body.join("\r\n"));
    let plan = o.plan(&saved);
    assert!(plan.rejections.is_empty(), "{:?}", plan.rejections);
    assert_eq!(edits(&plan), [("bo@example.com", "+4533141649"), ("cy@example.com", "+4533141651")]);
    assert_eq!(plan.changes[0].reason, Some(CallingReason::NotE164));
    assert_eq!(plan.changes[0].work_number.as_deref(), Some("33 14 16 48"));
    assert_eq!(plan.unchanged, 2);
}

#[test]
fn c4_separators_are_sniffed_from_the_header() {
    let o = org();
    for sep in [",", ";", "\t"] {
        let file = format!("Phone Number{sep}User ID/Email (Required)\n+4533141660{sep}di@example.com\n");
        assert_eq!(edits(&o.plan(&file)), [("di@example.com", "+4533141660")], "separator {sep:?}");
        assert_eq!(read_sheet(file.as_bytes()).unwrap().separator, sep.as_bytes()[0]);
    }
}

#[test]
fn c4_headers_are_found_in_any_case_with_spaces_and_a_bom() {
    let file = "\u{feff} phone number ;  USER ID/EMAIL (REQUIRED)\r\n4533141660;DI@Example.com\r\n";
    assert_eq!(edits(&org().plan(file)), [("di@example.com", "+4533141660")]);
}

#[test]
fn c4_quoted_cells_with_separators_quotes_and_line_breaks_count_file_lines() {
    let file = "Display Name,User ID/Email (Required),Phone Number\n\
                \"Lee, \"\"Ann\"\"\nsecond line\",nobody@example.com,+4533141660\n\
                x,di@example.com,\"+45 33 14 16 61\"\n\
                y,,+4533141662\n";
    let plan = org().plan(file);
    assert_eq!(edits(&plan), [("di@example.com", "+4533141661")]);
    // The quoted name spans lines 2 and 3, so the last row is line 5.
    assert_eq!(rejected(&plan), [(2, Why::UnknownUser, Some("nobody@example.com")), (5, Why::MissingEmail, None)]);
}

#[test]
fn c4_line_numbers_hold_for_crlf_and_cr_only_files() {
    // Found by the fuzzer: csv counts a CRLF file's records from the line before.
    for end in ["\r\n", "\r", "\n"] {
        let file = format!(
            "Display Name,{HEADER}{end}{end}d,di@example.com,x{end}\"a{end}b\",nobody@example.com,1{end}c,,1{end}"
        );
        let plan = org().plan(&file);
        assert_eq!(
            rejected(&plan),
            [
                (3, Why::InvalidNumber, Some("x")),
                (4, Why::UnknownUser, Some("nobody@example.com")),
                (6, Why::MissingEmail, None)
            ],
            "line ends {end:?}"
        );
    }
}

#[test]
fn c4_a_number_whose_plus_a_spreadsheet_stripped_is_unchanged_even_when_not_valid() {
    let mut o = org();
    o.facts.people[3].work_number = Some("+4512".into());
    let plan = o.plan(&format!("{HEADER}\ndi@example.com,4512\n"));
    assert_eq!((plan.unchanged, plan.rejections.len()), (1, 0), "{plan:?}");
}

#[test]
fn c4_the_exports_formula_quote_and_an_admins_text_quote_are_taken_off() {
    let file = format!("{HEADER}\n'=di@example.com,'+4533141660\n");
    // `'=di...` is restored to `=di...`, no user has that email.
    assert_eq!(rejected(&org().plan(&file)), [(2, Why::UnknownUser, Some("=di@example.com"))]);
    let file = format!("{HEADER}\ndi@example.com,'+4533141660\n");
    assert_eq!(edits(&org().plan(&file)), [("di@example.com", "+4533141660")]);
}

#[test]
fn c4_an_empty_number_cell_leaves_the_number_and_blank_lines_are_skipped() {
    let plan = org().plan(&format!("{HEADER}\ndi@example.com,\n,\n\n"));
    assert_eq!((plan.rows, plan.unchanged), (1, 1));
    assert!(plan.changes.is_empty() && plan.rejections.is_empty());
}

#[test]
fn c5_scientific_notation_and_remove_are_rejected_with_the_cell() {
    let file = format!("{HEADER}\ndi@example.com,4.51234E+09\nbo@example.com,REMOVE|+4533141648\n");
    assert_eq!(
        rejected(&org().plan(&file)),
        [(2, Why::InvalidNumber, Some("4.51234E+09")), (3, Why::InvalidNumber, Some("REMOVE|+4533141648"))]
    );
}

#[test]
fn c5_each_rejection_reason_changes_nothing_for_its_row() {
    let file = format!(
        "{HEADER}\n\
         nobody@example.com,+4533141660\n\
         ,+4533141661\n\
         di@example.com,12\n\
         bo@example.com,+4533141647\n\
         cy@example.com,+4533141663\n\
         cy@example.com,+4533141664\n\
         di@example.com,+4533141663\n\
         ann@example.com,+4533141665,extra\n"
    );
    let plan = org().plan(&file);
    assert_eq!(
        rejected(&plan),
        [
            (2, Why::UnknownUser, Some("nobody@example.com")),
            (3, Why::MissingEmail, None),
            (4, Why::InvalidNumber, Some("12")),
            // Ann's number, now.
            (5, Why::NumberInUse, Some("+4533141647")),
            (7, Why::DuplicateUser, Some("cy@example.com")),
            // Di's first row was refused: a second one is refused too.
            (8, Why::DuplicateUser, Some("di@example.com")),
            (9, Why::Malformed, None),
        ]
    );
    assert_eq!(edits(&plan), [("cy@example.com", "+4533141663")]);
    let codes: Vec<&str> = plan.rejections.iter().map(|r| r.reason.code()).collect();
    assert_eq!(codes[..4], ["unknown_user", "missing_email", "invalid_number", "number_in_use"]);
}

#[test]
fn c5_a_number_another_row_gives_first_is_in_use() {
    let file = format!("{HEADER}\nbo@example.com,+4533141660\ncy@example.com,004533141660\n");
    let plan = org().plan(&file);
    assert_eq!(edits(&plan), [("bo@example.com", "+4533141660")]);
    assert_eq!(rejected(&plan), [(3, Why::NumberInUse, Some("004533141660"))]);
}

#[test]
fn c5_a_quote_left_open_makes_the_row_malformed() {
    let file = format!("{HEADER}\ndi@example.com,\"+4533141660\nbo@example.com,+4533141661\n");
    let plan = org().plan(&file);
    assert_eq!(rejected(&plan), [(2, Why::Malformed, None)]);
    assert!(plan.changes.is_empty());
}

#[test]
fn c5_a_file_without_the_required_columns_or_too_large_is_refused_whole() {
    let missing = read_sheet(b"Email,Number\nx@example.com,1\n").unwrap_err();
    assert_eq!(missing, SheetError::MissingColumn { header: PHONE_HEADER });
    assert!(missing.message().contains("\"Phone Number\""), "{}", missing.message());
    let missing = read_sheet(b"Name;Phone Number\n").unwrap_err();
    assert_eq!(missing, SheetError::MissingColumn { header: EMAIL_HEADER });
    assert_eq!(read_sheet(b"\xEF\xBB\xBF\r\n\r\n").unwrap_err(), SheetError::Empty);
    let big = vec![b' '; MOST_BYTES + 1];
    assert_eq!(read_sheet(&big).unwrap_err(), SheetError::TooLarge { bytes: MOST_BYTES + 1 });
    let mut rows = String::from("Email,Phone Number\n");
    rows.push_str(&"a@example.com,1\n".repeat(MOST_ROWS + 1));
    assert_eq!(read_sheet(rows.as_bytes()).unwrap_err(), SheetError::TooManyRows);
    rows.truncate("Email,Phone Number\n".len() + "a@example.com,1\n".len() * MOST_ROWS);
    assert_eq!(read_sheet(rows.as_bytes()).unwrap().rows.len(), MOST_ROWS);
}

#[test]
fn c4_the_suggested_number_typed_over_a_number_that_is_not_e164_is_a_change() {
    // Bo's "33 14 16 48" is the same number, but not E.164: writing it so fixes not_e164.
    let plan = org().plan(&format!("{HEADER}\nbo@example.com,+4533141648\n"));
    assert_eq!(edits(&plan), [("bo@example.com", "+4533141648")]);
}

#[test]
fn c5_a_users_first_row_that_leaves_the_number_still_makes_a_later_row_a_duplicate() {
    // Ann's first row is her number without its `+` (unchanged); the second gives a new one.
    let file = format!("{HEADER}\nann@example.com,4533141647\nANN@example.com,+4533141660\n");
    let plan = org().plan(&file);
    assert_eq!(plan.unchanged, 1);
    assert!(plan.changes.is_empty());
    assert_eq!(rejected(&plan), [(3, Why::DuplicateUser, Some("ANN@example.com"))]);
}

#[test]
fn c5_a_malformed_first_row_leaves_the_users_next_row_to_be_planned() {
    let file = format!("{HEADER}\ndi@example.com,+4533141660,extra\ndi@example.com,+4533141661\n");
    let plan = org().plan(&file);
    assert_eq!(rejected(&plan), [(2, Why::Malformed, None)]);
    assert_eq!(edits(&plan), [("di@example.com", "+4533141661")]);
}

#[test]
fn c4_a_number_another_user_holds_in_national_form_is_in_use() {
    // Bo's directory number "33 14 16 48" is +4533141648 read in Denmark.
    let plan = org().plan(&format!("{HEADER}\ndi@example.com,+4533141648\n"));
    assert_eq!(rejected(&plan), [(2, Why::NumberInUse, Some("+4533141648"))]);
    assert!(plan.changes.is_empty());
}

#[test]
fn c4_a_number_typed_with_no_break_spaces_is_read_before_it_is_compared() {
    // Cy's number is typed with no-break spaces, as a word processor keeps them.
    let mut org = org();
    org.facts.people[2].work_number = Some("33\u{a0}14\u{a0}16\u{a0}52".into());
    org.person_locations.insert("cy".into(), "cph".into());
    let plan = org.plan(&format!("{HEADER}\ndi@example.com,+4533141652\nann@example.com,+4533141653\n"));
    assert_eq!(rejected(&plan), [(2, Why::NumberInUse, Some("+4533141652"))]);
    assert_eq!(edits(&plan), [("ann@example.com", "+4533141653")]);
}
