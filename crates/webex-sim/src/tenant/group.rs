//! Groups of an org (webex-api.md §5.2): people and, for nested groups,
//! other groups. Directory security groups carry `usage: "policy"` and may
//! carry a license template; directory distribution groups carry `usage:
//! "distribution"` and may not (rule T17). Nesting does not pass licenses
//! down (rule T3): a nested group's members are not the parent's direct
//! members, and the simulator lists them as they are, one level.

use std::collections::HashMap;

use uuid::Uuid;

use super::{GroupIdx, OrgIdx, PersonIdx, Tenant};
use crate::ids::{self, IdType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GroupUsage {
    /// A security group: may carry a group license template.
    Policy,
    /// A distribution list: no license templates (rule T17).
    Distribution,
}

impl GroupUsage {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupUsage::Policy => "policy",
            GroupUsage::Distribution => "distribution",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Group {
    pub uuid: Uuid,
    /// `SCIM_GROUP/<groupUuid>:<orgUuid>`, as Webex encodes group ids.
    pub id: String,
    pub org: OrgIdx,
    pub display_name: String,
    pub description: Option<String>,
    pub usage: GroupUsage,
    pub created_ms: i64,
    pub modified_ms: i64,
    /// Direct members, in the order they were added.
    pub people: Vec<PersonIdx>,
    /// Nested groups (members of type `group`).
    pub groups: Vec<GroupIdx>,
}

impl Group {
    pub fn new(uuid: Uuid, org: OrgIdx, org_uuid: &Uuid, display_name: String, usage: GroupUsage, at_ms: i64) -> Group {
        Group {
            uuid,
            id: ids::encode(IdType::ScimGroup, &format!("{uuid}:{org_uuid}")),
            org,
            display_name,
            description: None,
            usage,
            created_ms: at_ms,
            modified_ms: at_ms,
            people: Vec::new(),
            groups: Vec::new(),
        }
    }

    pub fn member_size(&self) -> usize {
        self.people.len() + self.groups.len()
    }
}

/// The group uuid inside a group id (`SCIM_GROUP/<group>:<org>`).
pub fn group_uuid(id: &str) -> Option<Uuid> {
    let tail = ids::decode(IdType::ScimGroup, id)?;
    Uuid::parse_str(tail.split(':').next()?).ok()
}

/// Groups by uuid, kept next to the group list.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct GroupIndex {
    by_uuid: HashMap<Uuid, GroupIdx>,
}

impl Tenant {
    pub fn group(&self, idx: GroupIdx) -> &Group {
        &self.groups[idx.get()]
    }

    pub fn group_mut(&mut self, idx: GroupIdx) -> &mut Group {
        &mut self.groups[idx.get()]
    }

    pub fn find_group(&self, uuid: &Uuid) -> Option<GroupIdx> {
        self.group_index.by_uuid.get(uuid).copied()
    }

    pub fn add_group(&mut self, group: Group) -> GroupIdx {
        let idx = GroupIdx::of(self.groups.len());
        self.group_index.by_uuid.insert(group.uuid, idx);
        self.orgs[group.org.get()].groups.push(idx);
        self.groups.push(group);
        idx
    }

    /// Removes a group from its org and from every group it was nested in.
    /// Its slot stays (indices are stable) but nothing reaches it any more.
    pub fn delete_group(&mut self, idx: GroupIdx) {
        let (uuid, org) = (self.group(idx).uuid, self.group(idx).org);
        self.group_index.by_uuid.remove(&uuid);
        self.orgs[org.get()].groups.retain(|&g| g != idx);
        for &other in &self.orgs[org.get()].groups {
            self.groups[other.get()].groups.retain(|&g| g != idx);
        }
        let gone = &mut self.groups[idx.get()];
        gone.people = Vec::new();
        gone.groups = Vec::new();
    }

    /// Whether `inner` is `outer` or nested anywhere below it: adding
    /// `outer` to `inner` would then make a cycle.
    pub fn group_contains(&self, outer: GroupIdx, inner: GroupIdx) -> bool {
        outer == inner || self.group(outer).groups.iter().any(|&g| self.group_contains(g, inner))
    }

    /// Drops a person from every group of their org.
    pub(super) fn leave_groups(&mut self, person: PersonIdx, org: OrgIdx) {
        for &g in &self.orgs[org.get()].groups {
            self.groups[g.get()].people.retain(|&p| p != person);
        }
    }
}
