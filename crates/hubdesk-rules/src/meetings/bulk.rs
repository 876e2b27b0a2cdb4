//! Session types for many users on one site (S1, S2): from the site's
//! types, the change wanted and each user's current set, the whole new set
//! each user gets (the PUT replaces the set, S2) and what they gain and
//! lose. Users whose set would not change are skipped and counted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::SessionType;
use super::{is_free, resolve_types};

/// What the admin wants done to everyone's set on the site. Types are ids
/// or short names of the site's types.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "mode")]
pub enum TypesChange {
    /// Everyone ends with exactly these types.
    Exact { types: Vec<String> },
    /// These are added to and removed from each user's own set; the rest
    /// of the set is kept.
    Change { add: Vec<String>, remove: Vec<String> },
}

/// One user as the plan needs them: who, and their set as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentSet {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    /// Ids of the types the user has on the site now.
    pub current: Vec<String>,
}

/// One user's change: the whole set to send and its difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserTypesChange {
    pub person_id: String,
    pub email: String,
    pub display_name: String,
    pub site_url: String,
    /// Ids held when read, in the site's order.
    pub before: Vec<String>,
    /// The whole set sent (S2), in the site's order.
    pub after: Vec<String>,
    pub gains: Vec<String>,
    pub loses: Vec<String>,
}

/// How many users gain and lose one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TypeCount {
    pub id: String,
    pub gained_by: u32,
    pub lost_by: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkPlan {
    pub site_url: String,
    /// Only users whose set changes.
    pub changes: Vec<UserTypesChange>,
    /// Users whose set already is what the change makes it: nothing sent.
    pub unchanged: u32,
    /// Per type of the site, in its order: who gains it, who loses it.
    pub per_type: Vec<TypeCount>,
    /// Users the change leaves with no paid type (S1: they would be cut at
    /// 40 minutes), so the preview can warn.
    pub left_free_only: u32,
}

/// The change with its types resolved to the site's ids; the first type the
/// site does not offer is the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedChange {
    Exact(Vec<String>),
    Change { add: Vec<String>, remove: Vec<String> },
}

impl TypesChange {
    pub fn resolve(&self, site_types: &[SessionType]) -> Result<ResolvedChange, String> {
        match self {
            TypesChange::Exact { types } => Ok(ResolvedChange::Exact(resolve_types(site_types, types)?)),
            TypesChange::Change { add, remove } => {
                let (add, remove) = (resolve_types(site_types, add)?, resolve_types(site_types, remove)?);
                match add.iter().find(|id| remove.contains(id)) {
                    Some(both) => Err(format!("{both} (both added and removed)")),
                    None => Ok(ResolvedChange::Change { add, remove }),
                }
            }
        }
    }

    /// Nothing asked: no type added or removed (an exact empty set is a
    /// real request: every type off).
    pub fn is_empty(&self) -> bool {
        matches!(self, TypesChange::Change { add, remove } if add.is_empty() && remove.is_empty())
    }
}

/// The whole new set for one user's `current` set, in the site's order.
/// Ids the site no longer lists are kept where the change keeps the rest.
pub fn new_set(site_types: &[SessionType], change: &ResolvedChange, current: &[String]) -> Vec<String> {
    let wanted = |id: &str| match change {
        ResolvedChange::Exact(ids) => ids.iter().any(|i| i == id),
        ResolvedChange::Change { add, remove } => {
            !remove.iter().any(|i| i == id) && (add.iter().any(|i| i == id) || current.iter().any(|i| i == id))
        }
    };
    let mut set: Vec<String> = site_types.iter().map(|t| t.id.clone()).filter(|id| wanted(id)).collect();
    if let ResolvedChange::Change { remove, .. } = change {
        let unlisted = current.iter().filter(|id| !site_types.iter().any(|t| &t.id == *id) && !remove.contains(id));
        set.extend(unlisted.cloned());
    }
    set
}

/// The plan for every user (S2: each gets the whole set, sent once).
pub fn plan_bulk(
    site_url: &str,
    site_types: &[SessionType],
    change: &ResolvedChange,
    users: &[CurrentSet],
) -> BulkPlan {
    let mut per_type: Vec<TypeCount> =
        site_types.iter().map(|t| TypeCount { id: t.id.clone(), gained_by: 0, lost_by: 0 }).collect();
    let mut plan =
        BulkPlan { site_url: site_url.to_owned(), changes: vec![], unchanged: 0, per_type: vec![], left_free_only: 0 };
    for user in users {
        let after = new_set(site_types, change, &user.current);
        let gains: Vec<String> = after.iter().filter(|id| !user.current.contains(id)).cloned().collect();
        let loses: Vec<String> = in_site_order(site_types, &user.current).filter(|id| !after.contains(id)).collect();
        if gains.is_empty() && loses.is_empty() {
            plan.unchanged += 1;
            continue;
        }
        for count in per_type.iter_mut() {
            count.gained_by += u32::from(gains.contains(&count.id));
            count.lost_by += u32::from(loses.contains(&count.id));
        }
        let paid_left = site_types.iter().any(|t| !is_free(t) && after.contains(&t.id));
        plan.left_free_only += u32::from(!paid_left);
        plan.changes.push(UserTypesChange {
            person_id: user.person_id.clone(),
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            site_url: site_url.to_owned(),
            before: in_site_order(site_types, &user.current).collect(),
            after,
            gains,
            loses,
        });
    }
    plan.per_type = per_type;
    plan
}

/// Whether two sets hold the same types, whatever their order: a resumed
/// entry whose set already is the wanted one is done (S2 replaced it).
pub fn same_set(a: &[String], b: &[String]) -> bool {
    a.iter().all(|id| b.contains(id)) && b.iter().all(|id| a.contains(id))
}

/// `ids` in the site's order, then any the site does not list.
fn in_site_order<'a>(site_types: &'a [SessionType], ids: &'a [String]) -> impl Iterator<Item = String> + 'a {
    let listed = site_types.iter().filter(|t| ids.contains(&t.id)).map(|t| t.id.clone());
    let unlisted = ids.iter().filter(|id| !site_types.iter().any(|t| &t.id == *id)).cloned();
    listed.chain(unlisted)
}
