//! The org facts a plan is computed from, read from the cache.

use std::collections::{HashMap, HashSet};

use crate::store::{NumberRow, Store};
use crate::webex::models::{License, Person};
use hubdesk_api::{ApiError, GroupOption, LicenseOption, SiteOption};
use hubdesk_rules::calling::NumberHolder;
use hubdesk_rules::templates::{
    license_category, not_for_users, subscription_order, GroupFact, GroupUsage, LicenseCategory, LicenseFact,
    NumberFact, OrgFacts, PersonFact, Template,
};

/// Everything about one org the templates screen and the planner need.
pub struct OrgSnapshot {
    pub facts: OrgFacts,
    /// license id → (name, site url): licenses of one pool are one service
    /// (T12), whichever subscription they come from.
    pub pools: Pools,
}

#[derive(Debug, Clone, Default)]
pub struct Pools(HashMap<String, (String, Option<String>)>);

impl Pools {
    pub fn from_licenses(licenses: &[LicenseFact]) -> Self {
        Pools(licenses.iter().map(|l| (l.id.clone(), (l.name.clone(), l.site_url.clone()))).collect())
    }

    /// Whether two license ids name the same service.
    pub fn same(&self, a: &str, b: &str) -> bool {
        a == b || matches!((self.0.get(a), self.0.get(b)), (Some(x), Some(y)) if x == y)
    }

    /// The license of `held` that is in the same pool as `license`.
    pub fn held_in_pool<'a>(&self, license: &str, held: &'a [String]) -> Option<&'a String> {
        held.iter().find(|h| self.same(license, h))
    }

    pub fn name(&self, license: &str) -> Option<&str> {
        self.0.get(license).map(|(name, _)| name.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The pools of licenses as Webex lists them (an org not in the cache).
pub fn pools_of(licenses: Vec<License>) -> Pools {
    let facts: Vec<LicenseFact> = licenses.into_iter().map(LicenseFact::from).collect();
    Pools::from_licenses(&facts)
}

/// Only the license pools of an org (what applying a run needs).
pub fn pools(store: &Store, org_id: &str) -> Result<Pools, ApiError> {
    let licenses: Vec<LicenseFact> = store.licenses_of_org(org_id)?.into_iter().map(LicenseFact::from).collect();
    Ok(Pools::from_licenses(&licenses))
}

pub fn load(store: &Store, org_id: &str) -> Result<OrgSnapshot, ApiError> {
    let licenses = license_facts(store, org_id)?;
    let mut groups_of: HashMap<String, Vec<String>> = HashMap::new();
    for (group, person) in store.direct_memberships(org_id)? {
        groups_of.entry(person).or_default().push(group);
    }
    let paid = paid_licenses(&licenses);
    let people = store.people_of_org(org_id)?.into_iter().map(|p| {
        let groups = groups_of.remove(&p.id).unwrap_or_default();
        person_fact(p, groups, &paid)
    });
    let people: Vec<PersonFact> = people.collect();
    let groups = store.groups_of_org(org_id)?.into_iter().map(|(id, name, usage)| GroupFact {
        id,
        name,
        usage: if usage.as_deref() == Some("distribution") { GroupUsage::Distribution } else { GroupUsage::Security },
    });
    let numbers = number_facts(store.inventory_numbers(org_id)?);
    let facts = org_facts(store, org_id, licenses, people, groups.collect(), numbers)?;
    let pools = Pools::from_licenses(&facts.licenses);
    Ok(OrgSnapshot { facts, pools })
}

/// The org's cached licenses as the rules read them.
pub(crate) fn license_facts(store: &Store, org_id: &str) -> Result<Vec<LicenseFact>, ApiError> {
    Ok(store.licenses_of_org(org_id)?.into_iter().map(LicenseFact::from).collect())
}

/// The ids of the licenses that are not free (T13).
pub(crate) fn paid_licenses(licenses: &[LicenseFact]) -> HashSet<&str> {
    licenses.iter().filter(|l| license_category(&l.name) != LicenseCategory::Basic).map(|l| l.id.as_str()).collect()
}

/// The facts of an org around its `people` and `groups`, which each
/// reader loads as far as it needs them: the number inventory, the Calling
/// locations, the subscriptions' order and the Meetings sites.
pub(crate) fn org_facts(
    store: &Store,
    org_id: &str,
    licenses: Vec<LicenseFact>,
    people: Vec<PersonFact>,
    groups: Vec<GroupFact>,
    numbers: Vec<NumberFact>,
) -> Result<OrgFacts, ApiError> {
    Ok(OrgFacts {
        subscription_order: subscription_order(&licenses),
        attendee_sites: meeting_sites(&licenses),
        groups,
        people,
        numbers,
        calling_locations: store.calling_location_ids(org_id)?,
        licenses,
    })
}

/// The inventory as the rules read it.
pub(crate) fn number_facts(rows: Vec<NumberRow>) -> Vec<NumberFact> {
    let fact = |(phone_number, location_id, owner, kind, holder_id): NumberRow| NumberFact {
        phone_number,
        location_id,
        // A number with an owner type but no name or id is still held.
        owner: owner.or_else(|| kind.clone()),
        holder_kind: kind.as_deref().map(NumberHolder::of_owner_type),
        holder_id,
    };
    rows.into_iter().map(fact).collect()
}

impl From<License> for LicenseFact {
    fn from(l: License) -> Self {
        LicenseFact {
            id: l.id,
            name: l.name,
            subscription_id: l.subscription_id,
            site_url: l.site_url,
            total_units: l.total_units,
            consumed_units: l.consumed_units,
        }
    }
}

/// Every Meetings site the org has licenses for. Webex does not say which
/// sites have the attendee-account feature; Control Hub managed sites do.
fn meeting_sites(licenses: &[LicenseFact]) -> Vec<String> {
    let mut sites: Vec<String> = licenses.iter().filter_map(|l| l.site_url.clone()).collect();
    sites.sort();
    sites.dedup();
    sites
}

fn person_fact(p: Person, groups: Vec<String>, paid: &HashSet<&str>) -> PersonFact {
    PersonFact {
        email: p.primary_email().to_owned(),
        work_number: p.work_number().map(str::to_owned),
        // Calling users carry their location (webex-api.md §3).
        has_calling_line: p.location_id.is_some() || p.extension.is_some(),
        // T16: someone who never signed in.
        active: p.invite_pending != Some(true),
        attendee_sites: p.site_urls.iter().filter_map(|s| s.strip_suffix("#attendee")).map(str::to_owned).collect(),
        // Webex's People API does not say who administers a site.
        admin_sites: Vec::new(),
        // T13: a user a sync finds already holding a paid license was
        // created with it (by API or CSV); free licenses come by default.
        created_with_licenses: p.licenses.iter().any(|l| paid.contains(l.as_str())),
        id: p.id,
        display_name: p.display_name,
        licenses: p.licenses,
        groups,
    }
}

/// The editor's license choices: one per pool (T12), its oldest license's
/// id, units summed over its subscriptions.
pub fn license_options(facts: &OrgFacts) -> Vec<LicenseOption> {
    let order: HashMap<&str, usize> =
        facts.subscription_order.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let age = |l: &LicenseFact| l.subscription_id.as_deref().and_then(|s| order.get(s)).copied().unwrap_or(usize::MAX);
    let mut sorted: Vec<&LicenseFact> = facts.licenses.iter().collect();
    sorted.sort_by(|a, b| (&a.name, &a.site_url, age(a)).cmp(&(&b.name, &b.site_url, age(b))));
    let mut options: Vec<LicenseOption> = Vec::new();
    for l in sorted {
        match options.last_mut() {
            Some(o) if o.name == l.name && o.site_url == l.site_url => {
                o.total_units += l.total_units;
                o.consumed_units += l.consumed_units;
                o.subscriptions += 1;
            }
            _ => options.push(LicenseOption {
                id: l.id.clone(),
                name: l.name.clone(),
                category: license_category(&l.name),
                site_url: l.site_url.clone(),
                total_units: l.total_units,
                consumed_units: l.consumed_units,
                subscriptions: 1,
                not_for_users: not_for_users(&l.name),
            }),
        }
    }
    options
}

pub fn site_options(facts: &OrgFacts, options: &[LicenseOption]) -> Vec<SiteOption> {
    meeting_sites(&facts.licenses)
        .into_iter()
        .map(|site_url| SiteOption {
            host_license_ids: options
                .iter()
                .filter(|o| o.site_url.as_deref() == Some(&site_url) && o.category == LicenseCategory::Meetings)
                .map(|o| o.id.clone())
                .collect(),
            attendee_enabled: facts.attendee_sites.contains(&site_url),
            site_url,
        })
        .collect()
}

pub fn group_options(facts: &OrgFacts, templates: &[Template]) -> Vec<GroupOption> {
    let mut members: HashMap<&str, u32> = HashMap::new();
    for p in &facts.people {
        for g in &p.groups {
            *members.entry(g.as_str()).or_default() += 1;
        }
    }
    facts
        .groups
        .iter()
        .map(|g| GroupOption {
            id: g.id.clone(),
            name: g.name.clone(),
            eligible: g.usage == GroupUsage::Security,
            member_count: members.get(g.id.as_str()).copied().unwrap_or(0),
            has_template: templates.iter().any(|t| t.group_id.as_deref() == Some(&g.id)),
        })
        .collect()
}
