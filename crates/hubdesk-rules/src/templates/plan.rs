//! The plan: who is in scope for an action, and what each of them gains
//! and loses (T2–T16, C1–C8).

use super::catalog::{Bits, Catalog, Compiled};
use super::hash::FastMap;
use super::model::{Action, AssignmentMode, OrgFacts, PersonFact, Plan, PlanRequest, Template};
use super::planner::{Planner, Removal, Work};

/// The exact preview of `request`. Users are worked out in the order of
/// `Plan.users` (display name, then id): units (T12) and free numbers (C2)
/// go to the first who asks, so applying the users in that order gives
/// what the preview shows.
///
/// `roles` lists changes of the attendee role only (added, removed, or
/// turned into host); a host role comes and goes with its Meetings
/// license, listed in `add`/`remove`. `LicenseUse.short_by` counts every
/// unit wanted and missing, host units that ended as an attendee role (T9)
/// included; `totals.no_units_left` counts the `NoUnitsLeft` issues.
///
/// T6 looks back at `grants`, which name licenses: an attendee role
/// dropped from a template is not taken back from anyone.
pub fn plan(request: &PlanRequest, facts: &OrgFacts) -> Plan {
    let catalog = Catalog::new(facts);
    let templates = Applicable::new(&catalog, request);
    let mut scope = Scope::new(facts);
    match &request.action {
        Action::Save { template_id, previous, existing_users, preserve } => {
            scope.save(request, &templates, template_id, *existing_users, *preserve);
            if let (Some(previous), false) = (previous, preserve) {
                let removed = templates.removed_since(previous, template_id);
                scope.granted(request, &catalog, template_id, Some(&removed));
            }
        }
        Action::Delete { template, preserve: false } => scope.granted(request, &catalog, &template.id, None),
        Action::Delete { preserve: true, .. } => {}
        Action::NewUsers { person_ids } => scope.new_users(person_ids, &templates),
        Action::GroupMoves { moves } if request.mode == AssignmentMode::Group => {
            let removal = if request.group_transition_preserve { Removal::Keep } else { Removal::OutsideTarget };
            for moved in moves {
                if let Some(person) = scope.person(&moved.person_id) {
                    scope.add(person, Work { add: true, removal: removal.clone(), leave_alone: false });
                }
            }
        }
        // T7 is about groups: under an org template a group move changes nothing.
        Action::GroupMoves { .. } => {}
    }
    let mut planner = Planner::new(&catalog);
    for (person, work) in scope.sorted() {
        let person = &facts.people[person as usize];
        templates.fill_target(person, &mut planner.target, &mut planner.target_attendee);
        planner.run(person, &work);
    }
    planner.finish()
}

/// The templates of the request's mode (a template of the other mode is
/// being deleted by T1 and applies to nobody), compiled.
struct Applicable<'r> {
    catalog: &'r Catalog<'r>,
    compiled: Vec<Compiled>,
    ids: Vec<&'r str>,
    org: Option<usize>,
    by_group: FastMap<&'r str, usize>,
    group_of: Vec<Option<&'r str>>,
}

impl<'r> Applicable<'r> {
    fn new(catalog: &'r Catalog<'r>, request: &'r PlanRequest) -> Applicable<'r> {
        let deleted = match &request.action {
            Action::Delete { template, .. } => Some(template.id.as_str()),
            _ => None,
        };
        let mut applicable = Applicable {
            catalog,
            compiled: Vec::new(),
            ids: Vec::new(),
            org: None,
            by_group: FastMap::default(),
            group_of: Vec::new(),
        };
        for template in &request.templates {
            if Some(template.id.as_str()) == deleted {
                continue;
            }
            let i = applicable.compiled.len();
            match (request.mode, template.group_id.as_deref()) {
                (AssignmentMode::Org, None) => _ = applicable.org.get_or_insert(i),
                (AssignmentMode::Group, Some(group)) => _ = applicable.by_group.entry(group).or_insert(i),
                _ => continue,
            }
            applicable.compiled.push(catalog.compile(template));
            applicable.ids.push(&template.id);
            applicable.group_of.push(template.group_id.as_deref());
        }
        applicable
    }

    fn index(&self, template_id: &str) -> Option<usize> {
        self.ids.iter().position(|&id| id == template_id)
    }

    /// T8 (and T3: direct groups only): the union of the user's templates.
    fn fill_target(&self, person: &PersonFact, pools: &mut Bits, attendee: &mut Bits) {
        pools.clear();
        attendee.clear();
        let mut apply = |i: usize| {
            let compiled = &self.compiled[i];
            compiled.pools.iter().for_each(|&p| pools.insert(p));
            compiled.attendee.iter().for_each(|&s| attendee.insert(s));
        };
        match self.org {
            Some(org) => apply(org),
            None => person.groups.iter().filter_map(|g| self.by_group.get(g.as_str())).for_each(|&i| apply(i)),
        }
    }

    /// T6: the pools `previous` gave that the saved template no longer gives.
    fn removed_since(&self, previous: &Template, template_id: &str) -> Bits {
        let mut removed = Bits::with_len(self.catalog.pools.len());
        self.catalog.compile(previous).pools.iter().for_each(|&p| removed.insert(p));
        if let Some(i) = self.index(template_id) {
            self.compiled[i].pools.iter().for_each(|&p| removed.remove(p));
        }
        removed
    }
}

/// Who is in scope, with what may happen to them.
struct Scope<'f> {
    facts: &'f OrgFacts,
    work: Vec<Option<Work>>,
    by_id: Option<FastMap<&'f str, u32>>,
}

impl<'f> Scope<'f> {
    fn new(facts: &'f OrgFacts) -> Scope<'f> {
        Scope { facts, work: vec![None; facts.people.len()], by_id: None }
    }

    fn person(&mut self, id: &str) -> Option<u32> {
        let people = &self.facts.people;
        let by_id = self
            .by_id
            .get_or_insert_with(|| people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i as u32)).collect());
        by_id.get(id).copied()
    }

    /// The first work given to a person stands.
    fn add(&mut self, person: u32, work: Work) {
        self.work[person as usize].get_or_insert(work);
    }

    /// T4, T5: with `existing_users`, everyone the template covers (the org
    /// template: everyone; a group's: its direct members, T3).
    fn save(&mut self, request: &PlanRequest, templates: &Applicable, id: &str, existing: bool, preserve: bool) {
        let Some(i) = templates.index(id).filter(|_| existing) else { return };
        let removal = if preserve { Removal::Keep } else { Removal::OutsideTarget };
        let group = templates.group_of[i];
        for (person, fact) in self.facts.people.iter().enumerate() {
            let covered = match (request.mode, group) {
                (AssignmentMode::Org, _) => true,
                (AssignmentMode::Group, Some(group)) => fact.groups.iter().any(|g| g == group),
                (AssignmentMode::Group, None) => false,
            };
            if covered {
                self.add(person as u32, Work { add: true, removal: removal.clone(), leave_alone: false });
            }
        }
    }

    /// T6: users the grants say `template_id` licensed lose those licenses
    /// (only the pools in `only`, when given), unless another of their
    /// templates still gives them.
    fn granted(&mut self, request: &PlanRequest, catalog: &Catalog, template_id: &str, only: Option<&Bits>) {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for grant in request.grants.iter().filter(|g| g.template_id == template_id) {
            let Some(license) = catalog.license(&grant.license_id) else { continue };
            let pool = catalog.license_pool[license as usize];
            if only.is_none_or(|only| only.contains(pool)) {
                if let Some(person) = self.person(&grant.person_id) {
                    pairs.push((person, pool));
                }
            }
        }
        pairs.sort_unstable();
        for chunk in pairs.chunk_by(|a, b| a.0 == b.0) {
            let mut pools = Bits::with_len(catalog.pools.len());
            chunk.iter().for_each(|&(_, pool)| pools.insert(pool));
            self.add(chunk[0].0, Work { add: false, removal: Removal::Only(pools), leave_alone: false });
        }
    }

    /// T2, T3: new users get their templates; T13: under an org template,
    /// users created with explicit licenses are left alone.
    fn new_users(&mut self, person_ids: &[String], templates: &Applicable) {
        for id in person_ids {
            let Some(person) = self.person(id) else { continue };
            let explicit = self.facts.people[person as usize].created_with_licenses;
            let leave_alone = templates.org.is_some() && explicit;
            self.add(person, Work { add: true, removal: Removal::Keep, leave_alone });
        }
    }

    /// The people in scope, by display name (any case), then id.
    fn sorted(self) -> Vec<(u32, Work)> {
        let people = &self.facts.people;
        let mut scope: Vec<(u32, Work)> =
            self.work.into_iter().enumerate().filter_map(|(i, w)| w.map(|w| (i as u32, w))).collect();
        scope.sort_by_cached_key(|(i, _)| {
            let person = &people[*i as usize];
            (person.display_name.to_lowercase(), person.id.as_str())
        });
        scope
    }
}
