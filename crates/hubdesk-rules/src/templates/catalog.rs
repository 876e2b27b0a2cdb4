//! The org's licenses interned once per plan: license ids, pools (T8) and
//! sites (T10) become small integers, so the per-user work is on bitsets.

use std::collections::HashMap;

use super::category::Kind;
use super::hash::FastMap;
use super::model::{LicenseFact, MeetingAccount, OrgFacts, Template};

/// What makes two licenses one pool: the same service (and site). Licenses
/// of unknown services pool by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PoolKey {
    kind: Kind,
    site: Option<String>,
    other_name: Option<String>,
}

impl PoolKey {
    pub(crate) fn of(license: &LicenseFact) -> PoolKey {
        let kind = Kind::of(&license.name);
        PoolKey {
            kind,
            site: license.site_url.as_deref().map(str::to_ascii_lowercase),
            other_name: matches!(kind, Kind::Other(_)).then(|| license.name.trim().to_ascii_lowercase()),
        }
    }
}

/// One service (on one site): licenses of several subscriptions.
#[derive(Debug, Clone)]
pub(crate) struct Pool {
    pub kind: Kind,
    pub site: Option<u32>,
    /// License indexes, oldest subscription first (T12).
    pub licenses: Vec<u32>,
    /// Pools this one needs beside it (700003–700005, 400408).
    pub prerequisites: Vec<u32>,
    /// Pools a holder of this one may not also hold (see `Kind::rival`).
    pub rivals: Vec<u32>,
}

pub(crate) struct Catalog<'f> {
    pub facts: &'f OrgFacts,
    by_id: FastMap<&'f str, u32>,
    /// Per license: its pool.
    pub license_pool: Vec<u32>,
    /// Per license: its subscription's age rank (T12; lower is older).
    pub license_age: Vec<u32>,
    pub pools: Vec<Pool>,
    /// Site URLs as the licenses spell them, by name.
    pub sites: Vec<&'f str>,
}

impl<'f> Catalog<'f> {
    pub(crate) fn new(facts: &'f OrgFacts) -> Catalog<'f> {
        let mut members: HashMap<PoolKey, Vec<u32>> = HashMap::new();
        for (i, license) in facts.licenses.iter().enumerate() {
            members.entry(PoolKey::of(license)).or_default().push(i as u32);
        }
        let license_sites = facts.licenses.iter().filter_map(|l| l.site_url.as_deref());
        let mut sites: Vec<&'f str> = license_sites.chain(facts.attendee_sites.iter().map(String::as_str)).collect();
        sites.sort_by_cached_key(|s| s.to_ascii_lowercase());
        sites.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let site_of = |url: &str| sites.iter().position(|s| s.eq_ignore_ascii_case(url)).map(|i| i as u32);
        let license_age = age_ranks(facts);
        let fact = |l: u32| &facts.licenses[l as usize];
        let mut pools: Vec<Pool> = members
            .into_values()
            .map(|mut licenses| {
                licenses.sort_by(|&a, &b| {
                    license_age[a as usize].cmp(&license_age[b as usize]).then_with(|| fact(a).id.cmp(&fact(b).id))
                });
                let oldest = fact(licenses[0]);
                let site = oldest.site_url.as_deref().and_then(site_of);
                Pool { kind: Kind::of(&oldest.name), site, licenses, prerequisites: Vec::new(), rivals: Vec::new() }
            })
            .collect();
        // Pools by name (then site): a user's adds and removals read in that
        // order, whatever the order of the facts.
        pools.sort_by_cached_key(|pool| {
            let oldest = fact(pool.licenses[0]);
            (oldest.name.to_lowercase(), oldest.site_url.as_deref().map(str::to_ascii_lowercase), oldest.id.as_str())
        });
        let mut license_pool = vec![0; facts.licenses.len()];
        for (i, pool) in pools.iter().enumerate() {
            pool.licenses.iter().for_each(|&l| license_pool[l as usize] = i as u32);
        }
        link_pools(&mut pools);
        let by_id = facts.licenses.iter().enumerate().map(|(i, l)| (l.id.as_str(), i as u32)).collect();
        Catalog { facts, by_id, license_pool, license_age, pools, sites }
    }

    pub(crate) fn license(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn fact(&self, license: u32) -> &'f LicenseFact {
        &self.facts.licenses[license as usize]
    }

    pub(crate) fn site(&self, url: &str) -> Option<u32> {
        self.sites.iter().position(|s| s.eq_ignore_ascii_case(url)).map(|i| i as u32)
    }

    /// The pool's name: its oldest license's.
    pub(crate) fn pool_name(&self, pool: u32) -> &'f str {
        &self.fact(self.pools[pool as usize].licenses[0]).name
    }

    /// A template's entries as pools and attendee sites; entries naming
    /// nothing hubdesk can give a user are left out (`validate` refuses
    /// them on save).
    pub(crate) fn compile(&self, template: &Template) -> Compiled {
        let mut compiled = Compiled::default();
        let hosts = template.meetings.iter().filter_map(|m| match &m.account {
            MeetingAccount::Host { license_id } => Some(license_id),
            MeetingAccount::Attendee => None,
        });
        for id in template.licenses.iter().chain(hosts) {
            let Some(pool) = self.license(id).map(|l| self.license_pool[l as usize]) else { continue };
            if self.pools[pool as usize].kind.for_users() && !compiled.pools.contains(&pool) {
                compiled.pools.push(pool);
            }
        }
        for entry in &template.meetings {
            if let (MeetingAccount::Attendee, Some(site)) = (&entry.account, self.site(&entry.site_url)) {
                compiled.attendee.push(site);
            }
        }
        compiled
    }
}

/// A template as pool and site indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    pub pools: Vec<u32>,
    pub attendee: Vec<u32>,
}

/// Per license, its subscription's rank in `facts.subscription_order`;
/// subscriptions not listed come after, in id order; licenses of no
/// subscription (the free ones) last.
fn age_ranks(facts: &OrgFacts) -> Vec<u32> {
    let mut rank: HashMap<&str, u32> = HashMap::new();
    for id in &facts.subscription_order {
        let next = rank.len() as u32;
        rank.entry(id.as_str()).or_insert(next);
    }
    let mut unlisted: Vec<&str> =
        facts.licenses.iter().filter_map(|l| l.subscription_id.as_deref()).filter(|s| !rank.contains_key(s)).collect();
    unlisted.sort_unstable();
    unlisted.dedup();
    for id in unlisted {
        let next = rank.len() as u32;
        rank.insert(id, next);
    }
    facts.licenses.iter().map(|l| l.subscription_id.as_deref().map_or(u32::MAX, |s| rank[s])).collect()
}

/// Fills each pool's prerequisites and rivals. A prerequisite of a site's
/// Meetings license is any pool of the needed kind (Basic Meetings and
/// Messaging have no site).
fn link_pools(pools: &mut [Pool]) {
    let kinds: Vec<Kind> = pools.iter().map(|p| p.kind).collect();
    let of_kind = |wanted: &[Kind]| -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        for &kind in wanted {
            // One pool per kind: the first, for kinds that (oddly) come per site.
            if let Some(i) = kinds.iter().position(|&k| k == kind) {
                found.push(i as u32);
            }
        }
        found
    };
    for pool in pools.iter_mut() {
        pool.prerequisites = of_kind(pool.kind.prerequisites());
        pool.rivals = of_kind(pool.kind.rival());
    }
}

/// A fixed-size set of small integers (pools or sites).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn with_len(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    pub(crate) fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    pub(crate) fn remove(&mut self, i: u32) {
        self.0[i as usize / 64] &= !(1 << (i % 64));
    }

    pub(crate) fn contains(&self, i: u32) -> bool {
        self.0[i as usize / 64] & (1 << (i % 64)) != 0
    }

    pub(crate) fn clear(&mut self) {
        self.0.fill(0);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// The members, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    w as u32 * 64 + bit
                })
            })
        })
    }
}
