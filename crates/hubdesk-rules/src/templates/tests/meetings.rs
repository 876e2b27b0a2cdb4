//! Meetings sites: T9, T10, T14.

use super::*;

/// Sales hosts on site A, Engineering attends it.
fn host_and_attendee() -> Org {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &["MSG", "BMT"]).host(SITE_A, "MTG-A1"));
    org.template(group_template("eng-t", "eng", &["MSG"]).attendee(SITE_A));
    org
}

fn role(from: SiteRole, to: SiteRole) -> SiteRoleChange {
    SiteRoleChange { site_url: SITE_A.into(), from, to }
}

#[test]
fn t9_host_beats_attendee() {
    let mut org = host_and_attendee();
    org.person("u", "User").groups(&["sales", "eng"]);
    let plan = org.new_users(&["u"]);
    assert_eq!(added(&plan, "u"), ["BMT", "MTG-A1", "MSG"]);
    assert!(user(&plan, "u").roles.is_empty(), "no attendee role beside the host license");
    assert!(issues(&plan, "u").is_empty());
}

#[test]
fn t9_new_users_get_at_least_the_attendee_role() {
    let mut org = host_and_attendee();
    org.units("MTG-A1", 1, 1);
    org.units("MTG-A2", 3, 3);
    org.person("u", "User").groups(&["sales", "eng"]);
    let plan = org.new_users(&["u"]);
    assert_eq!(added(&plan, "u"), ["BMT", "MSG"]);
    assert_eq!(user(&plan, "u").roles, [role(SiteRole::None, SiteRole::Attendee)]);
    assert_eq!(issues(&plan, "u"), [UserIssue::AttendeeInsteadOfHost { site_url: SITE_A.into() }]);
    assert_eq!(license_use(&plan, "MTG-A1").short_by, 1, "a host unit was wanted");
}

#[test]
fn t9_no_host_unit_and_no_attendee_entry_is_no_units_left() {
    let mut org = host_and_attendee();
    org.units("MTG-A1", 0, 0);
    org.units("MTG-A2", 0, 0);
    org.person("u", "User").groups(&["sales"]);
    let plan = org.new_users(&["u"]);
    assert!(user(&plan, "u").roles.is_empty());
    let name = "Meeting - Webex Meeting Center".to_string();
    assert_eq!(issues(&plan, "u"), [UserIssue::NoUnitsLeft { license_name: name }]);
}

#[test]
fn t9_an_attendee_becomes_a_host() {
    let mut org = host_and_attendee();
    org.person("u", "User").groups(&["sales"]).holds(&["MSG", "BMT"]).attendee_sites = vec![SITE_A.into()];
    let plan = org.save("sales-t", true, true);
    assert_eq!(added(&plan, "u"), ["MTG-A1"]);
    assert_eq!(user(&plan, "u").roles, [role(SiteRole::Attendee, SiteRole::Host)]);
    assert_eq!(plan.totals.roles_changed, 1);
}

#[test]
fn t9_an_attendee_entry_on_a_site_the_user_hosts_changes_nothing() {
    let mut org = host_and_attendee();
    org.person("u", "User").groups(&["eng"]).holds(&["MSG", "BMT", "MTG-A2"]);
    // Preserve off: the host license is not in the template, but it gives
    // more than the attendee role the template asks for.
    assert!(org.save("eng-t", true, false).users.is_empty());
}

#[test]
fn t10_sites_are_separate() {
    let mut org = Org::new();
    org.template(group_template("sales-t", "sales", &[]).host(SITE_A, "MTG-A1"));
    org.template(group_template("eng-t", "eng", &[]).host(SITE_B, "MTG-B"));
    // Moved from Sales to Engineering, keeping licenses (T7 preserve on).
    org.person("u", "User").groups(&["eng"]).holds(&["MSG", "BMT", "MTG-A2"]);
    let moves = vec![GroupMove { person_id: "u".into(), from: vec!["sales".into()] }];
    let plan = org.plan(Action::GroupMoves { moves });
    assert_eq!(added(&plan, "u"), ["MTG-B"], "one license per site: both sites");
    let sites: Vec<_> = user(&plan, "u").add.iter().map(|a| a.site_url.clone()).collect();
    assert_eq!(sites, [Some(SITE_B.to_string())]);
}

#[test]
fn t14_a_site_admin_is_never_made_an_attendee() {
    let mut org = host_and_attendee();
    org.units("MTG-A1", 0, 0);
    org.units("MTG-A2", 0, 0);
    org.person("both", "Both").groups(&["sales", "eng"]).admin_sites = vec![SITE_A.into()];
    org.person("attendee", "Attendee").groups(&["eng"]).admin_sites = vec![SITE_A.into()];
    let plan = org.new_users(&["both", "attendee"]);
    for id in ["both", "attendee"] {
        assert!(user(&plan, id).roles.is_empty(), "{id}");
        assert!(issues(&plan, id).contains(&UserIssue::SiteAdminWithoutHost { site_url: SITE_A.into() }), "{id}");
    }
}

#[test]
fn t14_an_attendee_consumes_no_unit() {
    let mut org = host_and_attendee();
    org.person("u", "User").groups(&["eng"]).holds(&["MSG"]);
    let plan = org.new_users(&["u"]);
    assert_eq!(user(&plan, "u").roles, [role(SiteRole::None, SiteRole::Attendee)]);
    assert!(user(&plan, "u").add.is_empty());
    assert!(plan.licenses.is_empty(), "no unit taken");
}

#[test]
fn t14_preserve_off_removes_an_attendee_role_the_templates_do_not_give() {
    let mut org = host_and_attendee();
    org.person("u", "User").groups(&["sales"]).holds(&["MSG", "BMT", "MTG-A1"]).attendee_sites = vec![SITE_B.into()];
    let plan = org.save("sales-t", true, false);
    let change = SiteRoleChange { site_url: SITE_B.into(), from: SiteRole::Attendee, to: SiteRole::None };
    assert_eq!(user(&plan, "u").roles, [change]);
    assert!(removed(&plan, "u").is_empty());
}
