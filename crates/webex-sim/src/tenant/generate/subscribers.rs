//! Webex for BroadWorks subscribers of a customer org, in every status:
//! most provisioned onto the org's users, some updating or still
//! provisioning (their work finishes some seconds after the simulator
//! starts), some waiting for an email, its validation or a user's consent
//! to move, and some failed, with the kind of error texts Webex shows.

use super::super::inventory::{format_e164, parse_e164};
use super::super::subscriber::{BackgroundError, Package, Profile, Status, Subscriber, Work, USER_ID_TAKEN};
use super::super::{OrgIdx, PersonIdx};
use super::{Generator, Thing, DAY_MS, SECOND_MS};

const MAX_PER_ORG: usize = 5000;

/// Background errors as Webex words them (10022 is the documented one).
const ERRORS: [(u32, &str); 5] = [
    USER_ID_TAKEN,
    (10010, "The email address belongs to a Webex user in another organization who has not consented to the move."),
    (10015, "The package is not enabled in the customer template of this provisioning ID."),
    (10031, "The primary phone number is already assigned to another subscriber of this enterprise."),
    (10500, "Timed out reaching the BroadWorks Application Server; provisioning was not completed."),
];

impl Generator {
    pub(super) fn add_subscribers(&mut self, org: OrgIdx) {
        let members: Vec<PersonIdx> = self.tenant.org(org).members.clone();
        let people: Vec<PersonIdx> = members.into_iter().filter(|&p| self.tenant.person(p).admin.is_none()).collect();
        let count = (12 + people.len() / 50).min(MAX_PER_ORG);
        let mut next_person = 0;
        for n in 0..count {
            let status = match n < Status::ALL.len() {
                true => Status::ALL[n],
                false => self.draw_status(),
            };
            let mapped = matches!(status, Status::Provisioned | Status::Updating) && next_person < people.len();
            let person = mapped.then(|| {
                next_person += 1;
                people[next_person - 1]
            });
            let subscriber = self.subscriber(org, n, status, person);
            self.tenant.add_subscriber(subscriber);
        }
    }

    fn draw_status(&mut self) -> Status {
        match self.rng_below(100) {
            0..75 => Status::Provisioned,
            75..81 => Status::Error,
            81..86 => Status::PendingEmailInput,
            86..90 => Status::PendingEmailValidation,
            90..94 => Status::PendingUserMigration,
            94..97 => Status::Provisioning,
            _ => Status::Updating,
        }
    }

    fn subscriber(&mut self, org: OrgIdx, n: usize, status: Status, person: Option<PersonIdx>) -> Subscriber {
        let language = self.tenant.org(org).language;
        let (first, last) = match person {
            Some(p) => (self.tenant.person(p).first_name.to_string(), self.tenant.person(p).last_name.to_string()),
            None => (self.pick(language.first_names()).to_string(), self.pick(language.last_names()).to_string()),
        };
        let domain = self.tenant.org(org).domain.clone();
        let local = super::super::names::fold_ascii(&format!("{first}.{last}"));
        let email = match (status, person) {
            (_, Some(p)) => Some(self.tenant.person(p).email.to_string()),
            (Status::PendingEmailInput, _) => None,
            (Status::PendingUserMigration, _) => Some(format!("{local}.{n}@webmail.example")),
            _ => Some(format!("{local}.bw{n}@{domain}")),
        };
        let (primary, extension) = self.broadworks_numbers(org, person);
        let created_ms = self.days_ago(5, 700);
        let profile = Profile {
            user_id: format!("{}@voip.nordlys-partners.example", 40_000_000 + org.get() * 100_000 + n),
            first_name: first,
            last_name: last,
            primary_phone_number: primary,
            mobile_phone_number: None,
            extension,
            timezone: Some(self.tenant.location(self.tenant.org(org).locations[0]).city.timezone.to_string()),
        };
        let package = match self.rng_below(100) {
            0..40 => Package::Standard,
            40..70 => Package::Premium,
            70..90 => Package::Basic,
            _ => Package::Softphone,
        };
        let work = self.seeded_work(status, &profile, package);
        let errors = match status {
            Status::Error => vec![self.background_error()],
            _ => Vec::new(),
        };
        Subscriber {
            seq: 0,
            uuid: self.uuid(Thing::Subscriber, org.get(), n),
            org,
            profile,
            email,
            package,
            status,
            errors,
            created_ms,
            last_status_change_ms: created_ms + self.rng_below(4 * DAY_MS),
            self_activated: status == Status::Provisioned && self.chance(15),
            person,
            work,
        }
    }

    /// The person's Calling number (or a fresh one) and extension.
    fn broadworks_numbers(&mut self, org: OrgIdx, person: Option<PersonIdx>) -> (Option<String>, Option<String>) {
        let line = person.and_then(|p| self.tenant.person(p).calling);
        let extension = line.and_then(|l| l.extension).map(|x| x.to_string());
        let number = person
            .and_then(|p| self.tenant.person(p).work_number.as_deref().and_then(parse_e164))
            .unwrap_or_else(|| self.fresh_number(self.tenant.org(org).locations[0]));
        (Some(format_e164(number)), extension)
    }

    /// Work still running when the simulator starts: due some seconds
    /// after it (anchored to the simulated clock at start).
    fn seeded_work(&mut self, status: Status, profile: &Profile, package: Package) -> Option<(Work, i64)> {
        let work = match status {
            Status::Provisioning => Work::Provision,
            Status::Updating => {
                let upgraded = match package {
                    Package::Premium => Package::Standard,
                    _ => Package::Premium,
                };
                Work::Update { profile: profile.clone(), package: upgraded }
            }
            _ => return None,
        };
        Some((work, (20 + self.rng_below(280)) * SECOND_MS))
    }

    fn background_error(&mut self) -> BackgroundError {
        let (code, description) = ERRORS[self.rng_below(ERRORS.len() as i64) as usize];
        BackgroundError { code, description: description.to_string() }
    }
}
