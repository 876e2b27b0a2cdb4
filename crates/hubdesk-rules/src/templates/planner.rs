//! One user's change: what their templates give them (the target, T8)
//! against what they hold. The caller fills `target` and
//! `target_attendee`, then calls `run`; users must come in the plan's
//! order, since units (T12) and free numbers (C2) go to the first who asks.

use super::calling::Numbers;
use super::catalog::{Bits, Catalog};
use super::category::Kind;
use super::model::{
    CallingLine, LicenseAdd, LicenseRemove, PersonFact, Plan, PlanTotals, SiteRole, SiteRoleChange, UserChange,
    UserIssue,
};
use super::units::Ledger;

/// What may happen to a user in scope.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    /// Add what the target has and the user lacks.
    pub add: bool,
    pub removal: Removal,
    /// T13: created with explicit licenses: untouched by the org template.
    pub leave_alone: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Removal {
    /// Preserve (T5, T6, T7 on).
    Keep,
    /// Everything outside the target goes, manual licenses and attendee
    /// roles included (T5, T7 off).
    OutsideTarget,
    /// T6: these pools go, unless the target still gives them.
    Only(Bits),
}

/// A user's change while it is worked out (scratch, reused).
#[derive(Default)]
pub(crate) struct Draft {
    pub adds: Vec<(u32, Option<CallingLine>)>,
    /// Licenses held, to remove.
    pub removes: Vec<u32>,
    pub roles: Vec<SiteRoleChange>,
    pub issues: Vec<UserIssue>,
    /// The line found for this user (C2), for a second line license.
    pub line: Option<CallingLine>,
    /// The user's number was already found wanting.
    pub line_failed: bool,
}

impl Draft {
    fn reset(&mut self) {
        self.adds.clear();
        self.removes.clear();
        self.roles.clear();
        self.issues.clear();
        self.line = None;
        self.line_failed = false;
    }
}

pub(crate) struct Planner<'f> {
    pub(super) cat: &'f Catalog<'f>,
    pub(super) ledger: Ledger,
    pub(super) numbers: Option<Numbers<'f>>,
    /// Pools the user's templates give; filled by the caller.
    pub target: Bits,
    /// Sites where the user's templates give the attendee role.
    pub target_attendee: Bits,
    /// Sites of the target's host licenses.
    pub(super) target_hosts: Bits,
    /// Per pool: the license of it the user holds.
    pub(super) held: Vec<Option<u32>>,
    pub(super) held_pools: Bits,
    /// The user has a Calling line now (C7: never provisioned again).
    pub(super) had_line: bool,
    pub(super) attendee: Bits,
    pub(super) admin: Bits,
    pub(super) removed: Bits,
    pub(super) added: Bits,
    pub(super) draft: Draft,
    pub(super) scratch: Vec<u32>,
    users: Vec<UserChange>,
    totals: PlanTotals,
}

impl<'f> Planner<'f> {
    pub(crate) fn new(cat: &'f Catalog<'f>) -> Planner<'f> {
        let (pools, sites) = (cat.pools.len(), cat.sites.len());
        Planner {
            cat,
            ledger: Ledger::new(cat),
            numbers: None,
            target: Bits::with_len(pools),
            target_attendee: Bits::with_len(sites),
            target_hosts: Bits::with_len(sites),
            held: vec![None; pools],
            held_pools: Bits::with_len(pools),
            had_line: false,
            attendee: Bits::with_len(sites),
            admin: Bits::with_len(sites),
            removed: Bits::with_len(pools),
            added: Bits::with_len(pools),
            draft: Draft::default(),
            scratch: Vec::new(),
            users: Vec::new(),
            totals: PlanTotals::default(),
        }
    }

    pub(crate) fn run(&mut self, person: &'f PersonFact, work: &Work) {
        self.totals.users_in_scope += 1;
        if work.leave_alone {
            self.draft.issues.push(UserIssue::CreatedWithLicenses);
        } else {
            self.load(person);
            self.resolve_rivals();
            self.plan_removals(&work.removal, work.add);
            if work.add {
                self.plan_adds(person);
            }
        }
        self.emit(person);
    }

    pub(crate) fn finish(self) -> Plan {
        Plan { licenses: self.ledger.uses(self.cat), users: self.users, totals: self.totals }
    }

    pub(super) fn kind(&self, pool: u32) -> Kind {
        self.cat.pools[pool as usize].kind
    }

    /// Held now and not being removed.
    pub(super) fn keeps(&self, pool: u32) -> bool {
        self.held_pools.contains(pool) && !self.removed.contains(pool)
    }

    fn load(&mut self, person: &PersonFact) {
        for pool in self.held_pools.iter() {
            self.held[pool as usize] = None;
        }
        for bits in [&mut self.held_pools, &mut self.attendee, &mut self.admin, &mut self.removed, &mut self.added] {
            bits.clear();
        }
        for id in &person.licenses {
            let Some(license) = self.cat.license(id) else { continue };
            let pool = self.cat.license_pool[license as usize];
            // T8: one license per pool; should an org show two, the first counts.
            if !self.held_pools.contains(pool) {
                self.held_pools.insert(pool);
                self.held[pool as usize] = Some(license);
            }
        }
        // Holding a Calling license means having a line, whatever the flag says.
        self.had_line = person.has_calling_line || self.held_pools.iter().any(|p| self.kind(p).is_line());
        for (urls, bits) in [(&person.attendee_sites, &mut self.attendee), (&person.admin_sites, &mut self.admin)] {
            for site in urls.iter().filter_map(|url| self.cat.site(url)) {
                bits.insert(site);
            }
        }
    }

    /// T11 and Calling: of two rivals the target gives, the weaker goes
    /// (Premium Agent beats Standard Agent; Professional and CX Essentials
    /// beat Standard).
    fn resolve_rivals(&mut self) {
        self.scratch.clear();
        self.scratch.extend(self.target.iter());
        self.target_hosts.clear();
        for i in 0..self.scratch.len() {
            let pool = &self.cat.pools[self.scratch[i] as usize];
            if pool.rivals.iter().any(|&r| self.target.contains(r) && pool.kind.yields_to(self.kind(r))) {
                self.target.remove(self.scratch[i]);
            }
            if let (Kind::Meeting, Some(site)) = (pool.kind, pool.site) {
                self.target_hosts.insert(site);
            }
        }
    }

    /// Whether a held pool gives something the target asks for, so it is
    /// never removed: the pool itself, a stronger rival of a pool the
    /// target gives (no downgrade: 400112, 400410; T11), or a host license
    /// where the target gives the attendee role (T9). A weaker rival does
    /// not: when removals are allowed it makes way for the stronger one in
    /// the same request (an upgrade); when they are not, the user keeps it
    /// and is not given the rival (`adds::satisfied`).
    pub(super) fn serves_target(&self, held: u32) -> bool {
        let pool = &self.cat.pools[held as usize];
        self.target.contains(held)
            || pool.rivals.iter().any(|&r| self.target.contains(r) && self.kind(r).yields_to(pool.kind))
            || matches!((pool.kind, pool.site), (Kind::Meeting, Some(s)) if self.target_attendee.contains(s))
    }

    /// Removals come first: they free units (the request removes before it
    /// adds, like Webex). Never removed: implicit and unmanageable licenses,
    /// and prerequisites of what the user keeps or is given.
    fn plan_removals(&mut self, removal: &Removal, adding: bool) {
        for held in self.held_pools.iter() {
            let asked = match removal {
                Removal::Keep => false,
                Removal::OutsideTarget => true,
                Removal::Only(pools) => pools.contains(held),
            };
            if asked && self.kind(held).removable() && !self.serves_target(held) {
                self.removed.insert(held);
            }
        }
        if !self.removed.is_empty() {
            self.keep_prerequisites(adding);
            for pool in self.removed.iter() {
                let license = self.held[pool as usize].expect("a removed pool is held");
                self.ledger.release(license);
                self.draft.removes.push(license);
            }
        }
        if matches!(removal, Removal::OutsideTarget) {
            self.remove_attendee_roles();
        }
    }

    /// Free Messaging stays while a meeting or paid messaging license does,
    /// Basic Meetings while a Meetings license does, Professional while
    /// Attendant Console does (700003–700005, 400408).
    fn keep_prerequisites(&mut self, adding: bool) {
        let mut needed = std::mem::take(&mut self.scratch);
        needed.clear();
        for pool in 0..self.cat.pools.len() as u32 {
            if self.keeps(pool) || (adding && self.target.contains(pool)) {
                needed.extend_from_slice(&self.cat.pools[pool as usize].prerequisites);
            }
        }
        for &pool in &needed {
            self.removed.remove(pool);
        }
        self.scratch = needed;
    }

    /// The attendee role on a site the target says nothing about goes too.
    fn remove_attendee_roles(&mut self) {
        for site in self.attendee.iter() {
            if !self.target_attendee.contains(site) && !self.target_hosts.contains(site) {
                self.draft.roles.push(SiteRoleChange {
                    site_url: self.cat.sites[site as usize].to_string(),
                    from: SiteRole::Attendee,
                    to: SiteRole::None,
                });
            }
        }
    }

    /// Turns the draft into the user's row (if anything happens to them)
    /// and counts it.
    fn emit(&mut self, person: &PersonFact) {
        let draft = &self.draft;
        let changed = !(draft.adds.is_empty() && draft.removes.is_empty() && draft.roles.is_empty());
        if changed || !draft.issues.is_empty() {
            // C8: removing a Calling license is destructive when no line license stays.
            let keeps_line = self.held_pools.iter().any(|p| self.kind(p).is_line() && self.keeps(p))
                || self.added.iter().any(|p| self.kind(p).is_line());
            let change = UserChange {
                person_id: person.id.clone(),
                email: person.email.clone(),
                display_name: person.display_name.clone(),
                add: draft.adds.iter().map(|(license, line)| self.license_add(*license, line.clone())).collect(),
                remove: draft.removes.iter().map(|&license| self.license_remove(license, keeps_line)).collect(),
                roles: draft.roles.clone(),
                issues: draft.issues.clone(),
                pending_first_sign_in: changed && !person.active,
            };
            self.count(&change, changed);
            self.users.push(change);
        }
        self.draft.reset();
    }

    fn license_add(&self, license: u32, calling: Option<CallingLine>) -> LicenseAdd {
        let fact = self.cat.fact(license);
        LicenseAdd {
            license_id: fact.id.clone(),
            name: fact.name.clone(),
            subscription_id: fact.subscription_id.clone(),
            site_url: fact.site_url.clone(),
            calling,
        }
    }

    fn license_remove(&self, license: u32, keeps_line: bool) -> LicenseRemove {
        let fact = self.cat.fact(license);
        let pool = self.cat.license_pool[license as usize];
        LicenseRemove {
            license_id: fact.id.clone(),
            name: fact.name.clone(),
            calling: self.kind(pool).is_line() && !keeps_line,
        }
    }

    fn count(&mut self, change: &UserChange, changed: bool) {
        let t = &mut self.totals;
        t.users_changed += u32::from(changed);
        t.licenses_added += change.add.len() as u32;
        t.licenses_removed += change.remove.len() as u32;
        t.roles_changed += change.roles.len() as u32;
        t.calling_removals += u32::from(change.remove.iter().any(|r| r.calling));
        t.needs_number += u32::from(change.issues.iter().any(|i| matches!(i, UserIssue::NeedsNumber { .. })));
        t.pending_first_sign_in += u32::from(change.pending_first_sign_in);
        t.no_units_left += change.issues.iter().filter(|i| matches!(i, UserIssue::NoUnitsLeft { .. })).count() as u32;
    }
}
