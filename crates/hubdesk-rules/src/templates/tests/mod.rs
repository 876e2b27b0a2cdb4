//! Tests of the template rules, one per rule (T1–T18, C1–C8), on one
//! fixture org: `Org::new()`.

mod calling;
mod meetings;
mod output;
mod scope;
mod units;
mod validate;

use super::*;

/// Site with the attendee feature; `B` has none.
pub const SITE_A: &str = "a.webex.com";
pub const SITE_B: &str = "b.webex.com";
pub const FREE_NUMBER: &str = "+4533000001";
pub const FREE_NUMBER_2: &str = "+4533000002";
/// In the inventory, held by a workspace.
pub const TAKEN_NUMBER: &str = "+4533000099";
/// In the inventory of a location not enabled for Calling.
pub const OFF_NUMBER: &str = "+4570000001";

/// The fixture org: every license kind, two subscriptions (S1 older than
/// S2) sharing the Professional and site A pools, three groups, a Calling
/// location with free numbers and one that is not enabled.
pub struct Org {
    pub facts: OrgFacts,
    pub mode: AssignmentMode,
    pub templates: Vec<Template>,
    pub grants: Vec<Grant>,
    pub group_transition_preserve: bool,
}

impl Org {
    pub fn new() -> Org {
        let mut org = Org {
            facts: OrgFacts::default(),
            mode: AssignmentMode::Group,
            templates: Vec::new(),
            grants: Vec::new(),
            group_transition_preserve: true,
        };
        for (id, name) in [("MSG", "Messaging"), ("SS", "Screen Share"), ("BMT", "Basic Meetings")] {
            org.license(id, name, None, None, 1000, 0);
        }
        for (id, name, sub, site, total) in [
            ("ADV", "Advanced Messaging", "S1", None, 50),
            ("PRO-1", "Webex Calling - Professional", "S1", None, 10),
            ("PRO-2", "Webex Calling - Professional", "S2", None, 10),
            ("STD", "Webex Calling - Basic", "S1", None, 10),
            ("CXE", "Customer Experience - Essential", "S1", None, 10),
            ("AC", "Webex Attendant Console", "S1", None, 10),
            ("WS", "Webex Calling - Workspaces", "S1", None, 10),
            ("CCP", "Contact Center Premium Agent", "S1", None, 10),
            ("CCS", "Contact Center Standard Agent", "S1", None, 10),
            ("MTG-A1", "Meeting - Webex Meeting Center", "S1", Some(SITE_A), 10),
            ("MTG-A2", "Meeting - Webex Meeting Center", "S2", Some(SITE_A), 10),
            ("MTG-B", "Meeting - Webex Meeting Center", "S2", Some(SITE_B), 10),
        ] {
            org.license(id, name, Some(sub), site, total, 0);
        }
        org.facts.subscription_order = vec!["S1".into(), "S2".into()];
        org.facts.groups = vec![
            GroupFact { id: "sales".into(), name: "Sales".into(), usage: GroupUsage::Security },
            GroupFact { id: "eng".into(), name: "Engineering".into(), usage: GroupUsage::Security },
            GroupFact { id: "news".into(), name: "Newsletter".into(), usage: GroupUsage::Distribution },
        ];
        org.facts.calling_locations = vec!["cph".into()];
        org.facts.attendee_sites = vec![SITE_A.into()];
        for n in 1..=9 {
            org.number(&format!("+453300000{n}"), "cph", None);
        }
        org.number(TAKEN_NUMBER, "cph", Some("Lobby phone"));
        org.number(OFF_NUMBER, "aarhus", None);
        org
    }

    pub fn license(&mut self, id: &str, name: &str, sub: Option<&str>, site: Option<&str>, total: i64, used: i64) {
        self.facts.licenses.retain(|l| l.id != id);
        self.facts.licenses.push(LicenseFact {
            id: id.into(),
            name: name.into(),
            subscription_id: sub.map(Into::into),
            site_url: site.map(Into::into),
            total_units: total,
            consumed_units: used,
        });
    }

    /// Sets a license's units.
    pub fn units(&mut self, id: &str, total: i64, consumed: i64) {
        let license = self.facts.licenses.iter_mut().find(|l| l.id == id).expect("fixture license");
        license.total_units = total;
        license.consumed_units = consumed;
    }

    pub fn number(&mut self, number: &str, location: &str, owner: Option<&str>) {
        self.facts.numbers.push(NumberFact {
            phone_number: number.into(),
            location_id: location.into(),
            owner: owner.map(Into::into),
            holder_kind: None,
            holder_id: None,
        });
    }

    /// An active user `id` named `name`, in no group, holding nothing.
    pub fn person(&mut self, id: &str, name: &str) -> &mut PersonFact {
        self.facts.people.push(PersonFact {
            id: id.into(),
            email: format!("{id}@example.com"),
            display_name: name.into(),
            active: true,
            ..Default::default()
        });
        self.facts.people.last_mut().expect("just pushed")
    }

    pub fn template(&mut self, template: Template) -> &mut Org {
        self.templates.push(template);
        self
    }

    pub fn grant(&mut self, person: &str, license: &str, template: &str) {
        self.grants.push(Grant { person_id: person.into(), license_id: license.into(), template_id: template.into() });
    }

    pub fn plan(&self, action: Action) -> Plan {
        let request = PlanRequest {
            mode: self.mode,
            templates: self.templates.clone(),
            action,
            group_transition_preserve: self.group_transition_preserve,
            grants: self.grants.clone(),
        };
        plan(&request, &self.facts)
    }

    pub fn save(&self, template_id: &str, existing_users: bool, preserve: bool) -> Plan {
        self.plan(Action::Save { template_id: template_id.into(), previous: None, existing_users, preserve })
    }

    pub fn new_users(&self, ids: &[&str]) -> Plan {
        self.plan(Action::NewUsers { person_ids: ids.iter().map(|s| s.to_string()).collect() })
    }

    pub fn validate(&self, template: &Template) -> Result<(), TemplateError> {
        validate(template, self.mode, &self.templates, &self.facts)
    }
}

/// Fixture helpers for people.
pub trait Setup {
    fn groups(&mut self, groups: &[&str]) -> &mut Self;
    fn holds(&mut self, licenses: &[&str]) -> &mut Self;
    fn work_number(&mut self, number: &str) -> &mut Self;
    fn with_line(&mut self) -> &mut Self;
}

impl Setup for PersonFact {
    fn groups(&mut self, groups: &[&str]) -> &mut Self {
        self.groups = groups.iter().map(|s| s.to_string()).collect();
        self
    }

    fn holds(&mut self, licenses: &[&str]) -> &mut Self {
        self.licenses = licenses.iter().map(|s| s.to_string()).collect();
        self
    }

    fn work_number(&mut self, number: &str) -> &mut Self {
        self.work_number = Some(number.into());
        self
    }

    fn with_line(&mut self) -> &mut Self {
        self.has_calling_line = true;
        self
    }
}

/// The org template (mode `Org`).
pub fn org_template(id: &str, licenses: &[&str]) -> Template {
    Template {
        id: id.into(),
        name: format!("Template {id}"),
        group_id: None,
        licenses: licenses.iter().map(|s| s.to_string()).collect(),
        meetings: Vec::new(),
    }
}

pub fn group_template(id: &str, group: &str, licenses: &[&str]) -> Template {
    Template { group_id: Some(group.into()), ..org_template(id, licenses) }
}

/// Adds Meetings entries to a template.
pub trait Meetings {
    fn host(self, site: &str, license: &str) -> Template;
    fn attendee(self, site: &str) -> Template;
}

impl Meetings for Template {
    fn host(mut self, site: &str, license: &str) -> Template {
        let account = MeetingAccount::Host { license_id: license.into() };
        self.meetings.push(MeetingEntry { site_url: site.into(), account });
        self
    }

    fn attendee(mut self, site: &str) -> Template {
        self.meetings.push(MeetingEntry { site_url: site.into(), account: MeetingAccount::Attendee });
        self
    }
}

/// The change of user `id`; panics when the plan leaves them out.
pub fn user<'p>(plan: &'p Plan, id: &str) -> &'p UserChange {
    plan.users.iter().find(|u| u.person_id == id).unwrap_or_else(|| panic!("{id} is not in the plan: {plan:#?}"))
}

pub fn in_plan(plan: &Plan, id: &str) -> bool {
    plan.users.iter().any(|u| u.person_id == id)
}

/// The license ids a user gains, in plan order.
pub fn added(plan: &Plan, id: &str) -> Vec<String> {
    user(plan, id).add.iter().map(|a| a.license_id.clone()).collect()
}

pub fn removed(plan: &Plan, id: &str) -> Vec<String> {
    user(plan, id).remove.iter().map(|r| r.license_id.clone()).collect()
}

pub fn issues(plan: &Plan, id: &str) -> Vec<UserIssue> {
    user(plan, id).issues.clone()
}

pub fn license_use<'p>(plan: &'p Plan, license: &str) -> &'p LicenseUse {
    plan.licenses.iter().find(|l| l.license_id == license).unwrap_or_else(|| panic!("{license} untouched"))
}
