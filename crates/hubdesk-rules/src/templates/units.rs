//! Units as the plan spends them (T12): each add takes a unit from the
//! oldest subscription of the pool that has one left, each removal gives
//! one back to the license the user held.

use super::catalog::Catalog;
use super::model::LicenseUse;

pub(crate) struct Ledger {
    /// Per license: units left (total − consumed − planned); may start
    /// below zero when an org is over-consumed.
    left: Vec<i64>,
    added: Vec<i64>,
    removed: Vec<i64>,
    short: Vec<i64>,
}

impl Ledger {
    pub(crate) fn new(catalog: &Catalog) -> Ledger {
        let licenses = &catalog.facts.licenses;
        let n = licenses.len();
        Ledger {
            left: licenses.iter().map(|l| l.total_units - l.consumed_units).collect(),
            added: vec![0; n],
            removed: vec![0; n],
            short: vec![0; n],
        }
    }

    /// A unit of `pool`: the license it comes from, or `None` when every
    /// subscription is used up.
    pub(crate) fn take(&mut self, catalog: &Catalog, pool: u32) -> Option<u32> {
        let license = catalog.pools[pool as usize].licenses.iter().copied().find(|&l| self.left[l as usize] > 0)?;
        self.left[license as usize] -= 1;
        self.added[license as usize] += 1;
        Some(license)
    }

    pub(crate) fn release(&mut self, license: u32) {
        self.left[license as usize] += 1;
        self.removed[license as usize] += 1;
    }

    /// A unit of `pool` was wanted and none was left. It is counted on the
    /// pool's oldest license: the id the editor offers for the pool.
    pub(crate) fn record_short(&mut self, catalog: &Catalog, pool: u32) {
        self.short[catalog.pools[pool as usize].licenses[0] as usize] += 1;
    }

    /// Every license the plan touched, by name then subscription age.
    pub(crate) fn uses(&self, catalog: &Catalog) -> Vec<LicenseUse> {
        let mut touched: Vec<u32> = (0..self.left.len() as u32)
            .filter(|&l| {
                let l = l as usize;
                self.added[l] != 0 || self.removed[l] != 0 || self.short[l] != 0
            })
            .collect();
        touched.sort_by(|&a, &b| {
            let (fa, fb) = (catalog.fact(a), catalog.fact(b));
            fa.name
                .to_lowercase()
                .cmp(&fb.name.to_lowercase())
                .then_with(|| fa.site_url.cmp(&fb.site_url))
                .then_with(|| catalog.license_age[a as usize].cmp(&catalog.license_age[b as usize]))
                .then_with(|| fa.id.cmp(&fb.id))
        });
        touched
            .into_iter()
            .map(|l| {
                let fact = catalog.fact(l);
                let i = l as usize;
                LicenseUse {
                    license_id: fact.id.clone(),
                    name: fact.name.clone(),
                    subscription_id: fact.subscription_id.clone(),
                    site_url: fact.site_url.clone(),
                    total_units: fact.total_units,
                    consumed_before: fact.consumed_units,
                    consumed_after: fact.consumed_units + self.added[i] - self.removed[i],
                    short_by: self.short[i],
                }
            })
            .collect()
    }
}
