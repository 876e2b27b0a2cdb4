//! The generated tenant: deterministic, consistent, and varied where the
//! rules need variety (names with diacritics, the work number mix).

use std::collections::HashSet;

use super::*;

fn people_of(tenant: &Tenant) -> impl Iterator<Item = &Person> {
    (0..tenant.people_count()).map(|i| tenant.person(PersonIdx::of(i)))
}

#[test]
fn the_same_seed_gives_the_same_tenant() {
    let fingerprint = |t: &Tenant| -> Vec<String> {
        people_of(t).map(|p| format!("{} {} {} {:?}", p.uuid, p.email, p.display_name, p.work_number)).collect()
    };
    let a = generate(11, 800, 3);
    let b = generate(11, 800, 3);
    let c = generate(12, 800, 3);
    assert_eq!(fingerprint(&a), fingerprint(&b));
    assert_eq!(a.org(a.partner()).uuid, b.org(b.partner()).uuid);
    assert_ne!(fingerprint(&a), fingerprint(&c));
}

#[test]
fn orgs_licenses_and_admins_stay_put_whatever_the_head_count() {
    // 70,000 people give the customer an extra location (one per 60,000).
    let small = generate(5, 100, 1);
    let large = generate(5, 70_000, 1);
    assert!(large.org(OrgIdx::of(1)).locations.len() > small.org(OrgIdx::of(1)).locations.len());
    let admins = |t: &Tenant| -> Vec<String> {
        t.admins()
            .iter()
            .map(|&p| format!("{} {} {:?}", t.person(p).uuid, t.person(p).email, t.person(p).location))
            .collect()
    };
    assert_eq!(admins(&small), admins(&large));
    let licenses = |t: &Tenant| -> Vec<String> {
        t.org_indices()
            .flat_map(|o| t.org(o).licenses.clone())
            .map(|l| format!("{} {:?}", t.license(l).id, t.license(l).subscription_id))
            .collect()
    };
    assert_eq!(licenses(&small), licenses(&large));
}

#[test]
fn shapes_orgs_people_and_admins() {
    let tenant = generate(1, 2000, 3);
    assert_eq!(tenant.org_indices().count(), 4);
    assert_eq!(tenant.people_count(), 2000);
    let partner = tenant.partner();
    let customers: Vec<OrgIdx> = tenant.org_indices().filter(|&o| o != partner).collect();
    for &org in &customers {
        assert_eq!(tenant.org(org).managed_by, Some(partner));
        assert!(tenant.org(partner).members.len() < tenant.org(org).members.len(), "the partner org is the small one");
        assert!(tenant.seeded_admin(AdminRole::CustomerFull, org).is_some());
        assert!(tenant.seeded_admin(AdminRole::ReadOnly, org).is_some());
    }
    assert!(tenant.seeded_admin(AdminRole::PartnerFull, partner).is_some());
    assert_eq!(tenant.admins().len(), 1 + 2 * customers.len());
    let first_admin = tenant.person(tenant.seeded_admin(AdminRole::CustomerFull, customers[0]).unwrap());
    assert_eq!(&*first_admin.display_name, "Søren Ødegård");
    assert_eq!(&*first_admin.email, "soren.odegard@fjordby-logistik.example");
}

#[test]
fn emails_are_unique_and_on_the_org_domain() {
    let tenant = generate(2, 3000, 4);
    let mut seen = HashSet::new();
    for person in people_of(&tenant) {
        assert!(seen.insert(person.email.clone()), "{} twice", person.email);
        let domain = &tenant.org(person.org).domain;
        assert!(person.email.ends_with(&format!("@{domain}")), "{} outside {domain}", person.email);
        assert!(person.email.is_ascii() && person.email.to_lowercase() == *person.email);
        assert_eq!(
            tenant.find_person_by_email(&person.email.to_uppercase()).map(|p| tenant.person(p).uuid),
            Some(person.uuid)
        );
    }
    let with_diacritics = people_of(&tenant).filter(|p| !p.display_name.is_ascii()).count();
    assert!(with_diacritics > 300, "only {with_diacritics} names with diacritics");
}

#[test]
fn license_counts_match_the_people_holding_them() {
    let tenant = generate(3, 2500, 3);
    let mut full = 0;
    for org in tenant.org_indices() {
        for (slot, &idx) in tenant.org(org).licenses.iter().enumerate() {
            let license = tenant.license(idx);
            let holders = tenant.org(org).members.iter().filter(|&&p| tenant.person(p).licenses.contains(slot)).count();
            assert_eq!(license.consumed_by_users as usize, holders, "{}", license.kind.name());
            assert!(license.total_units >= license.consumed_units());
            full += usize::from(license.total_units == license.consumed_units());
        }
    }
    assert_eq!(full, 1, "exactly one license is used up");
    let customer = OrgIdx::of(1);
    let subscriptions: HashSet<_> = tenant
        .org(customer)
        .licenses
        .iter()
        .map(|&l| tenant.license(l))
        .filter(|l| l.kind == LicenseKind::CallingProfessional)
        .map(|l| l.subscription_id.clone())
        .collect();
    assert_eq!(subscriptions.len(), 2, "Calling Professional comes from two subscriptions");
}

#[test]
fn calling_users_have_a_line_in_their_own_org() {
    let tenant = generate(4, 2000, 3);
    let calling: Vec<&Person> = people_of(&tenant).filter(|p| p.calling.is_some()).collect();
    assert!(calling.len() > 800, "only {} Calling users", calling.len());
    for person in calling {
        assert_eq!(tenant.location(person.location).org, person.org);
        let line = person.calling.as_ref().unwrap();
        assert!(person.work_number.is_some() || line.extension.is_some(), "rule C1");
        let calling_kinds = [LicenseKind::CallingProfessional, LicenseKind::CallingBasic, LicenseKind::CxEssentials];
        assert!(tenant.licenses_of(person).any(|l| calling_kinds.contains(&l.kind)));
    }
}

#[test]
fn directory_numbers_mix_valid_missing_malformed_and_taken() {
    let tenant = generate(6, 3000, 3);
    let calling_numbers: HashSet<&str> =
        people_of(&tenant).filter(|p| p.calling.is_some()).filter_map(|p| p.work_number.as_deref()).collect();
    let others: Vec<&Person> = people_of(&tenant).filter(|p| p.calling.is_none() && p.admin.is_none()).collect();
    let missing = others.iter().filter(|p| p.work_number.is_none()).count();
    let numbers: Vec<&str> = others.iter().filter_map(|p| p.work_number.as_deref()).collect();
    let malformed = numbers.iter().filter(|n| !n.starts_with('+') || !(9..=13).contains(&n.len())).count();
    let taken = numbers.iter().filter(|n| calling_numbers.contains(*n)).count();
    for (what, count) in [("missing", missing), ("malformed", malformed), ("taken", taken)] {
        assert!(count * 100 > others.len() * 4, "{what}: {count} of {}", others.len());
    }
    assert!(numbers.len() - malformed - taken > others.len() / 2, "most numbers are valid and free");
}

#[test]
fn the_lookups_find_what_was_generated() {
    let tenant = generate(8, 300, 2);
    let idx = (0..tenant.people_count())
        .map(PersonIdx::of)
        .find(|&p| tenant.person(p).licenses.iter().next().is_some())
        .unwrap();
    let person = tenant.person(idx);
    assert_eq!(tenant.find_person(&person.uuid), Some(idx));
    let license = tenant.licenses_of(person).next().unwrap();
    assert_eq!(tenant.find_license(&license.uuid).map(|l| tenant.license(l).id.clone()), Some(license.id.clone()));
    let location = tenant.location(person.location);
    assert_eq!(tenant.find_location(&location.uuid), Some(person.location));
    assert!(tenant.manages(tenant.partner(), person.org));
    assert!(!tenant.manages(OrgIdx::of(1), OrgIdx::of(2)));
}
