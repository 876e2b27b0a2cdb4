//! Calling fixes previewed from the cache (nothing sent): the locations a
//! fix can use with their free numbers, and each asked fix checked the way
//! Webex would check it (C1, C2), so what is kept for `calling_fix_apply`
//! only holds changes Webex can take. The CSV import stores its previews
//! here too (`Core::calling_store_fix_preview`).

use std::collections::{HashMap, HashSet, VecDeque};

use hubdesk_api::{
    ApiError, CallingFix, CallingFixAsk, CallingFixChange, CallingFixPreview, CallingFixSkip, CallingFixSkipReason,
    CallingLocationChoice, ErrorCode,
};
use hubdesk_rules::calling::{calling_license, has_calling, is_e164, is_line_license};
use hubdesk_rules::templates::{NumberFact, PersonFact};

use super::{report_of, CallingFacts};
use crate::features::templates::calling_confirmation;
use crate::Core;

/// The most users one preview may ask for: an org's worth, bounded.
pub const MAX_ASKS: usize = 100_000;
/// Free numbers listed per location; `free_total` says how many in all.
const LISTED_FREE: usize = 200;
/// Previews kept for apply; older ones expire.
const KEPT_PREVIEWS: usize = 8;

/// A preview with what applying it needs.
#[derive(Debug, Clone)]
pub struct KeptFixes {
    pub preview: CallingFixPreview,
    /// The changes came from an edited CSV (the run says so).
    pub imported: bool,
    /// The org's last sync when previewed: a newer sync expires it.
    pub synced_ms: Option<i64>,
}

/// Calling fix previews kept for `calling_fix_apply`, newest last.
#[derive(Default)]
pub struct FixPreviews(std::sync::Mutex<VecDeque<KeptFixes>>);

impl FixPreviews {
    pub(super) fn keep(&self, kept: KeptFixes) {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if list.len() == KEPT_PREVIEWS {
            list.pop_front();
        }
        list.push_back(kept);
    }

    pub(super) fn take(&self, id: &str) -> Option<KeptFixes> {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let at = list.iter().position(|k| k.preview.preview_id == id)?;
        list.remove(at)
    }
}

impl Core {
    /// Every location of the org, Calling-enabled or not, by name, with the
    /// free numbers of its inventory.
    pub fn calling_locations(&self, org_id: &str) -> Result<Vec<CallingLocationChoice>, ApiError> {
        let facts = CallingFacts::load(&self.store, org_id)?;
        let mut free: HashMap<&str, Vec<&str>> = HashMap::new();
        for n in facts.facts.numbers.iter().filter(|n| is_free(n)) {
            free.entry(n.location_id.as_str()).or_default().push(n.phone_number.as_str());
        }
        let calling: HashSet<&str> = facts.facts.calling_locations.iter().map(String::as_str).collect();
        let mut choices: Vec<CallingLocationChoice> = facts
            .locations
            .iter()
            .map(|l| {
                let mut numbers = free.remove(l.id.as_str()).unwrap_or_default();
                numbers.sort_unstable();
                CallingLocationChoice {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    calling_enabled: calling.contains(l.id.as_str()),
                    free_total: numbers.len() as u32,
                    free_numbers: numbers.into_iter().take(LISTED_FREE).map(str::to_owned).collect(),
                }
            })
            .collect();
        choices.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        Ok(choices)
    }

    /// The Calling license an assignment the admin chooses is made with:
    /// Calling Professional, the oldest subscription with units left (T12).
    pub fn calling_fix_license(&self, org_id: &str) -> Result<Option<String>, ApiError> {
        let facts = CallingFacts::load(&self.store, org_id)?;
        Ok(calling_license(&facts.facts).map(|l| l.id.clone()))
    }

    /// What fixing `asks` would send, checked against the cache; kept for
    /// `calling_fix_apply`. Sends nothing.
    pub fn calling_fix_preview(&self, org_id: &str, asks: &[CallingFixAsk]) -> Result<CallingFixPreview, ApiError> {
        if asks.len() > MAX_ASKS {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("At most {MAX_ASKS} users can be fixed at once. Filter the list, then fix it in parts."),
            )
            .with_detail(format!("{} asks", asks.len())));
        }
        let facts = CallingFacts::load(&self.store, org_id)?;
        let (changes, skipped) = Checker::new(&facts).check_all(asks)?;
        self.calling_store_fix_preview(org_id, changes, skipped, false)
    }

    /// Keeps a preview made elsewhere (the CSV import's) for
    /// `calling_fix_apply`, with the C8 confirmation its changes need.
    pub fn calling_store_fix_preview(
        &self,
        org_id: &str,
        changes: Vec<CallingFixChange>,
        skipped: Vec<CallingFixSkip>,
        imported: bool,
    ) -> Result<CallingFixPreview, ApiError> {
        let removals = changes.iter().filter(|c| c.fix.removes_calling()).count() as u32;
        let preview = CallingFixPreview {
            preview_id: uuid::Uuid::new_v4().to_string(),
            org_id: org_id.to_owned(),
            changes,
            skipped,
            calling_confirmation: calling_confirmation(removals),
        };
        let synced_ms = self.store.last_synced_ms(org_id)?;
        self.fix_previews.keep(KeptFixes { preview: preview.clone(), imported, synced_ms });
        Ok(preview)
    }
}

/// Held by no one, as the inventory says.
pub(super) fn is_free(n: &NumberFact) -> bool {
    n.owner.is_none() && n.holder_kind.is_none()
}

/// Checks asks one by one against the cache and the asks before them.
struct Checker<'a> {
    facts: &'a CallingFacts,
    people: HashMap<&'a str, &'a PersonFact>,
    report: HashMap<String, (Option<hubdesk_api::CallingReason>, Option<CallingFix>)>,
    numbers: HashMap<&'a str, &'a NumberFact>,
    calling_locations: HashSet<&'a str>,
    lines: HashSet<&'a str>,
    seen: HashSet<String>,
    /// Numbers given by an earlier ask of this preview.
    claimed: HashSet<String>,
}

impl<'a> Checker<'a> {
    fn new(facts: &'a CallingFacts) -> Checker<'a> {
        let f = &facts.facts;
        let report = report_of(facts);
        let mut by_user: HashMap<String, (Option<hubdesk_api::CallingReason>, Option<CallingFix>)> = HashMap::new();
        for u in report.users {
            by_user.insert(u.person_id, (Some(u.reason), u.suggested_fix));
        }
        for m in report.mismatches {
            by_user.insert(m.person_id, (None, m.suggested_fix));
        }
        let lines = f.licenses.iter().filter(|l| is_line_license(&l.name)).map(|l| l.id.as_str()).collect();
        Checker {
            facts,
            people: f.people.iter().map(|p| (p.id.as_str(), p)).collect(),
            report: by_user,
            numbers: f.numbers.iter().map(|n| (n.phone_number.as_str(), n)).collect(),
            calling_locations: f.calling_locations.iter().map(String::as_str).collect(),
            lines,
            seen: HashSet::new(),
            claimed: HashSet::new(),
        }
    }

    fn check_all(mut self, asks: &[CallingFixAsk]) -> Result<(Vec<CallingFixChange>, Vec<CallingFixSkip>), ApiError> {
        let (mut changes, mut skipped) = (Vec::new(), Vec::new());
        for ask in asks {
            match self.check(ask)? {
                Ok(change) => changes.push(change),
                Err(skip) => skipped.push(skip),
            }
        }
        Ok((changes, skipped))
    }

    fn check(&mut self, ask: &CallingFixAsk) -> Result<Result<CallingFixChange, CallingFixSkip>, ApiError> {
        let skip =
            |email: &str, why| Ok(Err(CallingFixSkip { person_id: ask.person_id.clone(), email: email.into(), why }));
        let Some(person) = self.people.get(ask.person_id.as_str()).copied() else {
            return skip("", CallingFixSkipReason::UnknownUser);
        };
        if !self.seen.insert(person.id.clone()) {
            return skip(&person.email, CallingFixSkipReason::Duplicate);
        }
        let (reason, suggested) = self.report.get(&person.id).cloned().unwrap_or((None, None));
        let Some(fix) = ask.fix.clone().or(suggested) else {
            return skip(&person.email, CallingFixSkipReason::NoSuggestion);
        };
        let provisioned = has_calling(&self.facts.facts, person);
        let work = person.work_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let location = match &fix {
            CallingFix::SetWorkNumber { number } => {
                if !is_e164(number) {
                    return skip(&person.email, CallingFixSkipReason::NotE164);
                }
                if provisioned {
                    // C7: the directory number of a Calling user changes nothing in Calling.
                    return skip(&person.email, CallingFixSkipReason::HasCalling);
                }
                if work == Some(number.as_str()) {
                    return skip(&person.email, CallingFixSkipReason::Unchanged);
                }
                None
            }
            CallingFix::AssignCalling { license_id, location_id, phone_number, extension } => {
                self.license(license_id)?;
                if provisioned {
                    return skip(&person.email, CallingFixSkipReason::HasCalling);
                }
                if let Some(why) = self.unusable(location_id, phone_number.as_deref(), extension.as_deref()) {
                    return skip(&person.email, why);
                }
                Some(location_id)
            }
            CallingFix::Reprovision { license_id, location_id, phone_number } => {
                self.license(license_id)?;
                if !provisioned {
                    return skip(&person.email, CallingFixSkipReason::NoSuggestion);
                }
                if self.held_by(&person.id) == Some(phone_number.as_str()) {
                    return skip(&person.email, CallingFixSkipReason::Unchanged);
                }
                if let Some(why) = self.unusable(location_id, Some(phone_number), None) {
                    return skip(&person.email, why);
                }
                Some(location_id)
            }
        };
        let location_name =
            location.and_then(|id| self.facts.locations.iter().find(|l| &l.id == id)).map(|l| l.name.clone());
        Ok(Ok(CallingFixChange {
            person_id: person.id.clone(),
            email: person.email.clone(),
            display_name: person.display_name.clone(),
            reason,
            work_number: person.work_number.clone(),
            fix,
            location_name,
        }))
    }

    /// A fix names a Calling license of the org, or the ask is wrong.
    fn license(&self, id: &str) -> Result<(), ApiError> {
        match self.lines.contains(id) {
            true => Ok(()),
            false => Err(ApiError::new(
                ErrorCode::InvalidInput,
                "A fix names a license that is not a Calling license of this organization. Sync, then preview again.",
            )
            .with_detail(format!("license {id}"))),
        }
    }

    /// The number the user holds in the inventory (their Calling number).
    fn held_by(&self, person_id: &str) -> Option<&str> {
        let numbers = &self.facts.facts.numbers;
        numbers.iter().find(|n| n.holder_id.as_deref() == Some(person_id)).map(|n| n.phone_number.as_str())
    }

    /// C1, C2: the location is enabled for Calling and the number is
    /// E.164, in its inventory, free and not given by an earlier ask.
    fn unusable(
        &mut self,
        location_id: &str,
        number: Option<&str>,
        extension: Option<&str>,
    ) -> Option<CallingFixSkipReason> {
        if !self.calling_locations.contains(location_id) {
            return Some(CallingFixSkipReason::NumberNotUsable);
        }
        let extension_ok =
            extension.is_some_and(|x| (2..=10).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit()));
        match number {
            None if extension_ok => None,
            None => Some(CallingFixSkipReason::NumberNotUsable),
            Some(n) if !is_e164(n) => Some(CallingFixSkipReason::NotE164),
            Some(n) => {
                let usable = self.numbers.get(n).is_some_and(|f| f.location_id == location_id && is_free(f));
                match usable && self.claimed.insert(n.to_owned()) {
                    true => None,
                    false => Some(CallingFixSkipReason::NumberNotUsable),
                }
            }
        }
    }
}
