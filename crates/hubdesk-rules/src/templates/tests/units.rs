//! Units and pools: T8, T11, T12, T15.

use super::*;

fn two_groups() -> Org {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["MSG", "PRO-1"]));
    org.template(group_template("eng-t", "eng", &["MSG", "PRO-2", "ADV"]));
    org
}

#[test]
fn t8_union_counts_a_shared_license_once() {
    let mut org = two_groups();
    org.person("u", "User").groups(&["sales", "eng"]).with_line();
    let plan = org.new_users(&["u"]);
    // PRO-1 and PRO-2 are one pool: one unit, from the older subscription.
    assert_eq!(added(&plan, "u"), ["ADV", "MSG", "PRO-1"]);
    assert_eq!(license_use(&plan, "MSG").consumed_after, 1);
    assert_eq!(license_use(&plan, "PRO-1").consumed_after, 1);
    assert!(plan.licenses.iter().all(|l| l.license_id != "PRO-2"), "PRO-2 untouched");
}

#[test]
fn t8_a_held_service_is_not_added_again_from_another_subscription() {
    let mut org = two_groups();
    org.person("u", "User").groups(&["sales"]).holds(&["MSG", "PRO-2"]);
    assert!(org.save("sales-t", true, false).users.is_empty(), "PRO-2 is the service PRO-1 names");
}

#[test]
fn t11_premium_agent_wins_over_standard_agent() {
    let mut org = Org::new();
    org.template(group_template("a", "sales", &["CCS"]));
    org.template(group_template("b", "eng", &["CCP"]));
    org.person("both", "Both").groups(&["sales", "eng"]);
    org.person("one", "One").groups(&["sales"]);
    let plan = org.new_users(&["both", "one"]);
    assert_eq!(added(&plan, "both"), ["CCP"]);
    assert_eq!(added(&plan, "one"), ["CCS"]);
}

#[test]
fn t11_a_held_premium_agent_is_never_downgraded() {
    let mut org = Org::new();
    org.template(group_template("a", "sales", &["CCS"]));
    org.person("u", "User").groups(&["sales"]).holds(&["CCP"]);
    assert!(org.save("a", true, false).users.is_empty(), "Premium stays, Standard is not added");
}

#[test]
fn t12_units_come_from_the_oldest_subscription_until_it_is_used_up() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["PRO-2"]));
    org.units("PRO-1", 10, 8);
    for (id, name) in [("a", "Ann"), ("b", "Bo"), ("c", "Cy")] {
        org.person(id, name).groups(&["sales"]).with_line();
    }
    let plan = org.save("t", true, true);
    assert_eq!(added(&plan, "a"), ["PRO-1"], "the template names PRO-2; the unit is S1's");
    assert_eq!(added(&plan, "b"), ["PRO-1"]);
    assert_eq!(added(&plan, "c"), ["PRO-2"], "S1 is used up");
    assert_eq!(license_use(&plan, "PRO-1").consumed_after, 10);
    assert_eq!(license_use(&plan, "PRO-2").consumed_after, 1);
}

#[test]
fn t12_the_subscription_order_decides_which_is_oldest() {
    let mut org = Org::new();
    org.facts.subscription_order = vec!["S2".into(), "S1".into()];
    org.template(group_template("t", "sales", &["PRO-1"]));
    org.person("a", "Ann").groups(&["sales"]).with_line();
    assert_eq!(added(&org.save("t", true, true), "a"), ["PRO-2"]);
}

#[test]
fn t12_a_removal_frees_a_unit_for_the_users_after() {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["MSG"]));
    org.template(group_template("eng-t", "eng", &["CCS"]));
    org.units("CCS", 1, 1);
    org.person("a", "Ann").groups(&["sales"]).holds(&["MSG", "CCS"]);
    org.person("b", "Bo").groups(&["sales", "eng"]).holds(&["MSG"]);
    let plan = org.save("sales-t", true, false);
    assert_eq!(removed(&plan, "a"), ["CCS"]);
    assert_eq!(added(&plan, "b"), ["CCS"], "Ann's unit");
    let ccs = license_use(&plan, "CCS");
    assert_eq!((ccs.consumed_before, ccs.consumed_after, ccs.short_by), (1, 1, 0));
    // Users are worked out by name: first in line, Bo finds no unit yet.
    org.facts.people[1].display_name = "Al".into();
    let plan = org.save("sales-t", true, false);
    assert_eq!(plan.users[0].person_id, "b");
    let no_unit = UserIssue::NoUnitsLeft { license_name: "Contact Center Standard Agent".into() };
    assert_eq!(issues(&plan, "b"), [no_unit]);
    assert_eq!(license_use(&plan, "CCS").consumed_after, 0);
}

#[test]
fn t12_no_unit_left_is_an_issue_and_counts_as_short() {
    let mut org = Org::new();
    org.template(group_template("t", "sales", &["ADV"]));
    org.units("ADV", 1, 0);
    org.person("a", "Ann").groups(&["sales"]).holds(&["MSG"]);
    org.person("b", "Bo").groups(&["sales"]).holds(&["MSG"]);
    org.person("c", "Cy").groups(&["sales"]).holds(&["MSG"]);
    let plan = org.save("t", true, true);
    assert_eq!(added(&plan, "a"), ["ADV"]);
    for late in ["b", "c"] {
        assert!(added(&plan, late).is_empty());
        assert_eq!(issues(&plan, late), [UserIssue::NoUnitsLeft { license_name: "Advanced Messaging".into() }]);
    }
    let adv = license_use(&plan, "ADV");
    assert_eq!((adv.consumed_before, adv.consumed_after, adv.short_by), (0, 1, 2));
    assert_eq!(plan.totals.no_units_left, 2);
    assert_eq!(plan.totals.users_changed, 1);
}

#[test]
fn t12_subscription_order_puts_used_up_subscriptions_first() {
    let fact = |id: &str, sub: &str, name: &str, total, consumed| LicenseFact {
        id: id.into(),
        name: name.into(),
        subscription_id: Some(sub.into()),
        site_url: None,
        total_units: total,
        consumed_units: consumed,
    };
    let licenses = [
        fact("p-new", "Sub-A", "Webex Calling - Professional", 100, 10),
        fact("p-old", "Sub-Z", "Webex Calling - Professional", 50, 50),
        fact("p-mid", "Sub-M", "Webex Calling - Professional", 100, 60),
        // Sub-A is fuller here, but this pool is Sub-A's alone: it says nothing of age.
        fact("adv", "Sub-A", "Advanced Messaging", 10, 10),
        fact("msg", "Sub-Q", "Messaging", 10, 1),
    ];
    assert_eq!(subscription_order(&licenses), ["Sub-Z", "Sub-M", "Sub-A", "Sub-Q"]);
}

#[test]
fn t12_subscription_order_breaks_ties_by_id() {
    let fact = |id: &str, sub: &str| LicenseFact {
        id: id.into(),
        name: "Contact Center Premium Agent".into(),
        subscription_id: Some(sub.into()),
        site_url: None,
        total_units: 10,
        consumed_units: 5,
    };
    let licenses = [fact("1", "b"), fact("2", "c"), fact("3", "a")];
    assert_eq!(subscription_order(&licenses), ["a", "b", "c"]);
    assert_eq!(subscription_order(&licenses), subscription_order(&[fact("2", "c"), fact("3", "a"), fact("1", "b")]));
}

#[test]
fn t15_free_licenses_are_basic_and_optional() {
    for name in ["Messaging", "Screen Share", "Basic Meetings"] {
        assert_eq!(license_category(name), LicenseCategory::Basic, "{name}");
    }
    // A template may leave Basic Meetings and Messaging out: a Meetings
    // license brings them (Webex refuses it without them: 700004, 700005).
    let mut org = Org::new();
    org.template(group_template("t", "sales", &[]).host(SITE_B, "MTG-B"));
    org.person("u", "User").groups(&["sales"]);
    assert_eq!(added(&org.new_users(&["u"]), "u"), ["MTG-B", "BMT", "MSG"]);
    org.facts.people[0].licenses = vec!["MSG".into()];
    assert_eq!(added(&org.new_users(&["u"]), "u"), ["MTG-B", "BMT"]);
}
