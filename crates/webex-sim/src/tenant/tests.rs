//! The generated tenant: deterministic, consistent (counts, inventory,
//! groups), and varied where the rules need variety (names with
//! diacritics, every Calling failure case, every subscriber status).

use std::collections::HashSet;

use super::generate::generate;
use super::inventory::parse_e164;
use super::*;

fn people_of(tenant: &Tenant) -> impl Iterator<Item = (PersonIdx, &Person)> {
    (0..tenant.people_count()).map(|i| (PersonIdx::of(i), tenant.person(PersonIdx::of(i))))
}

#[test]
fn the_same_seed_gives_the_same_tenant() {
    let fingerprint = |t: &Tenant| -> Vec<String> {
        people_of(t).map(|(_, p)| format!("{} {} {} {:?}", p.uuid, p.email, p.display_name, p.work_number)).collect()
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
    // 45,000 people give the customer an extra location (one per 40,000).
    let small = generate(5, 100, 1);
    let large = generate(5, 45_000, 1);
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
            .map(|l| {
                format!(
                    "{} {:?} {:?}",
                    t.license(l).id,
                    t.license(l).subscription_id,
                    t.license(l).subscription_start_ms
                )
            })
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
        assert!(tenant.org(org).broadworks.is_some(), "customers are BroadWorks enterprises");
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
    for (_, person) in people_of(&tenant) {
        assert!(seen.insert(person.email.clone()), "{} twice", person.email);
        let domain = &tenant.org(person.org).domain;
        assert!(person.email.ends_with(&format!("@{domain}")), "{} outside {domain}", person.email);
        assert!(person.email.is_ascii() && person.email.to_lowercase() == *person.email);
        let found = tenant.find_person_by_email(&person.email.to_uppercase());
        assert_eq!(found.map(|p| tenant.person(p).uuid), Some(person.uuid));
    }
    let with_diacritics = people_of(&tenant).filter(|(_, p)| !p.display_name.is_ascii()).count();
    assert!(with_diacritics > 300, "only {with_diacritics} names with diacritics");
}

#[test]
fn license_counts_match_holders_and_older_subscriptions_are_used_first() {
    // rule T12: in a pool, every subscription but the newest is used up.
    let tenant = generate(3, 2500, 3);
    for org in tenant.org_indices() {
        for (slot, &idx) in tenant.org(org).licenses.iter().enumerate() {
            let license = tenant.license(idx);
            let holders = tenant.org(org).members.iter().filter(|&&p| tenant.person(p).licenses.contains(slot)).count();
            assert_eq!(license.consumed_by_users as usize, holders, "{}", license.kind.name());
            assert!(license.total_units >= license.consumed_units());
            let pool = tenant.pool(idx);
            if pool.len() > 1 && pool.last() != Some(&idx) {
                assert_eq!(license.free_units(), 0, "an older {} subscription has units left", license.kind.name());
            }
        }
    }
    let customer = OrgIdx::of(1);
    let pro = tenant.org_licenses_where(customer, |l| l.kind == LicenseKind::CallingProfessional);
    let starts: HashSet<_> = pro.iter().map(|&l| tenant.license(l).subscription_start_ms).collect();
    assert!(pro.len() >= 2 && starts.len() == pro.len(), "Professional from subscriptions with different dates");
    let basic = tenant.org_licenses_where(customer, |l| l.kind == LicenseKind::CallingBasic);
    assert!(basic.iter().all(|&l| tenant.license(l).free_units() == 0), "the first customer's Basic is used up");
}

#[test]
fn calling_lines_and_the_inventory_agree() {
    let tenant = generate(4, 2000, 3);
    let (mut callers, mut drifted) = (0, 0);
    for (idx, person) in people_of(&tenant) {
        let Some(line) = person.calling else { continue };
        callers += 1;
        let location = tenant.location(person.location);
        assert!(location.calling_enabled && location.org == person.org);
        assert!(line.number.is_some() || line.extension.is_some(), "rule C1");
        assert!(tenant.licenses_of(person).any(|l| l.kind.is_calling()));
        if let Some(number) = line.number {
            assert_eq!(location.numbers.number(number).unwrap().owner, Some(Owner::Person(idx)));
            // Rule C7: the directory changed two numbers per customer afterwards.
            drifted += usize::from(person.work_number.as_deref().and_then(parse_e164) != Some(number));
        }
        if let Some(extension) = line.extension {
            assert_eq!(location.numbers.extension(extension).unwrap().owner, Owner::Person(idx));
        }
    }
    assert!(callers > 800, "only {callers} Calling users");
    assert_eq!(drifted, 2 * 3, "two C7 mismatches per customer");
}

#[test]
fn directory_numbers_cover_every_calling_failure_case_in_every_customer() {
    // rules C2–C5: missing, not E.164, in no inventory, held by a user or a
    // service, at a location not enabled for Calling; and valid ones. Each
    // customer of the demo's size has them all.
    let tenant = generate(6, 3000, 3);
    for org in tenant.org_indices().skip(1) {
        let people = people_of(&tenant).filter(|(_, p)| p.org == org && p.calling.is_none() && p.admin.is_none());
        let seen = directory_cases(&tenant, people);
        assert!(seen.len() == 7, "{} has only {seen:?}", tenant.org(org).id);
    }
}

#[test]
fn c7_every_customer_has_a_provisioned_user_whose_work_number_changed_to_a_free_one_and_one_to_no_inventory() {
    let tenant = generate(6, 3000, 3);
    for org in tenant.org_indices().skip(1) {
        let mut cases = Vec::new();
        for (_, person) in people_of(&tenant).filter(|(_, p)| p.org == org) {
            let Some(line) = person.calling.filter(|l| l.number.is_some()) else { continue };
            let work = person.work_number.as_deref().and_then(parse_e164);
            if work == line.number {
                continue;
            }
            let work = work.expect("a drifted work number is E.164");
            let at = tenant.location(person.location).numbers.number(work);
            cases.push(match at {
                Some(entry) if entry.owner.is_none() => "free in the user's location",
                Some(_) => "held",
                None => "in no inventory",
            });
        }
        assert_eq!(cases, ["free in the user's location", "in no inventory"], "{}", tenant.org(org).id);
    }
}

fn directory_cases<'t>(
    tenant: &'t Tenant,
    people: impl Iterator<Item = (PersonIdx, &'t Person)>,
) -> HashSet<&'static str> {
    let mut seen = HashSet::new();
    for (_, person) in people {
        let case = match person.work_number.as_deref() {
            None => "missing",
            Some(text) => match parse_e164(text) {
                None => "malformed",
                Some(n) => match tenant.number_location(person.org, n) {
                    None => "not in inventory",
                    Some(l) if !tenant.location(l).calling_enabled => "location not enabled",
                    Some(l) => match tenant.location(l).numbers.number(n).unwrap().owner {
                        None => "valid",
                        Some(Owner::Person(_)) => "held by a user",
                        Some(Owner::Service(_)) => "held by a service",
                    },
                },
            },
        };
        seen.insert(case);
    }
    seen
}

#[test]
fn directory_numbers_cover_every_calling_failure_case() {
    let tenant = generate(6, 3000, 3);
    let people = people_of(&tenant).filter(|(_, p)| p.calling.is_none() && p.admin.is_none());
    let seen = directory_cases(&tenant, people);
    let all = [
        "missing",
        "malformed",
        "not in inventory",
        "location not enabled",
        "valid",
        "held by a user",
        "held by a service",
    ];
    for case in all {
        assert!(seen.contains(case), "no directory number is {case}");
    }
}

#[test]
fn groups_nest_and_include_distribution_lists() {
    let tenant = generate(7, 1500, 2);
    for org in tenant.org_indices() {
        let groups: Vec<&Group> = tenant.org(org).groups.iter().map(|&g| tenant.group(g)).collect();
        assert!(groups.iter().any(|g| g.usage == GroupUsage::Distribution), "rule T17 needs distribution groups");
        let nested: Vec<&&Group> = groups.iter().filter(|g| !g.groups.is_empty()).collect();
        assert!(nested.len() >= 2, "rule T3 needs nested groups");
        assert!(nested.iter().any(|g| g.groups.iter().any(|&inner| !tenant.group(inner).groups.is_empty())));
        for group in &groups {
            assert!(group.people.iter().all(|&p| tenant.person(p).org == org));
        }
    }
}

#[test]
fn subscribers_come_in_every_status_and_some_hosts_lack_session_types() {
    let tenant = generate(8, 2000, 2);
    for org in tenant.org_indices().skip(1) {
        let statuses: HashSet<&str> =
            tenant.subscribers().iter().filter(|s| s.org == org).map(|s| s.status.as_str()).collect();
        assert_eq!(statuses.len(), SubscriberStatus::ALL.len(), "{statuses:?}");
    }
    for subscriber in tenant.subscribers() {
        assert_eq!(subscriber.status == SubscriberStatus::Error, !subscriber.errors.is_empty());
        assert_eq!(subscriber.status.in_progress(), subscriber.work.is_some());
    }
    // rule S1: hosts with nothing but the free session type.
    let free_only = people_of(&tenant)
        .filter(|&(p, person)| {
            let sites = &tenant.org(person.org).sites;
            (0..sites.len()).any(|s| {
                tenant.hosts_on(p, s) && tenant.session_set(p, s) == meetings::free_only(sites[s].session_types())
            })
        })
        .count();
    assert!(free_only > 5, "only {free_only} hosts limited to free meetings");
}

#[test]
fn the_lookups_find_what_was_generated() {
    let tenant = generate(8, 300, 2);
    let (idx, person) = people_of(&tenant).find(|(_, p)| p.licenses.iter().next().is_some()).unwrap();
    assert_eq!(tenant.find_person(&person.uuid), Some(idx));
    let license = tenant.licenses_of(person).next().unwrap();
    assert_eq!(tenant.find_license(&license.uuid).map(|l| tenant.license(l).id.clone()), Some(license.id.clone()));
    let location = tenant.location(person.location);
    assert_eq!(tenant.find_location(&location.uuid), Some(person.location));
    let group = tenant.org(person.org).groups[0];
    assert_eq!(tenant.find_group(&tenant.group(group).uuid), Some(group));
    assert!(tenant.manages(tenant.partner(), person.org));
    assert!(!tenant.manages(OrgIdx::of(1), OrgIdx::of(2)));
}

#[test]
fn every_customer_has_a_named_person_for_each_meetings_cause() {
    let tenant = generate(3, 600, 4);
    for org in tenant.org_indices().skip(1) {
        let domain = &tenant.org(org).domain;
        let named = |local: &str| {
            let idx = tenant.find_person_by_email(&format!("{local}@{domain}")).expect(local);
            (idx, tenant.person(idx))
        };
        let sites = &tenant.org(org).sites;
        assert_eq!(sites.len(), 2, "a second site for the other-site cause");
        let meeting_on = |p: &Person, site: usize| {
            tenant.licenses_of(p).any(|l| l.kind == LicenseKind::Meeting && l.site == Some(site))
        };
        // rule S1: a host of the first site with the free type only.
        let (sam, person) = named("sam.sessionless");
        assert!(meeting_on(person, 0) && !person.invite_pending);
        assert_eq!(tenant.session_set(sam, 0), meetings::free_only(sites[0].session_types()));
        let (otto, person) = named("otto.othersite");
        assert!(!meeting_on(person, 0) && meeting_on(person, 1));
        assert_eq!(tenant.session_set(otto, 1), meetings::full_set(sites[1].session_types().len()));
        let (_, person) = named("bea.basic");
        assert!(tenant.licenses_of(person).any(|l| l.kind == LicenseKind::BasicMeetings));
        assert!(!tenant.licenses_of(person).any(|l| l.kind == LicenseKind::Meeting));
        let (_, person) = named("ada.attendee");
        assert!(person.attendee_sites.contains(0) && !meeting_on(person, 0));
        // rule T16: invited, never signed in, with a paid license and every type.
        let (nils, person) = named("nils.neversigned");
        assert!(person.invite_pending && meeting_on(person, 0) && person.last_activity_ms.is_none());
        assert_eq!(tenant.session_set(nils, 0), meetings::full_set(sites[0].session_types().len()));
    }
    let bigger = generate(3, 900, 4);
    let named_ids = |t: &Tenant| -> Vec<String> {
        people_of(t).filter(|(_, p)| p.email.starts_with("otto.")).map(|(_, p)| p.uuid.to_string()).collect()
    };
    assert_eq!(named_ids(&tenant), named_ids(&bigger), "named people keep their ids whatever the head count");
}
