//! Planning actions on subscribers (B4): each asked subscriber read live,
//! then checked before anything is sent: a retry's email as an email, then
//! with Webex's precheck (`POST /broadworks/subscribers/validate`); the
//! package by name; the action against the status it is in now. What
//! passes becomes journal steps: a delete; a package change (`PUT`); a
//! retry as a delete then a provision with the subscriber's own fields and
//! the new email (the update body has no email, webex-api.md §7.1), in one
//! run sent in order, so a crash between them provisions on resume.

use std::collections::HashSet;

use futures::stream::{self, StreamExt};
use hubdesk_api::{
    ActionKind, ApiError, ErrorCode, Package, ProvisionFields, RunAction, RunSummary, SubscriberAction,
    SubscriberActionRow, SubscriberActionsPreview, SubscriberAsk, SubscriberErrorText, SubscriberRefusal,
    SubscriberRequest, SubscriberStep,
};
use hubdesk_rules::broadworks::actions::{action_applies, error_text, package_change, valid_email};

use crate::store::now_ms;
use crate::webex::models::Subscriber;
use crate::webex::{WebexClient, WebexError};
use crate::Core;

/// Subscribers read (and prechecked) at once; the client's rate gate paces them.
const READS_AT_ONCE: usize = 8;

/// What the asks come to: the preview's rows, the refusals, and the
/// journal's steps (each with its subscriber's email for the audit log).
pub struct Planned {
    pub rows: Vec<SubscriberActionRow>,
    pub refused: Vec<SubscriberRefusal>,
    pub steps: Vec<(SubscriberStep, Option<String>)>,
}

fn kind(action: &SubscriberAction) -> ActionKind {
    match action {
        SubscriberAction::Retry { .. } => ActionKind::Retry,
        SubscriberAction::Delete => ActionKind::Delete,
        SubscriberAction::Package { .. } => ActionKind::Package,
    }
}

fn offline(e: WebexError) -> ApiError {
    match e {
        e @ WebexError::Network { .. } => ApiError::new(
            ErrorCode::Offline,
            "Webex cannot be reached, so the subscribers could not be read and nothing was sent. Try again when you are online.",
        )
        .with_detail(e),
        e => e.into(),
    }
}

pub(super) fn display_name(s: &Subscriber) -> String {
    let name = format!("{} {}", s.first_name.as_deref().unwrap_or(""), s.last_name.as_deref().unwrap_or(""));
    match name.trim() {
        "" => s.user_id.clone().unwrap_or_else(|| s.id.clone()),
        name => name.to_owned(),
    }
}

pub(super) fn error_texts(s: &Subscriber) -> Vec<SubscriberErrorText> {
    s.errors.iter().map(|e| SubscriberErrorText { code: e.error_code, description: e.description.clone() }).collect()
}

struct Refuse<'a> {
    ask: &'a SubscriberAsk,
    subscriber: Option<&'a Subscriber>,
}

impl Refuse<'_> {
    fn because(&self, reason: impl Into<String>) -> SubscriberRefusal {
        SubscriberRefusal {
            subscriber_id: self.ask.subscriber_id.clone(),
            display_name: self.subscriber.map(display_name),
            status: self.subscriber.map(|s| s.status.clone()),
            action: self.ask.action.clone(),
            reason: reason.into(),
            errors: vec![],
            tracking_id: None,
        }
    }
}

/// The provision body of a retry: the subscriber as Webex has it, with the
/// new email.
fn provision_fields(s: &Subscriber, email: &str) -> Option<ProvisionFields> {
    Some(ProvisionFields {
        provisioning_id: s.provisioning_id.clone()?,
        user_id: s.user_id.clone()?,
        sp_enterprise_id: s.sp_enterprise_id.clone()?,
        first_name: s.first_name.clone()?,
        last_name: s.last_name.clone()?,
        package: s.package.clone()?,
        email: email.to_owned(),
        primary_phone_number: s.primary_phone_number.clone().filter(|v| !v.is_empty()),
        mobile_phone_number: s.mobile_phone_number.clone().filter(|v| !v.is_empty()),
        extension: s.extension.clone().filter(|v| !v.is_empty()),
    })
}

type OnePlan = Result<(SubscriberActionRow, Vec<(SubscriberStep, Option<String>)>), SubscriberRefusal>;

/// One ask: refused (with why) or planned; an error only when Webex could
/// not be asked at all.
async fn plan_one(client: &WebexClient, ask: &SubscriberAsk) -> Result<OnePlan, ApiError> {
    let no_one = Refuse { ask, subscriber: None };
    // Checked before anything is sent (B4: a valid email; the four packages).
    let email = match &ask.action {
        SubscriberAction::Retry { email } => match valid_email(email) {
            Ok(email) => Some(email),
            Err(why) => return Ok(Err(no_one.because(why))),
        },
        _ => None,
    };
    let to = match &ask.action {
        SubscriberAction::Package { to } => match Package::parse(to) {
            Ok(p) => Some(p),
            Err(why) => return Ok(Err(no_one.because(why))),
        },
        _ => None,
    };
    let Some(s) = client.subscriber(&ask.subscriber_id).await.map_err(offline)? else {
        return Ok(Err(no_one.because(
            "Webex has no subscriber with this id (deleted since the last sync?). Refresh the list, then try again.",
        )));
    };
    let refuse = Refuse { ask, subscriber: Some(&s) };
    if let Err(why) = action_applies(kind(&ask.action), &s.status) {
        return Ok(Err(refuse.because(why)));
    }
    let name = display_name(&s);
    let user_id = s.user_id.clone().unwrap_or_default();
    let step = |request| SubscriberStep {
        subscriber_id: s.id.clone(),
        user_id: user_id.clone(),
        display_name: name.clone(),
        request,
        answer: None,
    };
    let (what, steps) = match (&ask.action, email, to) {
        (SubscriberAction::Delete, _, _) => (
            "delete the subscriber: the Webex user stays, and the subscriber can onboard again".to_owned(),
            vec![(step(SubscriberRequest::Delete { for_retry: false }), s.email.clone())],
        ),
        (SubscriberAction::Package { .. }, _, Some(to)) => {
            if let Err(why) = package_change(s.package.as_deref(), to) {
                return Ok(Err(refuse.because(why)));
            }
            let from = s.package.clone();
            let what = format!("package {} → {}", from.as_deref().unwrap_or("none"), to.as_str());
            let request = SubscriberRequest::Package { from, to: to.as_str().to_owned() };
            (what, vec![(step(request), s.email.clone())])
        }
        (SubscriberAction::Retry { .. }, Some(email), _) => {
            let Some(fields) = provision_fields(&s, &email) else {
                return Ok(Err(refuse.because(
                    "Webex does not give this subscriber's provisioning id, user id, name and package, so it cannot \
                     be provisioned again from here. Retry it in Partner Hub.",
                )));
            };
            // Webex's precheck: a refusal is shown with its codes and changes nothing.
            if let Err(refusal) = client.precheck_subscriber(&fields).await.map_err(offline)? {
                let mut refused = refuse.because(format!(
                    "Webex's precheck refused this retry, so nothing was changed: {}",
                    error_text(&refusal.errors).replace('\n', "; ")
                ));
                refused.errors = refusal.errors;
                refused.tracking_id = refusal.tracking_id;
                return Ok(Err(refused));
            }
            let what = format!("retry activation with {email}: delete, then provision again");
            let steps = vec![
                (step(SubscriberRequest::Delete { for_retry: true }), s.email.clone()),
                (step(SubscriberRequest::Provision { fields }), Some(email)),
            ];
            (what, steps)
        }
        _ => unreachable!("the email and package were checked above"),
    };
    let row = SubscriberActionRow {
        subscriber_id: s.id.clone(),
        user_id,
        display_name: name,
        email: s.email.clone(),
        status: s.status.clone(),
        package: s.package.clone(),
        action: ask.action.clone(),
        what,
    };
    Ok(Ok((row, steps)))
}

/// Every ask, in the order given; a subscriber asked twice is planned once.
pub async fn plan(client: &WebexClient, asks: &[SubscriberAsk]) -> Result<Planned, ApiError> {
    let mut seen = HashSet::new();
    let mut planned = Planned { rows: vec![], refused: vec![], steps: vec![] };
    let mut unique: Vec<SubscriberAsk> = Vec::new();
    for ask in asks {
        if seen.insert(ask.subscriber_id.clone()) {
            unique.push(ask.clone());
        } else {
            let twice = "This subscriber is asked for more than once; only its first action is planned.";
            planned.refused.push(Refuse { ask, subscriber: None }.because(twice));
        }
    }
    let mut results =
        stream::iter(unique).map(|ask| async move { plan_one(client, &ask).await }).buffered(READS_AT_ONCE);
    while let Some(result) = results.next().await {
        match result? {
            Ok((row, steps)) => {
                planned.rows.push(row);
                planned.steps.extend(steps);
            }
            Err(refused) => planned.refused.push(refused),
        }
    }
    Ok(planned)
}

/// The error text a ticket wants (B4 copy the error text): code and
/// description, one line per error.
pub fn ticket_text(errors: &[SubscriberErrorText]) -> String {
    error_text(errors)
}

impl Core {
    /// Sends nothing but the retries' prechecks: who, what, from which
    /// status, and what is refused with why.
    pub async fn broadworks_actions_preview(
        &self,
        asks: &[SubscriberAsk],
    ) -> Result<SubscriberActionsPreview, ApiError> {
        let client = self.client().await?;
        let planned = plan(&client, asks).await?;
        Ok(SubscriberActionsPreview { rows: planned.rows, refused: planned.refused })
    }

    /// Plans the asks again (statuses move on their own) and journals what
    /// is sendable as one run of the home org, in order. Sends nothing:
    /// `run_apply` does.
    pub async fn broadworks_actions_journal(
        &self,
        asks: &[SubscriberAsk],
    ) -> Result<(Option<RunSummary>, Vec<SubscriberRefusal>), ApiError> {
        if asks.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidInput, "Choose at least one subscriber."));
        }
        let client = self.client().await?;
        let (org_id, actor) = (self.home_org_id().await?, self.signed_in_email().await?);
        let planned = plan(&client, asks).await?;
        if planned.steps.is_empty() {
            return Ok((None, planned.refused));
        }
        let count = |k: ActionKind| planned.rows.iter().filter(|r| kind(&r.action) == k).count() as u32;
        let action = RunAction::BroadworksSubscribers {
            retry: count(ActionKind::Retry),
            delete: count(ActionKind::Delete),
            package: count(ActionKind::Package),
        };
        let run = self.ledger.create_steps_run(&org_id, &action, &actor, &planned.steps, now_ms())?;
        Ok((Some(run), planned.refused))
    }
}
