//! Giving and taking licenses the way Webex does (webex-api.md §3, §4.3;
//! rules T8, T12, C1, C8), shared by `PATCH /v1/licenses/users` and the
//! `licenses` of `POST`/`PUT /v1/people`.
//!
//! Each requested operation succeeds or is refused on its own (best
//! effort); the caller turns the outcome into 200, 206 or 400. Rules:
//! - removals of Screen Share (700006) and Messenger (400118) are refused;
//! - adds are checked against what the person will hold (`conflicts.rs`);
//!   a Professional→Standard or CX Essentials→Standard change in one
//!   request is refused whole (400112, 400410): nothing is removed;
//! - a Calling license for someone without a line needs one (rule C1),
//!   checked against the number inventory;
//! - a unit comes from the oldest subscription of the pool that has one
//!   (rule T12); a person never holds a pool twice (rule T8);
//! - losing the last Calling license releases the line (rule C8).

mod conflicts;
mod refusal;

pub use refusal::Refusal;

use crate::tenant::{LicenseIdx, LicenseKind, LineRequest, PersonIdx, ResolvedLine, Tenant};

/// One license to add, with the Calling properties sent for it.
#[derive(Debug, Clone)]
pub struct Add {
    pub license: LicenseIdx,
    pub line: Option<LineRequest>,
}

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub adds: Vec<Add>,
    pub removes: Vec<LicenseIdx>,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Operations that took effect (or had nothing to do).
    pub succeeded: usize,
    pub refused: Vec<Refusal>,
    /// What changed, for the change log: `+Name`, `-Name`.
    pub summary: Vec<String>,
}

/// Applies what can be applied of `request` to `person` (of the licenses' org).
pub fn apply(tenant: &mut Tenant, person: PersonIdx, request: &Request) -> Outcome {
    let mut outcome = Outcome::default();
    let held: Vec<LicenseKind> = tenant.licenses_of(tenant.person(person)).map(|l| l.kind).collect();
    let kind = |l: LicenseIdx| tenant.license(l).kind;
    let adding: Vec<LicenseKind> = request.adds.iter().map(|a| kind(a.license)).collect();
    let downgrade_from = |k: LicenseKind| adding.contains(&LicenseKind::CallingBasic) && k != LicenseKind::CallingBasic;
    let mut removals = Vec::new();
    let mut removing = Vec::new();
    for &license in &request.removes {
        let k = kind(license);
        if let Some(code) = conflicts::removal_refusal_code(k) {
            outcome.refused.push(Refusal::coded(code, &tenant.license(license).id));
            continue;
        }
        let Some(held_one) = tenant.held_in_pool(person, license) else {
            outcome.succeeded += 1;
            continue;
        };
        removing.push(k);
        // Part of a refused downgrade: it stays (see `conflicts.rs`).
        if matches!(k, LicenseKind::CallingProfessional | LicenseKind::CxEssentials) && downgrade_from(k) {
            continue;
        }
        removals.push(held_one);
    }
    let mut after: Vec<LicenseKind> = held.clone();
    for &r in &removals {
        let k = kind(r);
        after.retain(|&h| h != k);
    }
    let mut grants: Vec<(LicenseIdx, Option<ResolvedLine>)> = Vec::new();
    let had_line = tenant.person(person).calling.is_some();
    for add in &request.adds {
        match check_add(tenant, person, add, &after, &adding, &removing, had_line) {
            Err(refusal) => outcome.refused.push(refusal),
            Ok(None) => outcome.succeeded += 1,
            Ok(Some(grant)) => {
                after.push(kind(add.license));
                grants.push(grant);
            }
        }
    }
    commit(tenant, person, &removals, &grants, &mut outcome);
    outcome
}

/// Ok(None) when the person already holds the service; Ok(Some) with the
/// license that gives the unit (T12) and the line to provision.
fn check_add(
    tenant: &Tenant,
    person: PersonIdx,
    add: &Add,
    after: &[LicenseKind],
    adding: &[LicenseKind],
    removing: &[LicenseKind],
    had_line: bool,
) -> Result<Option<(LicenseIdx, Option<ResolvedLine>)>, Refusal> {
    let license = tenant.license(add.license);
    let holding = conflicts::Holding { after, adding, removing };
    if let Some(code) = conflicts::refusal_code(license.kind, &holding) {
        return Err(Refusal::coded(code, &license.id));
    }
    if tenant.held_in_pool(person, add.license).is_some() {
        return Ok(None);
    }
    let line = match (license.kind.is_calling(), had_line) {
        (true, false) => {
            let request = add.line.clone().unwrap_or_default();
            let org = tenant.person(person).org;
            Some(tenant.check_line(org, &request, Some(person)).map_err(|e| Refusal::calling(&e))?)
        }
        _ => None,
    };
    let source =
        tenant.oldest_with_free_unit(add.license).ok_or_else(|| Refusal::no_units(license.kind.name(), &license.id))?;
    Ok(Some((source, line)))
}

fn commit(
    tenant: &mut Tenant,
    person: PersonIdx,
    removals: &[LicenseIdx],
    grants: &[(LicenseIdx, Option<ResolvedLine>)],
    outcome: &mut Outcome,
) {
    for &license in removals {
        tenant.revoke(person, license);
        outcome.summary.push(format!("-{}", tenant.license(license).kind.name()));
        outcome.succeeded += 1;
    }
    let still_calling = tenant.licenses_of(tenant.person(person)).any(|l| l.kind.is_calling());
    let gets_calling = grants.iter().any(|&(l, _)| tenant.license(l).kind.is_calling());
    if !still_calling && !gets_calling {
        tenant.release_line(person);
    }
    for &(license, line) in grants {
        if let Some(line) = line {
            tenant.provision_line(person, line);
        }
        tenant.grant(person, license);
        outcome.summary.push(format!("+{}", tenant.license(license).kind.name()));
        outcome.succeeded += 1;
    }
}
