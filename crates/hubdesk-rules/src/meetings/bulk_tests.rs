//! Session types for many users on one site, by rule: S1 (who would be
//! left with the free type only) and S2 (the whole set sent, per user).

use super::*;

const SITE: &str = "acme.webex.com";

fn st(id: &str, short: &str, name: &str) -> SessionType {
    SessionType { id: id.into(), short_name: short.into(), name: name.into(), kind: "meeting".into() }
}

fn site_types() -> Vec<SessionType> {
    vec![st("1", "FRE", "Free Meeting"), st("3", "PRO", "Pro Meeting"), st("11", "PRV", "Private Meeting")]
}

fn user(n: u32, current: &[&str]) -> CurrentSet {
    CurrentSet {
        person_id: format!("p{n}"),
        email: format!("u{n}@acme.example"),
        display_name: format!("User {n}"),
        current: current.iter().map(|s| s.to_string()).collect(),
    }
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn plan(change: TypesChange, users: &[CurrentSet]) -> BulkPlan {
    let resolved = change.resolve(&site_types()).unwrap();
    plan_bulk(SITE, &site_types(), &resolved, users)
}

#[test]
fn s2_adding_types_sends_each_user_their_whole_set_with_them_added() {
    let users = [user(1, &["1"]), user(2, &["3", "1"]), user(3, &["1", "3", "11"])];
    let p = plan(TypesChange::Change { add: ids(&["PRO", "11"]), remove: vec![] }, &users);
    assert_eq!(p.unchanged, 1, "user 3 already has both: skipped and counted");
    assert_eq!(p.changes.len(), 2);
    let first = &p.changes[0];
    assert_eq!(
        (first.after.clone(), first.gains.clone(), first.loses.clone()),
        (ids(&["1", "3", "11"]), ids(&["3", "11"]), vec![])
    );
    let second = &p.changes[1];
    assert_eq!(second.before, ids(&["1", "3"]), "read order does not matter: the site's order");
    assert_eq!((second.after.clone(), second.gains.clone()), (ids(&["1", "3", "11"]), ids(&["11"])));
    let counts: Vec<(&str, u32, u32)> = p.per_type.iter().map(|c| (c.id.as_str(), c.gained_by, c.lost_by)).collect();
    assert_eq!(counts, [("1", 0, 0), ("3", 1, 0), ("11", 2, 0)]);
    assert_eq!(p.left_free_only, 0);
    assert!(p.changes.iter().all(|c| c.site_url == SITE));
}

#[test]
fn s2_an_exact_set_replaces_everyone_s_and_says_what_each_loses() {
    let users = [user(1, &["1", "3", "11"]), user(2, &["3"]), user(3, &["1", "3"])];
    let p = plan(TypesChange::Exact { types: ids(&["fre", "3"]) }, &users);
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.changes[0].loses, ids(&["11"]));
    assert_eq!(p.changes[0].gains, Vec::<String>::new());
    assert_eq!((p.changes[1].gains.clone(), p.changes[1].after.clone()), (ids(&["1"]), ids(&["1", "3"])));
    // An exact empty set is a real request (every type off), not "nothing asked".
    assert!(!TypesChange::Exact { types: vec![] }.is_empty());
    assert!(TypesChange::Change { add: vec![], remove: vec![] }.is_empty());
}

#[test]
fn s1_removing_the_paid_types_is_counted_as_leaving_users_on_free_meetings() {
    let users = [user(1, &["1", "3", "11"]), user(2, &["1", "3"]), user(3, &["1"])];
    let p = plan(TypesChange::Change { add: vec![], remove: ids(&["3", "PRV"]) }, &users);
    assert_eq!(p.changes.len(), 2, "user 3 has neither: nothing to send");
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.left_free_only, 2, "both end with the free type only (S1)");
    assert_eq!(p.changes[0].loses, ids(&["3", "11"]));
    assert_eq!(p.changes[1].after, ids(&["1"]));
}

#[test]
fn s2_types_the_site_does_not_offer_or_both_added_and_removed_are_refused() {
    let types = site_types();
    assert_eq!(TypesChange::Exact { types: ids(&["3", "WBN"]) }.resolve(&types), Err("WBN".to_owned()));
    let both = TypesChange::Change { add: ids(&["PRO"]), remove: ids(&["3"]) }.resolve(&types);
    assert_eq!(both, Err("3 (both added and removed)".to_owned()));
}

#[test]
fn s2_a_type_the_site_no_longer_lists_is_kept_unless_the_set_is_exact() {
    let users = [user(1, &["1", "99"])];
    let p = plan(TypesChange::Change { add: ids(&["3"]), remove: vec![] }, &users);
    assert_eq!(p.changes[0].after, ids(&["1", "3", "99"]));
    assert!(p.changes[0].loses.is_empty());
    let p = plan(TypesChange::Exact { types: ids(&["1"]) }, &users);
    assert_eq!(p.changes[0].loses, ids(&["99"]));
    assert!(same_set(&ids(&["11", "1"]), &ids(&["1", "11"])) && !same_set(&ids(&["1"]), &ids(&["1", "3"])));
}
