//! Holding licenses, with the counts kept true: every grant and revoke
//! moves `consumedByUsers` by one, so `GET /v1/licenses` never lies.
//!
//! Licenses of the same service from different subscriptions form a pool
//! (same kind, same site). A person holds at most one license of a pool
//! (rule T8), and a new unit comes from the oldest subscription of the
//! pool that still has one (rule T12).

use super::{LicenseIdx, PersonIdx, Tenant};

impl Tenant {
    /// The slot of `license` in its org.
    pub fn license_slot(&self, license: LicenseIdx) -> usize {
        let org = self.org(self.license(license).org);
        org.licenses.iter().position(|&l| l == license).expect("a license is in its org's slots")
    }

    pub fn holds(&self, person: PersonIdx, license: LicenseIdx) -> bool {
        let held = self.person(person).licenses;
        self.person(person).org == self.license(license).org && held.contains(self.license_slot(license))
    }

    /// Licenses of the org that are the same service as `license`, oldest
    /// subscription first (no start date counts as oldest; ties by slot).
    pub fn pool(&self, license: LicenseIdx) -> Vec<LicenseIdx> {
        let this = self.license(license);
        let mut pool: Vec<LicenseIdx> =
            self.org(this.org).licenses.iter().copied().filter(|&l| self.license(l).same_pool(this)).collect();
        pool.sort_by_key(|&l| self.license(l).subscription_start_ms.unwrap_or(i64::MIN));
        pool
    }

    /// The license of `license`'s pool the person holds, if any.
    pub fn held_in_pool(&self, person: PersonIdx, license: LicenseIdx) -> Option<LicenseIdx> {
        self.pool(license).into_iter().find(|&l| self.holds(person, l))
    }

    /// Where a new unit of `license`'s service comes from (rule T12): the
    /// oldest subscription of the pool with a free unit.
    pub fn oldest_with_free_unit(&self, license: LicenseIdx) -> Option<LicenseIdx> {
        self.pool(license).into_iter().find(|&l| self.license(l).free_units() > 0)
    }

    /// Gives the person `license` (of their own org); no-op if held.
    pub fn grant(&mut self, person: PersonIdx, license: LicenseIdx) {
        let slot = self.license_slot(license);
        let holder = &mut self.people[person.get()];
        if !holder.licenses.contains(slot) {
            holder.licenses.insert(slot);
            self.licenses[license.get()].consumed_by_users += 1;
        }
    }

    /// Takes `license` back; no-op if not held.
    pub fn revoke(&mut self, person: PersonIdx, license: LicenseIdx) {
        let slot = self.license_slot(license);
        let holder = &mut self.people[person.get()];
        if holder.licenses.contains(slot) {
            holder.licenses.remove(slot);
            self.licenses[license.get()].consumed_by_users -= 1;
        }
    }

    /// Every license of the org whose kind passes `filter`.
    #[cfg(test)]
    pub fn org_licenses_where(&self, org: super::OrgIdx, filter: impl Fn(&super::License) -> bool) -> Vec<LicenseIdx> {
        self.org(org).licenses.iter().copied().filter(|&l| filter(self.license(l))).collect()
    }
}
