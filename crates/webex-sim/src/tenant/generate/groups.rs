//! Groups of an org, synchronized from its directory: a security group per
//! department, security groups nested two levels deep (rule T3: nesting
//! does not pass templates down), a small pilot group, an empty one, and
//! distribution lists per location plus a newsletter (rule T17: no
//! templates on distribution groups).

use std::collections::HashMap;

use super::super::group::{Group, GroupUsage};
use super::super::{GroupIdx, OrgIdx, PersonIdx};
use super::{Generator, Thing};

const DIRECTORY: &str = "Synchronized from Active Directory";
const PILOT_SIZE: usize = 25;

impl Generator {
    pub(super) fn add_groups(&mut self, org: OrgIdx) {
        let members = self.tenant.org(org).members.clone();
        let mut by_department: Vec<(String, Vec<PersonIdx>)> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::new();
        for &p in &members {
            let Some(department) = self.tenant.person(p).department.clone() else { continue };
            let at = *position.entry(department.to_string()).or_insert_with(|| {
                by_department.push((department.to_string(), Vec::new()));
                by_department.len() - 1
            });
            by_department[at].1.push(p);
        }
        let departments: Vec<GroupIdx> = by_department
            .into_iter()
            .map(|(name, people)| self.add_group(org, name, GroupUsage::Policy, people, Vec::new()))
            .collect();
        let direct = self.sample(&members, 3);
        let teams = self.add_group(
            org,
            "Sales & Support".into(),
            GroupUsage::Policy,
            direct,
            departments.iter().copied().take(2).collect(),
        );
        self.add_group(org, "Customer-facing teams".into(), GroupUsage::Policy, Vec::new(), vec![teams]);
        let pilot = self.sample(&members, PILOT_SIZE);
        self.add_group(org, "Calling pilot".into(), GroupUsage::Policy, pilot, Vec::new());
        self.add_group(org, "New joiners".into(), GroupUsage::Policy, Vec::new(), Vec::new());
        for location in self.tenant.org(org).locations.clone() {
            let name = format!("All staff – {}", self.tenant.location(location).name);
            let here: Vec<PersonIdx> =
                members.iter().copied().filter(|&p| self.tenant.person(p).location == location).collect();
            self.add_group(org, name, GroupUsage::Distribution, here, Vec::new());
        }
        let readers: Vec<PersonIdx> = members.iter().copied().filter(|_| self.chance(10)).collect();
        let name = format!("{} newsletter", self.tenant.org(org).display_name);
        self.add_group(org, name, GroupUsage::Distribution, readers, Vec::new());
    }

    fn add_group(
        &mut self,
        org: OrgIdx,
        name: String,
        usage: GroupUsage,
        people: Vec<PersonIdx>,
        groups: Vec<GroupIdx>,
    ) -> GroupIdx {
        let uuid = self.uuid(Thing::Group, org.get(), self.tenant.org(org).groups.len());
        let created_ms = self.days_ago(60, 1500);
        let org_uuid = self.tenant.org(org).uuid;
        let mut group = Group::new(uuid, org, &org_uuid, name, usage, created_ms);
        group.description = Some(DIRECTORY.to_string());
        group.modified_ms = created_ms + self.rng_below(50 * super::DAY_MS);
        group.people = people;
        group.groups = groups;
        self.tenant.add_group(group)
    }

    /// Up to `n` distinct members, in org order.
    fn sample(&mut self, members: &[PersonIdx], n: usize) -> Vec<PersonIdx> {
        if members.len() <= n {
            return members.to_vec();
        }
        let mut picked: Vec<usize> = Vec::with_capacity(n);
        while picked.len() < n {
            let at = self.rng_below(members.len() as i64) as usize;
            if !picked.contains(&at) {
                picked.push(at);
            }
        }
        picked.sort_unstable();
        picked.into_iter().map(|at| members[at]).collect()
    }
}
