//! BroadWorks subscriber operations: adding, finding, and letting pending
//! work finish when its (simulated) time has come.
//!
//! Provisioning ends in:
//! - `error` with 10022 when the user id is already associated with a Webex
//!   user: another subscriber that has it is mapped to one (a subscriber
//!   still waiting for an email, or failed, holds no Webex user, so a
//!   retry that deletes it and provisions it again is not refused);
//! - `pending_user_migration` when the email belongs to a Webex user of
//!   another org (the user must consent to the move);
//! - `provisioned` otherwise, mapped onto the org's user with that email,
//!   or onto a new user.
//!
//! An update ends in `provisioned` with the changes applied (or `error`
//! 10022 when the new user id is taken).

use uuid::Uuid;

use super::lifecycle::NewPerson;
use super::subscriber::{BackgroundError, Status, Subscriber, Work, USER_ID_TAKEN};
use super::{PersonIdx, Tenant};

impl Tenant {
    pub fn subscribers(&self) -> &[Subscriber] {
        &self.subscribers
    }

    pub fn find_subscriber(&self, uuid: &Uuid) -> Option<usize> {
        self.subscribers.iter().position(|s| s.uuid == *uuid)
    }

    pub fn subscriber_mut(&mut self, at: usize) -> &mut Subscriber {
        &mut self.subscribers[at]
    }

    pub fn add_subscriber(&mut self, mut subscriber: Subscriber) -> usize {
        subscriber.seq = self.subscribers.last().map_or(1, |s| s.seq + 1);
        self.subscribers.push(subscriber);
        self.subscribers.len() - 1
    }

    pub fn remove_subscriber(&mut self, at: usize) {
        self.subscribers.remove(at);
    }

    /// Whether this BroadWorks user id is already associated with a Webex
    /// user: another subscriber that has it is mapped to one (error 10022).
    pub fn user_id_taken(&self, user_id: &str, except: Option<usize>) -> bool {
        self.subscribers
            .iter()
            .enumerate()
            .any(|(i, s)| Some(i) != except && s.person.is_some() && s.profile.user_id == user_id)
    }

    /// Whether some pending work is due at `now_ms`.
    pub fn subscriber_work_due(&self, now_ms: i64) -> bool {
        self.subscribers.iter().any(|s| s.work.as_ref().is_some_and(|(_, due)| *due <= now_ms))
    }

    /// Finishes every piece of work due at `now_ms`, in creation order.
    pub fn settle_subscribers(&mut self, now_ms: i64) {
        for at in 0..self.subscribers.len() {
            let due = self.subscribers[at].work.as_ref().is_some_and(|(_, due)| *due <= now_ms);
            if due {
                self.finish_work(at);
            }
        }
    }

    /// Moves seeded work due times from "after start" to simulated time.
    pub fn anchor_subscriber_work(&mut self, start_ms: i64) {
        for subscriber in &mut self.subscribers {
            if let Some((_, due)) = subscriber.work.as_mut() {
                *due += start_ms;
            }
        }
    }

    fn finish_work(&mut self, at: usize) {
        let Some((work, due)) = self.subscribers[at].work.take() else { return };
        let status = match work {
            Work::Provision => self.provision_subscriber(at, due),
            Work::Update { profile, package } => match self.user_id_taken(&profile.user_id, Some(at)) {
                true => Status::Error,
                false => {
                    let subscriber = &mut self.subscribers[at];
                    subscriber.profile = profile;
                    subscriber.package = package;
                    self.rename_mapped_person(at);
                    Status::Provisioned
                }
            },
        };
        let subscriber = &mut self.subscribers[at];
        subscriber.errors = match status {
            Status::Error => vec![BackgroundError { code: USER_ID_TAKEN.0, description: USER_ID_TAKEN.1.into() }],
            _ => Vec::new(),
        };
        subscriber.status = status;
        subscriber.last_status_change_ms = due;
    }

    fn provision_subscriber(&mut self, at: usize, now_ms: i64) -> Status {
        let subscriber = &self.subscribers[at];
        if self.user_id_taken(&subscriber.profile.user_id, Some(at)) {
            return Status::Error;
        }
        let Some(email) = subscriber.email.clone() else { return Status::PendingEmailInput };
        let org = subscriber.org;
        let person = match self.find_person_by_email(&email) {
            Some(p) if self.person(p).org != org => return Status::PendingUserMigration,
            Some(p) => p,
            None => self.create_person(NewPerson {
                org,
                email,
                first_name: subscriber.profile.first_name.clone(),
                last_name: subscriber.profile.last_name.clone(),
                display_name: format!("{} {}", subscriber.profile.first_name, subscriber.profile.last_name),
                department: None,
                title: None,
                work_number: subscriber.profile.primary_phone_number.clone(),
                now_ms,
            }),
        };
        self.subscribers[at].person = Some(person);
        Status::Provisioned
    }

    fn rename_mapped_person(&mut self, at: usize) {
        let subscriber = &self.subscribers[at];
        let Some(person): Option<PersonIdx> = subscriber.person else { return };
        let (first, last) = (subscriber.profile.first_name.clone(), subscriber.profile.last_name.clone());
        let holder = self.person_mut(person);
        holder.display_name = format!("{first} {last}").into();
        holder.first_name = first.into();
        holder.last_name = last.into();
    }
}
