//! License-template previews: `rules::templates::plan`
//! on an org of 100,000 users, 200 groups (each user in 1–3 direct
//! groups), 50 licenses (several subscriptions per pool, five Meetings
//! sites) and 200 group templates. Budget: 300 ms for saving a template
//! with "existing users" and preserve off.
//!
//!   cargo bench -p hubdesk-rules --bench templates_preview
//!
//! Generating the facts is not timed. Each case runs once to warm up, then
//! ten times; median and p95 are printed. Besides the budgeted case (one
//! group's template, its ~1,000 direct members, with the 100k-user org
//! around them), two worst cases touch every user: an org template saved
//! for everyone, and every user moving groups at once (T7, preserve off).

use std::hint::black_box;
use std::time::{Duration, Instant};

use hubdesk_rules::templates::{
    plan, Action, AssignmentMode, GroupFact, GroupMove, GroupUsage, LicenseFact, MeetingAccount, MeetingEntry,
    NumberFact, OrgFacts, PersonFact, PlanRequest, Template,
};

const USERS: usize = 100_000;
const GROUPS: usize = 200;
const SITES: [&str; 5] = ["hq.webex.com", "emea.webex.com", "apac.webex.com", "us.webex.com", "labs.webex.com"];
const FIRST: &[&str] = &["Anders", "Søren", "Mette", "Åsa", "Björn", "Zoé", "Élodie", "Jack", "Olivia", "Mathis"];
const LAST: &[&str] = &["Jensen", "Ødegård", "Lefèvre", "Björk", "Smith", "Nielsen", "Dubois", "Andersson"];

/// A small deterministic generator (xorshift64*): the same org every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

fn license(id: String, name: &str, sub: Option<usize>, site: Option<&str>, total: i64, used: i64) -> LicenseFact {
    LicenseFact {
        id,
        name: name.into(),
        subscription_id: sub.map(|s| format!("Sub-{s}")),
        site_url: site.map(Into::into),
        total_units: total,
        consumed_units: used,
    }
}

/// 50 licenses: 3 free, 22 paid in 8 pools of 2–4 subscriptions, 15
/// Meetings licenses (5 sites × 3 subscriptions), 10 other services.
fn licenses() -> Vec<LicenseFact> {
    let mut all = vec![
        license("MSG".into(), "Messaging", None, None, 200_000, 90_000),
        license("SS".into(), "Screen Share", None, None, 200_000, 90_000),
        license("BMT".into(), "Basic Meetings", None, None, 200_000, 60_000),
    ];
    let paid = [
        ("Advanced Messaging", 3),
        ("Webex Calling - Professional", 4),
        ("Webex Calling - Basic", 3),
        ("Customer Experience - Essential", 2),
        ("Webex Attendant Console", 2),
        ("Webex Calling - Workspaces", 2),
        ("Contact Center Premium Agent", 3),
        ("Contact Center Standard Agent", 3),
    ];
    for (name, subs) in paid {
        for sub in 0..subs {
            // Older subscriptions nearly used up; the newest has room, but not for everyone.
            let (total, used) = if sub + 1 < subs { (8_000, 7_990) } else { (12_000, 3_000) };
            all.push(license(format!("{name}#{sub}"), name, Some(sub), None, total, used));
        }
    }
    for site in SITES {
        for sub in 0..3 {
            all.push(license(
                format!("MTG-{site}#{sub}"),
                "Meeting - Webex Meeting Center",
                Some(sub),
                Some(site),
                3_000,
                2_500,
            ));
        }
    }
    for name in ["Hybrid Calendar", "Webex Assistant", "Slido", "Vidcast", "Webex Webinars"] {
        for sub in 0..2 {
            all.push(license(format!("{name}#{sub}"), name, Some(sub), None, 50_000, 10_000));
        }
    }
    assert_eq!(all.len(), 50);
    all
}

/// Pools a template may name: every user license's oldest id.
fn template_choices(licenses: &[LicenseFact]) -> Vec<String> {
    let mut choices: Vec<String> = Vec::new();
    for l in licenses.iter().filter(|l| l.site_url.is_none() && !l.name.contains("Workspaces")) {
        if !choices.iter().any(|c| licenses.iter().any(|o| &o.id == c && o.name == l.name)) {
            choices.push(l.id.clone());
        }
    }
    choices
}

fn template(rng: &mut Rng, id: String, group: Option<String>, choices: &[String]) -> Template {
    let mut chosen = vec!["MSG".to_string()];
    for _ in 0..1 + rng.below(4) {
        let pick = &choices[rng.below(choices.len())];
        if !chosen.contains(pick) {
            chosen.push(pick.clone());
        }
    }
    let site = SITES[rng.below(SITES.len())];
    let account = match rng.below(3) {
        0 => MeetingAccount::Attendee,
        _ => MeetingAccount::Host { license_id: format!("MTG-{site}#0") },
    };
    let name = format!("Template {id}");
    Template {
        id,
        name,
        group_id: group,
        licenses: chosen,
        meetings: vec![MeetingEntry { site_url: site.into(), account }],
    }
}

fn person(rng: &mut Rng, i: usize, licenses: &[LicenseFact]) -> PersonFact {
    let groups: Vec<String> = (0..1 + rng.below(3)).map(|_| format!("g{}", rng.below(GROUPS))).collect();
    let mut held = vec!["MSG".to_string(), "SS".to_string()];
    for _ in 0..rng.below(4) {
        let l = &licenses[3 + rng.below(licenses.len() - 3)];
        let same_pool =
            |h: &String| licenses.iter().any(|o| &o.id == h && o.name == l.name && o.site_url == l.site_url);
        if !held.iter().any(same_pool) {
            held.push(l.id.clone());
        }
    }
    let has_calling_line =
        held.iter().any(|h| h.starts_with("Webex Calling - P") || h.starts_with("Webex Calling - B"));
    let work_number = match rng.below(10) {
        0 => None,
        1 => Some(format!("0{:08}", i)),
        _ => Some(format!("+4533{:06}", i)),
    };
    PersonFact {
        id: format!("person-{i:06}"),
        email: format!("user{i}@example.com"),
        display_name: format!("{} {} {i}", FIRST[rng.below(FIRST.len())], LAST[rng.below(LAST.len())]),
        active: rng.below(20) != 0,
        licenses: held,
        attendee_sites: if rng.below(20) == 0 { vec![SITES[rng.below(SITES.len())].into()] } else { Vec::new() },
        admin_sites: Vec::new(),
        groups,
        work_number,
        has_calling_line,
        created_with_licenses: false,
    }
}

fn org() -> (OrgFacts, Vec<Template>, Template) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let licenses = licenses();
    let choices = template_choices(&licenses);
    let people: Vec<PersonFact> = (0..USERS).map(|i| person(&mut rng, i, &licenses)).collect();
    let numbers = (0..USERS)
        .map(|i| NumberFact {
            phone_number: format!("+4533{i:06}"),
            location_id: format!("loc-{}", i % 5),
            owner: (i % 13 == 0).then(|| format!("Service {i}")),
            holder_kind: None,
            holder_id: None,
        })
        .collect();
    let groups = (0..GROUPS)
        .map(|g| GroupFact { id: format!("g{g}"), name: format!("Group {g}"), usage: GroupUsage::Security })
        .collect();
    let templates = (0..GROUPS).map(|g| template(&mut rng, format!("t{g}"), Some(format!("g{g}")), &choices)).collect();
    let org_template = template(&mut rng, "org".into(), None, &choices);
    let facts = OrgFacts {
        subscription_order: (0..4).map(|s| format!("Sub-{s}")).collect(),
        licenses,
        groups,
        people,
        numbers,
        calling_locations: (0..4).map(|l| format!("loc-{l}")).collect(),
        attendee_sites: SITES.iter().map(|s| s.to_string()).collect(),
    };
    (facts, templates, org_template)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1).min(sorted.len() - 1)]
}

fn time(label: &str, request: &PlanRequest, facts: &OrgFacts) {
    let warm = plan(request, facts);
    let mut runs: Vec<Duration> = (0..10)
        .map(|_| {
            let start = Instant::now();
            let preview = black_box(plan(black_box(request), black_box(facts)));
            let elapsed = start.elapsed();
            // Freeing a million strings is not the preview's time.
            drop(preview);
            elapsed
        })
        .collect();
    runs.sort();
    let t = &warm.totals;
    println!(
        "{label:<44} median {:>7.1?}  p95 {:>7.1?}   (in scope {}, changed {}, +{} −{}, no number {}, short {})",
        percentile(&runs, 0.5),
        percentile(&runs, 0.95),
        t.users_in_scope,
        t.users_changed,
        t.licenses_added,
        t.licenses_removed,
        t.needs_number,
        t.no_units_left,
    );
}

fn main() {
    let (facts, templates, org_template) = org();
    let save =
        |id: &str| Action::Save { template_id: id.into(), previous: None, existing_users: true, preserve: false };
    let group = |action| PlanRequest {
        mode: AssignmentMode::Group,
        templates: templates.clone(),
        action,
        group_transition_preserve: false,
        grants: Vec::new(),
    };
    println!("templates_preview: {USERS} users, {GROUPS} groups, {} licenses", facts.licenses.len());
    time("group save, existing users, preserve off", &group(save("t7")), &facts);
    let moves = facts.people.iter().map(|p| GroupMove { person_id: p.id.clone(), from: Vec::new() }).collect();
    time("group moves of every user, preserve off", &group(Action::GroupMoves { moves }), &facts);
    let org = PlanRequest {
        mode: AssignmentMode::Org,
        templates: vec![org_template],
        action: save("org"),
        group_transition_preserve: false,
        grants: Vec::new(),
    };
    time("org save, existing users, preserve off", &org, &facts);
}
