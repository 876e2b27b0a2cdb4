//! The plan as the admin sees it: order, totals, CSV; license names; T18.

use super::*;

/// A plan with a bit of everything: adds, removals, upgrades, roles,
/// issues, an inactive user, a shortage.
fn busy_org() -> Org {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["MSG", "PRO-1", "ADV"]).attendee(SITE_A));
    org.units("ADV", 2, 0);
    org.person("p1", "zed").groups(&["sales"]).work_number(FREE_NUMBER);
    org.person("p2", "Amy").groups(&["sales"]).holds(&["CCS", "STD"]);
    org.person("p3", "amy").groups(&["sales"]).holds(&["MSG", "CXE"]).active = false;
    org.person("p4", "Bob").groups(&["sales"]).work_number("12345");
    org.person("p5", "Cat").groups(&["sales"]).holds(&["MSG", "PRO-1", "ADV"]).attendee_sites = vec![SITE_A.into()];
    org.person("p6", "Dan").groups(&["eng"]).holds(&["CCS"]);
    org
}

#[test]
fn users_are_sorted_by_display_name_in_any_case_then_id() {
    let plan = busy_org().save("sales-t", true, false);
    let order: Vec<&str> = plan.users.iter().map(|u| u.person_id.as_str()).collect();
    assert_eq!(order, ["p2", "p3", "p4", "p1"], "Cat has all already; Dan is not in Sales");
}

#[test]
fn totals_agree_with_the_lists() {
    let plan = busy_org().save("sales-t", true, false);
    let t = &plan.totals;
    let users = &plan.users;
    let changed = |u: &&UserChange| !(u.add.is_empty() && u.remove.is_empty() && u.roles.is_empty());
    let has = |u: &UserChange, f: fn(&UserIssue) -> bool| u.issues.iter().filter(|i| f(i)).count() as u32;
    assert_eq!(t.users_in_scope, 5);
    assert_eq!(t.users_changed, users.iter().filter(changed).count() as u32);
    assert_eq!(t.licenses_added, users.iter().map(|u| u.add.len() as u32).sum::<u32>());
    assert_eq!(t.licenses_removed, users.iter().map(|u| u.remove.len() as u32).sum::<u32>());
    assert_eq!(t.roles_changed, users.iter().map(|u| u.roles.len() as u32).sum::<u32>());
    assert_eq!(t.calling_removals, users.iter().filter(|u| u.remove.iter().any(|r| r.calling)).count() as u32);
    let needing: u32 = users.iter().map(|u| has(u, |i| matches!(i, UserIssue::NeedsNumber { .. })).min(1)).sum();
    let short: u32 = users.iter().map(|u| has(u, |i| matches!(i, UserIssue::NoUnitsLeft { .. }))).sum();
    assert_eq!(t.needs_number, needing);
    assert_eq!(t.no_units_left, short);
    assert_eq!(t.pending_first_sign_in, users.iter().filter(|u| u.pending_first_sign_in).count() as u32);
    assert_eq!(t.no_units_left, plan.licenses.iter().map(|l| l.short_by).sum::<i64>() as u32);
    // And the figures themselves, so a wrong count on both sides fails.
    let expected = PlanTotals {
        users_in_scope: 5,
        users_changed: 4,
        licenses_added: 8,
        licenses_removed: 3,
        roles_changed: 4,
        calling_removals: 0,
        needs_number: 1,
        pending_first_sign_in: 1,
        no_units_left: 2,
    };
    assert_eq!(*t, expected, "{plan:#?}");
    for license in &plan.licenses {
        let added = users.iter().flat_map(|u| &u.add).filter(|a| a.license_id == license.license_id).count();
        let removed = users.iter().flat_map(|u| &u.remove).filter(|r| r.license_id == license.license_id).count();
        assert_eq!(license.consumed_after - license.consumed_before, added as i64 - removed as i64);
    }
}

#[test]
fn licenses_are_sorted_by_name_then_subscription_age() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["PRO-1", "ADV"]).host(SITE_A, "MTG-A1"));
    org.units("PRO-1", 1, 0);
    org.units("MTG-A1", 1, 0);
    for (id, name) in [("a", "A"), ("b", "B")] {
        org.person(id, name).groups(&["sales"]).holds(&["MSG", "BMT"]).with_line();
    }
    let plan = org.save("t", true, true);
    let order: Vec<&str> = plan.licenses.iter().map(|l| l.license_id.as_str()).collect();
    assert_eq!(order, ["ADV", "MTG-A1", "MTG-A2", "PRO-1", "PRO-2"]);
}

#[test]
fn a_plan_is_reproducible() {
    let org = busy_org();
    let mut shuffled = busy_org();
    shuffled.facts.people.reverse();
    shuffled.facts.licenses.reverse();
    assert_eq!(org.save("sales-t", true, false), shuffled.save("sales-t", true, false));
}

#[test]
fn t18_previewing_changes_nothing_so_a_cancel_has_nothing_to_undo() {
    // The preserve toggle's cancel is the UI's (tests in ui/): the engine's
    // part is that a preview is pure, so cancelling after it leaves the
    // org and the templates exactly as they were.
    let org = busy_org();
    let (facts, templates) = (org.facts.clone(), org.templates.clone());
    let first = org.save("sales-t", true, false);
    assert_eq!((&org.facts, &org.templates), (&facts, &templates));
    assert_eq!(org.save("sales-t", true, false), first);
}

#[test]
fn csv_has_a_human_header_one_row_per_user_and_marks_calling_removals() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["MSG"]));
    org.person("u", "Doe, Jane").groups(&["sales"]).holds(&["PRO-1"]).with_line().active = false;
    let plan = org.save("t", true, false);
    let csv = plan_csv(&plan);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Display name,Email,Licenses added,Licenses removed,Roles changed,Issues,Pending first sign-in"
    );
    assert_eq!(
        lines[1],
        "\"Doe, Jane\",u@example.com,Messaging,\"Webex Calling - Professional (REMOVES CALLING: number, voicemail \
         and call settings are deleted)\",,,yes"
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn csv_spells_out_lines_roles_and_issues() {
    let plan = busy_org().save("sales-t", true, false);
    let csv = plan_csv(&plan);
    let row = |name: &str| csv.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name}: {csv}"));
    assert!(row("zed").contains(&format!("Webex Calling - Professional (line {FREE_NUMBER}, location cph)")));
    assert!(row("zed").contains("a.webex.com: none to attendee"));
    assert!(row("Bob").contains("No Calling: work number 12345 is not in E.164 format"));
    assert!(row("zed").contains("No unit of Advanced Messaging left"));
}

#[test]
fn csv_cells_that_look_like_formulas_stay_text() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["MSG"]));
    org.person("u", "=HYPERLINK(\"http://x\",\"y\")").groups(&["sales"]);
    let plan = org.save("t", true, false);
    let csv = plan_csv(&plan);
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().expect("one user").unwrap();
    assert_eq!(&row[0], "'=HYPERLINK(\"http://x\",\"y\")", "{csv}");
    assert_eq!(crate::csv_cell::restore(&row[0]), "=HYPERLINK(\"http://x\",\"y\")");
}

#[test]
fn license_names_map_to_the_editors_sections() {
    use LicenseCategory::*;
    let cases = [
        ("Messaging", Basic),
        ("Screen Share", Basic),
        ("Basic Meetings", Basic),
        ("Advanced Messaging", Messaging),
        ("Messenger", Messaging),
        ("Meeting - Webex Meeting Center", Meetings),
        ("Meeting - Webex Enterprise Edition", Meetings),
        ("Webex Calling - Professional", Calling),
        ("Webex Calling - Basic", Calling),
        ("Webex Calling - Standard", Calling),
        ("webex calling var professional", Calling),
        ("Webex Calling - Workspaces", Calling),
        ("Customer Experience - Essential", Calling),
        ("Webex Attendant Console", Calling),
        ("Contact Center Premium Agent", ContactCenter),
        ("Contact Center Standard Agent", ContactCenter),
        ("Webex Contact Center Supervisor", ContactCenter),
        ("Hybrid Calendar", Other),
    ];
    for (name, category) in cases {
        assert_eq!(license_category(name), category, "{name}");
    }
}

#[test]
fn standard_and_basic_calling_names_are_one_service() {
    use super::super::category::Kind;
    assert_eq!(Kind::of("Webex Calling - Standard"), Kind::of("Webex Calling - Basic"));
    assert_eq!(Kind::of("WEBEX CALLING - PROFESSIONAL"), Kind::of("Webex Calling VAR Professional"));
    assert_ne!(Kind::of("Basic Meetings"), Kind::of("Meeting - Webex Meeting Center"));
}
