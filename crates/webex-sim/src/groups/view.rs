//! A group as the Groups API shows it (admin spec `GroupResponse`, plus
//! `description` and `usage` as wxc_sdk sees them). Members are people
//! (`type: "user"`) and nested groups (`type: "group"`).

use serde::Serialize;

use crate::clock::iso_ms;
use crate::ids::{self, IdType};
use crate::tenant::{Group, GroupIdx, PersonIdx, Tenant};

/// Most members one response carries (spec: "limited to 500").
pub const MEMBERS_CAP: usize = 500;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupView<'a> {
    id: &'a str,
    display_name: &'a str,
    org_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    created: String,
    last_modified: String,
    member_size: usize,
    usage: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<Vec<MemberView<'a>>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberView<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    display_name: &'a str,
}

/// A member of a group, in the order members are listed: people, then groups.
#[derive(Debug, Clone, Copy)]
pub enum Member {
    Person(PersonIdx),
    Group(GroupIdx),
}

impl<'a> GroupView<'a> {
    /// With `members`: the first `MEMBERS_CAP` of them.
    pub fn new(tenant: &'a Tenant, idx: GroupIdx, with_members: bool) -> GroupView<'a> {
        let members = with_members.then(|| member_page(tenant, idx, 0, MEMBERS_CAP));
        GroupView::with(tenant, idx, members)
    }

    pub fn with(tenant: &'a Tenant, idx: GroupIdx, members: Option<Vec<MemberView<'a>>>) -> GroupView<'a> {
        let group: &'a Group = tenant.group(idx);
        GroupView {
            id: &group.id,
            display_name: &group.display_name,
            org_id: &tenant.org(group.org).id,
            description: group.description.as_deref(),
            created: iso_ms(group.created_ms),
            last_modified: iso_ms(group.modified_ms),
            member_size: group.member_size(),
            usage: group.usage.as_str(),
            members,
        }
    }
}

/// `count` members from position `start` (0-based).
pub fn member_page(tenant: &Tenant, idx: GroupIdx, start: usize, count: usize) -> Vec<MemberView<'_>> {
    let group = tenant.group(idx);
    let people = group.people.iter().map(|&p| Member::Person(p));
    let groups = group.groups.iter().map(|&g| Member::Group(g));
    people.chain(groups).skip(start).take(count).map(|m| member_view(tenant, m)).collect()
}

fn member_view(tenant: &Tenant, member: Member) -> MemberView<'_> {
    match member {
        Member::Person(p) => {
            let person = tenant.person(p);
            MemberView {
                id: ids::encode_uuid(IdType::People, &person.uuid),
                kind: "user",
                display_name: &person.display_name,
            }
        }
        Member::Group(g) => {
            let group = tenant.group(g);
            MemberView { id: group.id.clone(), kind: "group", display_name: &group.display_name }
        }
    }
}
