//! Who a plan touches and what may be removed: T2–T7, T13, T16.

use super::*;

fn org_mode() -> Org {
    let mut org = Org::new();
    org.mode = AssignmentMode::Org;
    org.template(org_template("org", &["MSG", "ADV"]));
    org
}

#[test]
fn t1_templates_of_the_other_mode_apply_to_nobody() {
    let mut org = Org::new();
    org.template(org_template("org", &["ADV"]));
    org.template(group_template("t", "sales", &["CCS"]));
    org.person("u", "User").groups(&["sales"]);
    assert_eq!(added(&org.new_users(&["u"]), "u"), ["CCS"], "group mode: the org template is being deleted");
    org.mode = AssignmentMode::Org;
    assert_eq!(added(&org.new_users(&["u"]), "u"), ["ADV", "MSG"]);
}

#[test]
fn t2_new_users_get_the_org_template() {
    let mut org = org_mode();
    org.person("new", "New Person");
    org.person("old", "Old Person");
    let plan = org.new_users(&["new"]);
    assert_eq!(added(&plan, "new"), ["ADV", "MSG"]);
    assert!(!in_plan(&plan, "old"), "only the users the sync found");
    assert_eq!(plan.totals.users_in_scope, 1);
}

#[test]
fn t3_new_direct_members_get_their_group_template() {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["ADV"]));
    org.person("direct", "Direct").groups(&["sales"]);
    // The facts list direct groups only: a member of a group nested in
    // Sales has that group, not Sales.
    org.person("nested", "Nested").groups(&["sales-emea"]);
    let plan = org.new_users(&["direct", "nested"]);
    assert_eq!(added(&plan, "direct"), ["ADV", "MSG"], "Messaging comes with Advanced Messaging");
    assert!(!in_plan(&plan, "nested"), "T3: nested groups do not inherit");
    assert_eq!(plan.totals.users_in_scope, 2);
}

#[test]
fn t3_existing_users_of_a_group_template_are_its_direct_members() {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["ADV"]));
    org.person("member", "Member").groups(&["eng", "sales"]).holds(&["MSG"]);
    org.person("other", "Other").groups(&["eng"]);
    let plan = org.save("sales-t", true, true);
    assert_eq!(added(&plan, "member"), ["ADV"]);
    assert!(!in_plan(&plan, "other"));
    assert_eq!(plan.totals.users_in_scope, 1);
}

#[test]
fn t4_scope_is_an_argument_of_the_action_not_of_the_template() {
    let mut org = org_mode();
    org.person("u", "User");
    // Every field of a template, spelled out: nothing stores a scope, so the
    // next save starts unchecked again.
    let Template { id: _, name: _, group_id: _, licenses: _, meetings: _ } = &org.templates[0];
    assert!(org.save("org", false, true).users.is_empty(), "future users only");
    assert_eq!(added(&org.save("org", true, true), "u"), ["ADV", "MSG"]);
    assert!(org.save("org", false, true).users.is_empty(), "the choice was not remembered");
}

#[test]
fn t5_preserve_keeps_licenses_outside_the_template() {
    let mut org = org_mode();
    org.person("u", "User").holds(&["MSG", "CCS"]);
    let plan = org.save("org", true, true);
    assert_eq!(added(&plan, "u"), ["ADV"]);
    assert!(removed(&plan, "u").is_empty());
}

#[test]
fn t5_preserve_off_removes_licenses_outside_the_template() {
    let mut org = org_mode();
    org.person("u", "User").holds(&["MSG", "CCS", "PRO-2"]).with_line();
    org.units("PRO-2", 10, 5);
    let plan = org.save("org", true, false);
    assert_eq!(added(&plan, "u"), ["ADV"]);
    assert_eq!(removed(&plan, "u"), ["CCS", "PRO-2"]);
    assert_eq!(license_use(&plan, "PRO-2").consumed_after, 4);
}

#[test]
fn t5_never_removes_screen_share_or_a_free_prerequisite_of_a_kept_license() {
    let mut org = Org::new();
    org.mode = AssignmentMode::Org;
    org.template(org_template("org", &["MTG-A1"]));
    // Messaging and Basic Meetings are outside the template but the
    // Meetings license needs them; Screen Share is implicit.
    org.person("u", "User").holds(&["SS", "MSG", "BMT", "MTG-A1", "CCS"]);
    let plan = org.save("org", true, false);
    assert_eq!(removed(&plan, "u"), ["CCS"]);
}

#[test]
fn t6_an_edit_removes_the_dropped_service_from_granted_users_without_preserve() {
    let mut org = Org::new();
    let previous = group_template("t", "sales", &["ADV", "CCS"]);
    org.template(group_template("t", "sales", &["ADV"]));
    org.template(group_template("eng-t", "eng", &["CCS"]));
    org.person("granted", "Granted").groups(&["sales"]).holds(&["MSG", "ADV", "CCS"]);
    org.person("also-eng", "Also Eng").groups(&["sales", "eng"]).holds(&["MSG", "ADV", "CCS"]);
    org.person("manual", "Manual").groups(&["sales"]).holds(&["MSG", "ADV", "CCS"]);
    for person in ["granted", "also-eng"] {
        org.grant(person, "ADV", "t");
        org.grant(person, "CCS", "t");
    }
    let edit = |preserve| Action::Save {
        template_id: "t".into(),
        previous: Some(previous.clone()),
        existing_users: false,
        preserve,
    };
    let plan = org.plan(edit(false));
    assert_eq!(removed(&plan, "granted"), ["CCS"], "ADV is still in the template");
    assert!(!in_plan(&plan, "also-eng"), "the Engineering template still gives CCS");
    assert!(!in_plan(&plan, "manual"), "not licensed by the template");
    assert!(org.plan(edit(true)).users.is_empty(), "preserve on: everyone keeps everything");
}

#[test]
fn t6_deleting_removes_nothing_by_itself() {
    let mut org = Org::new();
    let deleted = group_template("t", "sales", &["ADV"]);
    org.person("u", "User").groups(&["sales"]).holds(&["MSG", "ADV"]);
    org.grant("u", "ADV", "t");
    let plan = org.plan(Action::Delete { template: deleted, preserve: true });
    assert!(plan.users.is_empty());
    assert_eq!(plan.totals, PlanTotals::default());
}

#[test]
fn t6_deleting_without_preserve_removes_what_the_template_gave() {
    let mut org = Org::new();
    let deleted = group_template("t", "sales", &["ADV", "CCS"]);
    org.template(group_template("eng-t", "eng", &["CCS"]));
    org.person("u", "User").groups(&["sales", "eng"]).holds(&["MSG", "ADV", "CCS", "CCP"]);
    org.grant("u", "ADV", "t");
    org.grant("u", "CCS", "t");
    org.grant("u", "CCP", "other-template");
    let plan = org.plan(Action::Delete { template: deleted, preserve: false });
    assert_eq!(removed(&plan, "u"), ["ADV"], "CCS still comes from Engineering; CCP was not this template's");
    assert!(added(&plan, "u").is_empty(), "a delete adds nothing");
}

#[test]
fn t6_new_users_get_the_reduced_template() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["ADV"]));
    org.person("new", "New").groups(&["sales"]);
    assert_eq!(added(&org.new_users(&["new"]), "new"), ["ADV", "MSG"], "CCS was dropped from the template");
}

fn moved(org: &Org, person: &str, from: &[&str]) -> Plan {
    let from = from.iter().map(|s| s.to_string()).collect();
    org.plan(Action::GroupMoves { moves: vec![GroupMove { person_id: person.into(), from }] })
}

fn moves_org() -> Org {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["ADV", "CCS"]));
    org.template(group_template("eng-t", "eng", &["CCP"]));
    // Moved from Sales to Engineering; BMT was given by hand.
    org.person("u", "User").groups(&["eng"]).holds(&["MSG", "ADV", "CCS", "BMT"]);
    org
}

#[test]
fn t7_a_moved_user_gets_the_new_groups_licenses_and_keeps_the_old_with_preserve() {
    let org = moves_org();
    let plan = moved(&org, "u", &["sales"]);
    // CCS and CCP are rivals (400413): the held agent license stands.
    assert!(!in_plan(&plan, "u"), "{plan:#?}");
    let mut org = org;
    org.facts.people[0].licenses.retain(|l| l != "CCS");
    assert_eq!(added(&moved(&org, "u", &["sales"]), "u"), ["CCP"]);
    assert!(removed(&moved(&org, "u", &["sales"]), "u").is_empty());
}

#[test]
fn t7_without_preserve_a_moved_user_loses_old_and_manual_licenses() {
    let mut org = moves_org();
    org.group_transition_preserve = false;
    let plan = moved(&org, "u", &["sales"]);
    // Standard Agent makes way for the new group's Premium Agent in the same request.
    assert_eq!(added(&plan, "u"), ["CCP"]);
    assert_eq!(removed(&plan, "u"), ["ADV", "BMT", "CCS", "MSG"]);
    assert_eq!(plan.totals.licenses_removed, 4);
}

#[test]
fn t7_group_moves_change_nothing_under_an_org_template() {
    let mut org = moves_org();
    org.mode = AssignmentMode::Org;
    org.group_transition_preserve = false;
    assert!(moved(&org, "u", &["sales"]).users.is_empty());
}

#[test]
fn t13_users_created_with_licenses_are_left_alone_by_the_org_template() {
    let mut org = org_mode();
    org.person("explicit", "Explicit").created_with_licenses = true;
    org.person("plain", "Plain");
    let plan = org.new_users(&["explicit", "plain"]);
    let explicit = user(&plan, "explicit");
    assert!(explicit.add.is_empty() && explicit.remove.is_empty());
    assert_eq!(explicit.issues, [UserIssue::CreatedWithLicenses]);
    assert_eq!(added(&plan, "plain"), ["ADV", "MSG"]);
    assert_eq!(plan.totals.users_changed, 1, "an issue alone is no change");
}

#[test]
fn t13_group_templates_still_apply_to_users_created_with_licenses() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["ADV"]));
    org.person("explicit", "Explicit").groups(&["sales"]).holds(&["MSG"]).created_with_licenses = true;
    assert_eq!(added(&org.new_users(&["explicit"]), "explicit"), ["ADV"]);
}

#[test]
fn t16_inactive_users_changes_wait_for_first_sign_in() {
    let mut org = org_mode();
    org.person("inactive", "Inactive").active = false;
    org.person("active", "Active");
    org.person("inactive-done", "Inactive Done").holds(&["MSG", "ADV"]).active = false;
    let plan = org.save("org", true, true);
    assert!(user(&plan, "inactive").pending_first_sign_in);
    assert_eq!(added(&plan, "inactive"), ["ADV", "MSG"], "planned all the same");
    assert!(!user(&plan, "active").pending_first_sign_in);
    assert!(!in_plan(&plan, "inactive-done"), "nothing to wait for");
    assert_eq!(plan.totals.pending_first_sign_in, 1);
}
