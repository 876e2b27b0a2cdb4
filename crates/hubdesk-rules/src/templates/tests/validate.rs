//! Saving a template: T1, T10, T14, T17 and the checks of its entries.

use super::*;

#[test]
fn t1_group_template_in_org_mode_is_the_wrong_mode() {
    let mut org = Org::new();
    org.mode = AssignmentMode::Org;
    assert_eq!(org.validate(&group_template("t", "sales", &["MSG"])), Err(TemplateError::WrongMode));
    assert_eq!(org.validate(&org_template("t", &["MSG"])), Ok(()));
}

#[test]
fn t1_org_template_in_group_mode_is_the_wrong_mode() {
    let org = Org::new();
    assert_eq!(org.validate(&org_template("t", &["MSG"])), Err(TemplateError::WrongMode));
    assert_eq!(org.validate(&group_template("t", "sales", &["MSG"])), Ok(()));
}

#[test]
fn t1_an_org_has_one_org_template() {
    let mut org = Org::new();
    org.mode = AssignmentMode::Org;
    org.template(org_template("first", &["MSG"]));
    assert_eq!(org.validate(&org_template("second", &["MSG"])), Err(TemplateError::Duplicate));
}

#[test]
fn t1_a_group_has_one_template() {
    let mut org = Org::new();
    org.template(group_template("first", "sales", &["MSG"]));
    assert_eq!(org.validate(&group_template("second", "sales", &["MSG"])), Err(TemplateError::Duplicate));
    assert_eq!(org.validate(&group_template("second", "eng", &["MSG"])), Ok(()), "another group is fine");
}

#[test]
fn t1_an_edited_template_is_not_its_own_duplicate() {
    let mut org = Org::new();
    org.template(group_template("first", "sales", &["MSG"]));
    assert_eq!(org.validate(&group_template("first", "sales", &["MSG", "PRO-1"])), Ok(()));
}

#[test]
fn t1_a_mode_switch_deletes_the_templates_of_the_mode_left() {
    let templates =
        vec![org_template("org", &["MSG"]), group_template("g1", "sales", &["MSG"]), group_template("g2", "eng", &[])];
    assert_eq!(templates_left_by_mode_switch(&templates, AssignmentMode::Org), vec!["g1", "g2"]);
    assert_eq!(templates_left_by_mode_switch(&templates, AssignmentMode::Group), vec!["org"]);
    assert!(templates_left_by_mode_switch(&templates[1..], AssignmentMode::Group).is_empty());
}

#[test]
fn t10_one_entry_per_site() {
    let org = Org::new();
    let twice = group_template("t", "sales", &[]).host(SITE_A, "MTG-A1").attendee("A.WEBEX.COM");
    assert_eq!(org.validate(&twice), Err(TemplateError::SiteTwice { site_url: "A.WEBEX.COM".into() }));
    let licensed_and_entry = group_template("t", "sales", &["MTG-A2"]).host(SITE_A, "MTG-A1");
    assert_eq!(org.validate(&licensed_and_entry), Err(TemplateError::SiteTwice { site_url: SITE_A.into() }));
    let two_sites = group_template("t", "sales", &[]).host(SITE_A, "MTG-A1").host(SITE_B, "MTG-B");
    assert_eq!(org.validate(&two_sites), Ok(()), "T10: sites are separate");
}

#[test]
fn t14_a_host_entry_names_a_meetings_license_of_its_site() {
    let org = Org::new();
    let other_site = group_template("t", "sales", &[]).host(SITE_A, "MTG-B");
    let not_meetings = group_template("t", "sales", &[]).host(SITE_A, "PRO-1");
    for template in [other_site, not_meetings] {
        let MeetingAccount::Host { license_id } = &template.meetings[0].account else { unreachable!() };
        let expected = TemplateError::NotASiteLicense { site_url: SITE_A.into(), license_id: license_id.clone() };
        assert_eq!(org.validate(&template), Err(expected));
    }
    let unknown = group_template("t", "sales", &[]).host(SITE_A, "nope");
    assert_eq!(org.validate(&unknown), Err(TemplateError::UnknownLicense { license_id: "nope".into() }));
}

#[test]
fn t14_attendee_needs_the_sites_attendee_feature() {
    let org = Org::new();
    let template = group_template("t", "sales", &[]).attendee(SITE_B);
    assert_eq!(org.validate(&template), Err(TemplateError::NoAttendeeFeature { site_url: SITE_B.into() }));
    assert_eq!(org.validate(&group_template("t", "sales", &[]).attendee(SITE_A)), Ok(()));
}

#[test]
fn t15_a_template_of_free_licenses_only_is_valid() {
    let org = Org::new();
    assert_eq!(org.validate(&group_template("t", "sales", &["MSG", "BMT", "SS"])), Ok(()));
    assert_eq!(org.validate(&group_template("t", "sales", &["PRO-1"])), Ok(()), "no free entry needed");
}

#[test]
fn t17_distribution_groups_cannot_carry_a_template() {
    let org = Org::new();
    assert_eq!(org.validate(&group_template("t", "news", &["MSG"])), Err(TemplateError::DistributionGroup));
}

#[test]
fn unknown_group_is_refused() {
    let org = Org::new();
    assert_eq!(org.validate(&group_template("t", "ghosts", &["MSG"])), Err(TemplateError::UnknownGroup));
}

#[test]
fn unknown_licenses_are_refused() {
    let org = Org::new();
    let expected = TemplateError::UnknownLicense { license_id: "nope".into() };
    assert_eq!(org.validate(&group_template("t", "sales", &["MSG", "nope"])), Err(expected));
}

#[test]
fn workspace_and_messenger_licenses_are_not_for_users_and_say_why() {
    let mut org = Org::new();
    org.license("MSGR", "Messenger", Some("S1"), None, 10, 0);
    for (id, why) in [("WS", NotForUsers::Workspaces), ("MSGR", NotForUsers::Messenger)] {
        let expected = TemplateError::NotForUsers { license_id: id.into(), why };
        assert_eq!(org.validate(&group_template("t", "sales", &["MSG", id])), Err(expected));
    }
    assert_eq!(not_for_users("Webex Calling - Workspaces"), Some(NotForUsers::Workspaces));
    assert_eq!(not_for_users("Messenger"), Some(NotForUsers::Messenger));
    assert_eq!(not_for_users("Webex Calling - Professional"), None);
}

#[test]
fn the_same_license_twice_is_refused() {
    let org = Org::new();
    let expected = TemplateError::LicenseTwice { license_id: "MSG".into() };
    assert_eq!(org.validate(&group_template("t", "sales", &["MSG", "PRO-1", "MSG"])), Err(expected));
}

#[test]
fn empty_template_is_refused() {
    let org = Org::new();
    assert_eq!(org.validate(&group_template("t", "sales", &[])), Err(TemplateError::Empty));
    assert_eq!(org.validate(&group_template("t", "sales", &[]).attendee(SITE_A)), Ok(()));
}
