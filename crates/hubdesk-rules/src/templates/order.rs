//! T12's "oldest subscription first" without start dates.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use super::catalog::PoolKey;
use super::model::LicenseFact;

/// Subscription ids, oldest first, inferred from the licenses.
///
/// Webex publishes no subscription start date (webex-api.md §4.1), but T12
/// leaves a trace: within a pool served by several subscriptions, Webex
/// draws from the oldest until it is used up, so the older a subscription,
/// the fuller its share. Each subscription is judged on its licenses in
/// such shared pools (on all its licenses when it shares none, where the
/// order cannot matter anyway):
/// 1. a subscription with a used-up share comes first;
/// 2. then the higher consumed/total ratio over those licenses;
/// 3. ties by subscription id, so the order is deterministic.
///
/// One score per subscription (rather than pairwise comparisons per pool)
/// keeps the order total even when pools disagree.
pub fn subscription_order(licenses: &[LicenseFact]) -> Vec<String> {
    let mut subscriptions_of_pool: HashMap<PoolKey, Vec<&str>> = HashMap::new();
    for license in licenses {
        if let Some(subscription) = license.subscription_id.as_deref() {
            let subs = subscriptions_of_pool.entry(PoolKey::of(license)).or_default();
            if !subs.contains(&subscription) {
                subs.push(subscription);
            }
        }
    }
    let mut scores: BTreeMap<&str, (Score, Score)> = BTreeMap::new();
    for license in licenses {
        let Some(subscription) = license.subscription_id.as_deref() else { continue };
        let shared = subscriptions_of_pool[&PoolKey::of(license)].len() > 1;
        let (in_shared, in_all) = scores.entry(subscription).or_default();
        in_all.count(license);
        if shared {
            in_shared.count(license);
        }
    }
    let mut ranked: Vec<(&str, Score)> = scores
        .into_iter()
        .map(|(id, (in_shared, in_all))| (id, if in_shared.licenses > 0 { in_shared } else { in_all }))
        .collect();
    // Stable sort over ids in ascending order: ties stay by id.
    ranked.sort_by(|a, b| b.1.age_cmp(&a.1));
    ranked.into_iter().map(|(id, _)| id.to_string()).collect()
}

/// How used a subscription's shares are.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    licenses: u32,
    used_up: bool,
    consumed: i64,
    total: i64,
}

impl Score {
    fn count(&mut self, license: &LicenseFact) {
        self.licenses += 1;
        self.used_up |= license.consumed_units >= license.total_units;
        self.consumed += license.consumed_units.max(0);
        self.total += license.total_units.max(0);
    }

    /// `Greater` when `self` looks older than `other`.
    fn age_cmp(&self, other: &Score) -> Ordering {
        self.used_up.cmp(&other.used_up).then_with(|| {
            // consumed/total compared without division; an empty total counts as full.
            let (a_num, a_den) = if self.total == 0 { (1, 1) } else { (self.consumed, self.total) };
            let (b_num, b_den) = if other.total == 0 { (1, 1) } else { (other.consumed, other.total) };
            (i128::from(a_num) * i128::from(b_den)).cmp(&(i128::from(b_num) * i128::from(a_den)))
        })
    }
}
