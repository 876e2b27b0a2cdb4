//! Calling: C1–C3, C5, C7, C8 and the Calling license conflicts.

use super::*;

fn calling_org() -> Org {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["MSG", "PRO-1"]));
    org
}

fn needs(plan: &Plan, id: &str) -> NumberProblem {
    match issues(plan, id).as_slice() {
        [UserIssue::NeedsNumber { reason }] => reason.clone(),
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn c1_calling_for_a_user_without_a_line_carries_location_and_number() {
    let mut org = calling_org();
    org.person("u", "User").groups(&["sales"]).work_number(FREE_NUMBER);
    let plan = org.new_users(&["u"]);
    let add = user(&plan, "u").add.iter().find(|a| a.license_id == "PRO-1").expect("Calling added");
    let line = CallingLine { location_id: "cph".into(), phone_number: Some(FREE_NUMBER.into()), extension: None };
    assert_eq!(add.calling, Some(line));
    assert_eq!(user(&plan, "u").add[0].calling, None, "Messaging carries no line");
}

#[test]
fn c2_the_work_number_must_be_e164() {
    for typed in
        ["045 33 00 00 01", "004533000001", "+45 33000001", "4533000001", "+4533", "+0533000001", "+2103300001"]
    {
        let mut org = calling_org();
        org.person("u", "User").groups(&["sales"]).work_number(typed);
        let plan = org.new_users(&["u"]);
        assert_eq!(needs(&plan, "u"), NumberProblem::NotE164 { number: typed.into() }, "{typed}");
        assert_eq!(added(&plan, "u"), ["MSG"], "C3: the rest is given");
    }
}

#[test]
fn c2_the_number_must_be_in_the_inventory() {
    let mut org = calling_org();
    org.person("u", "User").groups(&["sales"]).work_number("+4533999999");
    let plan = org.new_users(&["u"]);
    assert_eq!(needs(&plan, "u"), NumberProblem::NotInInventory { number: "+4533999999".into() });
}

#[test]
fn c2_the_numbers_location_must_be_enabled_for_calling() {
    let mut org = calling_org();
    org.person("u", "User").groups(&["sales"]).work_number(OFF_NUMBER);
    let plan = org.new_users(&["u"]);
    let problem = NumberProblem::LocationNotCalling { number: OFF_NUMBER.into(), location_id: "aarhus".into() };
    assert_eq!(needs(&plan, "u"), problem);
}

#[test]
fn c2_a_number_held_by_another_user_or_service_is_taken() {
    let mut org = calling_org();
    org.person("u", "User").groups(&["sales"]).work_number(TAKEN_NUMBER);
    let plan = org.new_users(&["u"]);
    let problem = NumberProblem::TakenBy { number: TAKEN_NUMBER.into(), owner: "Lobby phone".into() };
    assert_eq!(needs(&plan, "u"), problem);
}

#[test]
fn c2_two_users_with_one_free_number_only_the_first_gets_it() {
    let mut org = calling_org();
    org.person("z", "Zoe").groups(&["sales"]).work_number(FREE_NUMBER);
    org.person("a", "anna").groups(&["sales"]).work_number(FREE_NUMBER);
    let plan = org.new_users(&["z", "a"]);
    assert_eq!(added(&plan, "a"), ["MSG", "PRO-1"], "anna sorts first, whatever the case");
    let problem = NumberProblem::TakenBy { number: FREE_NUMBER.into(), owner: "anna".into() };
    assert_eq!(needs(&plan, "z"), problem);
    assert_eq!(license_use(&plan, "PRO-1").consumed_after, 1);
    assert_eq!(plan.totals.needs_number, 1);
}

#[test]
fn c3_a_failed_number_gives_no_calling_and_no_attendant_console() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["MSG", "PRO-1", "AC"]));
    org.person("u", "User").groups(&["sales"]);
    let plan = org.new_users(&["u"]);
    assert_eq!(added(&plan, "u"), ["MSG"], "the console needs Professional (400408)");
    assert_eq!(needs(&plan, "u"), NumberProblem::NoWorkNumber);
    org.facts.people[0].work_number = Some(FREE_NUMBER.into());
    assert_eq!(added(&org.new_users(&["u"]), "u"), ["MSG", "PRO-1", "AC"]);
}

#[test]
fn c5_no_work_number_is_its_own_diagnosis() {
    let mut org = calling_org();
    org.person("none", "None").groups(&["sales"]);
    org.person("blank", "Blank").groups(&["sales"]).work_number("  ");
    let plan = org.new_users(&["none", "blank"]);
    assert_eq!(needs(&plan, "none"), NumberProblem::NoWorkNumber);
    assert_eq!(needs(&plan, "blank"), NumberProblem::NoWorkNumber);
    assert_eq!(plan.totals.needs_number, 2);
}

#[test]
fn c6_reapplying_only_affects_users_without_calling() {
    let mut org = calling_org();
    org.person("fixed", "Fixed").groups(&["sales"]).holds(&["MSG"]).work_number(FREE_NUMBER_2);
    org.person("done", "Done").groups(&["sales"]).holds(&["MSG", "PRO-2"]).with_line();
    let plan = org.save("t", true, true);
    assert_eq!(added(&plan, "fixed"), ["PRO-1"]);
    assert!(!in_plan(&plan, "done"));
}

#[test]
fn c7_users_with_calling_are_not_provisioned_again() {
    let mut org = calling_org();
    // A line already (say, from a license of another subscription): no
    // new number even though the directory now shows a free one.
    org.person("line", "Line").groups(&["sales"]).holds(&["MSG"]).work_number(FREE_NUMBER).with_line();
    let plan = org.save("t", true, true);
    let add = &user(&plan, "line").add;
    assert_eq!((add[0].license_id.as_str(), &add[0].calling), ("PRO-1", &None));
}

#[test]
fn c8_calling_removal_is_flagged() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["MSG"]));
    org.person("u", "User").groups(&["sales"]).holds(&["MSG", "PRO-1", "AC"]).with_line();
    org.person("v", "Vic").groups(&["sales"]).holds(&["MSG", "ADV"]);
    let plan = org.save("t", true, false);
    let removes = &user(&plan, "u").remove;
    assert_eq!(
        removes.iter().map(|r| (r.license_id.as_str(), r.calling)).collect::<Vec<_>>(),
        [("AC", false), ("PRO-1", true)]
    );
    assert!(user(&plan, "v").remove.iter().all(|r| !r.calling));
    assert_eq!(plan.totals.calling_removals, 1);
}

#[test]
fn c8_an_upgrade_that_keeps_a_line_is_not_a_calling_removal() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["PRO-1"]));
    org.person("u", "User").groups(&["sales"]).holds(&["STD"]);
    let plan = org.save("t", true, false);
    assert_eq!(added(&plan, "u"), ["PRO-1"]);
    assert_eq!(user(&plan, "u").add[0].calling, None, "the line stays: no number needed");
    assert_eq!(
        user(&plan, "u").remove,
        [LicenseRemove { license_id: "STD".into(), name: "Webex Calling - Basic".into(), calling: false }]
    );
    assert_eq!(plan.totals.calling_removals, 0);
}

#[test]
fn calling_professional_and_standard_never_together_and_no_downgrade() {
    let mut org = Org::new();
    org.template(group_template("std-t", "sales", &["STD"]));
    org.template(group_template("pro-t", "eng", &["PRO-1"]));
    org.person("pro", "Pro").groups(&["sales"]).holds(&["PRO-2"]);
    org.person("std", "Std").groups(&["eng"]).holds(&["STD"]);
    org.person("both", "Both").groups(&["sales", "eng"]).work_number(FREE_NUMBER);
    // Preserve off: Professional stays for a Standard template (no downgrade).
    assert!(!in_plan(&org.save("std-t", true, false), "pro"));
    // Preserve on: a Standard holder keeps Standard; Professional is not added beside it.
    assert!(!in_plan(&org.save("pro-t", true, true), "std"));
    assert_eq!(added(&org.new_users(&["both"]), "both"), ["PRO-1"]);
}

#[test]
fn c2_e164_needs_a_country_code_and_8_to_15_digits() {
    use super::super::calling::is_e164;
    for good in ["+4533000001", "+14085267209", "+33123456789", "+467012345678", "+97150123456"] {
        assert!(is_e164(good), "{good}");
    }
    for bad in ["+4533 000001", "4533000001", "+1234567", "+1234567890123456", "+2801234567", "++4533000001", ""] {
        assert!(!is_e164(bad), "{bad}");
    }
}
