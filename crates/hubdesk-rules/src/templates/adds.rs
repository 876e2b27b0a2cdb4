//! What a user gains: the target's pools they lack (T8), host or attendee
//! on each site (T9, T14), Calling only with a line (C1–C3, C7), and the
//! free prerequisites of what they gain.

use super::calling::Numbers;
use super::category::Kind;
use super::model::{CallingLine, NumberProblem, PersonFact, SiteRole, SiteRoleChange, UserIssue};
use super::planner::Planner;

impl<'f> Planner<'f> {
    pub(super) fn plan_adds(&mut self, person: &'f PersonFact) {
        self.scratch.clear();
        self.scratch.extend(self.target.iter().filter(|&p| !self.held_pools.contains(p)));
        // Attendant Console needs Professional: every other pool first.
        for consoles in [false, true] {
            for i in 0..self.scratch.len() {
                let pool = self.scratch[i];
                let kind = self.kind(pool);
                if (kind == Kind::AttendantConsole) != consoles || self.satisfied(pool) {
                    continue;
                }
                match (kind, self.cat.pools[pool as usize].site) {
                    (Kind::Meeting, Some(site)) => self.add_host(pool, site),
                    (kind, _) if kind.is_line() && !self.had_line => self.add_line(pool, person),
                    (Kind::AttendantConsole, _) if !self.professional() => {}
                    _ => self.add_plain(pool, None),
                }
            }
        }
        for site in 0..self.cat.sites.len() as u32 {
            if self.target_attendee.contains(site) && !self.target_hosts.contains(site) {
                self.add_attendee(site);
            }
        }
        self.add_free_prerequisites();
    }

    /// T8: held, or a held rival stands in for it (no two Calling or
    /// Contact Center licenses, no downgrade).
    fn satisfied(&self, pool: u32) -> bool {
        self.keeps(pool) || self.cat.pools[pool as usize].rivals.iter().any(|&r| self.keeps(r))
    }

    /// Whether the user will hold Calling Professional (Attendant Console
    /// needs it, 400408; a console the user cannot have is not planned).
    fn professional(&self) -> bool {
        let pro = |p: u32| self.kind(p) == Kind::CallingProfessional;
        self.held_pools.iter().any(|p| pro(p) && self.keeps(p)) || self.added.iter().any(pro)
    }

    /// T12: a unit from the oldest subscription that has one; none left is
    /// the user's issue and counts as short.
    fn take(&mut self, pool: u32) -> Option<u32> {
        let license = self.ledger.take(self.cat, pool);
        if license.is_none() {
            self.ledger.record_short(self.cat, pool);
            let license_name = self.cat.pool_name(pool).to_string();
            self.draft.issues.push(UserIssue::NoUnitsLeft { license_name });
        }
        license
    }

    fn add_plain(&mut self, pool: u32, line: Option<CallingLine>) {
        if let Some(license) = self.take(pool) {
            self.draft.adds.push((license, line));
            self.added.insert(pool);
        }
    }

    /// C1–C3: a user without a line gets Calling only with their work
    /// number, checked (C2); otherwise no Calling and the reason (C5).
    fn add_line(&mut self, pool: u32, person: &'f PersonFact) {
        if let Some(line) = self.draft.line.clone() {
            // A second line license (CX Essentials beside Professional) carries the same line.
            return self.add_plain(pool, Some(line));
        }
        if self.draft.line_failed {
            return;
        }
        let facts = self.cat.facts;
        let numbers = self.numbers.get_or_insert_with(|| Numbers::new(facts));
        let number = match numbers.check(person) {
            Ok(number) => number,
            Err(reason) => return self.needs_number(reason),
        };
        let Some(license) = self.take(pool) else { return };
        let line = self.numbers.as_mut().expect("built above").claim(number, person);
        self.draft.line = Some(line.clone());
        self.draft.adds.push((license, Some(line)));
        self.added.insert(pool);
    }

    fn needs_number(&mut self, reason: NumberProblem) {
        self.draft.line_failed = true;
        self.draft.issues.push(UserIssue::NeedsNumber { reason });
    }

    /// T9, T14: the host license if a unit is left (an attendee becomes a
    /// host), else the attendee role when the templates also give it,
    /// except to a site admin.
    fn add_host(&mut self, pool: u32, site: u32) {
        if let Some(license) = self.ledger.take(self.cat, pool) {
            self.draft.adds.push((license, None));
            self.added.insert(pool);
            if self.attendee.contains(site) {
                self.role(site, SiteRole::Attendee, SiteRole::Host);
            }
            return;
        }
        self.ledger.record_short(self.cat, pool);
        let site_url = self.cat.sites[site as usize].to_string();
        if !self.target_attendee.contains(site) {
            let license_name = self.cat.pool_name(pool).to_string();
            self.draft.issues.push(UserIssue::NoUnitsLeft { license_name });
        } else if self.admin.contains(site) {
            self.draft.issues.push(UserIssue::SiteAdminWithoutHost { site_url });
        } else {
            self.draft.issues.push(UserIssue::AttendeeInsteadOfHost { site_url });
            if !self.attendee.contains(site) {
                self.role(site, SiteRole::None, SiteRole::Attendee);
            }
        }
    }

    /// T9: nothing for a host or an attendee of the site; T14: never a site
    /// admin.
    fn add_attendee(&mut self, site: u32) {
        let hosts = self.held_pools.iter().any(|p| self.keeps(p) && self.cat.pools[p as usize].site == Some(site));
        if hosts || self.attendee.contains(site) {
            return;
        }
        if self.admin.contains(site) {
            let site_url = self.cat.sites[site as usize].to_string();
            self.draft.issues.push(UserIssue::SiteAdminWithoutHost { site_url });
        } else {
            self.role(site, SiteRole::None, SiteRole::Attendee);
        }
    }

    /// Free licenses a gained one needs come with it (Basic Meetings and
    /// Messaging for a Meetings license, 700004–700005; Messaging for
    /// Advanced Messaging, 700003). Templates may leave them out (T15).
    fn add_free_prerequisites(&mut self) {
        self.scratch.clear();
        for pool in self.added.iter() {
            self.scratch.extend_from_slice(&self.cat.pools[pool as usize].prerequisites);
        }
        for i in 0..self.scratch.len() {
            let pool = self.scratch[i];
            if self.kind(pool).free() && !self.keeps(pool) && !self.added.contains(pool) {
                self.add_plain(pool, None);
            }
        }
    }

    fn role(&mut self, site: u32, from: SiteRole, to: SiteRole) {
        let site_url = self.cat.sites[site as usize].to_string();
        self.draft.roles.push(SiteRoleChange { site_url, from, to });
    }
}
