//! Sending a BroadWorks run (B4): each request once, in the journal's
//! order. As for license runs, each entry is marked in flight (a
//! FULL-synced commit) before its request leaves, and its answer is
//! recorded with its audit line in one commit. An entry found in flight on
//! resume, or whose answer was lost, is first checked against Webex:
//! - a delete: the subscriber is gone → done;
//! - a provision: a subscriber with that user id exists → done;
//! - a package change: the subscriber is `updating` or has the package → done;
//!
//! otherwise it is sent again. A retry's provision goes only after its
//! delete is done: a delete that was refused leaves the subscriber as it
//! was and the provision is skipped; a delete that landed is followed by
//! its provision, on resume too, so a subscriber is never left deleted by
//! accident. Confirmed answers are written through to the cache.

use std::time::Duration;

use hubdesk_api::{
    ApiError, EntryState, ErrorCode, RunProgress, RunState, RunSummary, SubscriberLive, SubscriberRequest,
    SubscriberStep,
};
use tokio_util::sync::CancellationToken;

use super::follow::live;
use crate::features::templates::apply::RunProgressFn;
use crate::ledger::{Ledger, StepResult, StoredStep};
use crate::store::{now_ms, Store};
use crate::webex::licenses_write::is_refusal;
use crate::webex::models::Subscriber;
use crate::webex::{WebexClient, WebexError};

/// Sends of one entry before it is recorded as failed.
const MAX_SENDS: u32 = 5;

pub struct StepsContext<'a> {
    pub client: &'a WebexClient,
    pub ledger: &'a Ledger,
    /// Where answers are written through (the cache), under `org_id`.
    pub store: Option<&'a Store>,
    /// The partner's home org: the run's, and the cached subscribers'.
    pub org_id: &'a str,
    pub actor: &'a str,
}

enum Stop {
    /// Nothing answers: the run is interrupted, never queued silently.
    Offline(WebexError),
    Ledger(ApiError),
}

/// Sends every open entry of the run, one after the other. Returns the run
/// as it ends: finished, or interrupted by a cancel or a lost network.
pub async fn apply_steps_run(
    ctx: &StepsContext<'_>,
    run_id: &str,
    progress: &RunProgressFn<'_>,
    cancel: &CancellationToken,
) -> Result<RunSummary, ApiError> {
    ctx.ledger.set_run_state(run_id, RunState::Running)?;
    let before = ctx.ledger.run_summary(run_id)?;
    let total = before.total;
    let open = |s: &StoredStep| matches!(s.state, EntryState::Pending | EntryState::InFlight);
    let mut done = ctx.ledger.steps(run_id)?.iter().filter(|s| !open(s)).count() as u32;
    let mut failed = before.failed;
    let report = |done, failed, state| RunProgress { run_id: run_id.to_owned(), done, total, failed, state };
    progress(report(done, failed, RunState::Running));
    let mut stop = None;
    let mut seq = 0;
    while !cancel.is_cancelled() {
        // Read again each time: a provision looks at its delete's answer.
        let steps = ctx.ledger.steps(run_id)?;
        let Some(at) = steps.iter().position(|s| s.seq >= seq && open(s)) else { break };
        seq = steps[at].seq + 1;
        let before = at.checked_sub(1).map(|b| &steps[b]);
        match apply_step(ctx, &steps[at], before).await {
            Ok(state) => {
                done += 1;
                failed += u32::from(state == EntryState::Failed);
                progress(report(done, failed, RunState::Running));
            }
            Err(s) => {
                stop = Some(s);
                break;
            }
        }
    }
    let finished = !ctx.ledger.steps(run_id)?.iter().any(open);
    let state = if finished { RunState::Finished } else { RunState::Interrupted };
    ctx.ledger.set_run_state(run_id, state)?;
    progress(report(done, failed, state));
    match stop {
        Some(Stop::Offline(e)) => Err(ApiError::new(
            ErrorCode::Offline,
            "Webex cannot be reached, so nothing more was sent. Resume the run when you are online: a retry's \
             provision is sent then.",
        )
        .with_detail(e)),
        Some(Stop::Ledger(e)) => Err(e),
        None => Ok(ctx.ledger.run_summary(run_id)?),
    }
}

/// What the step's request did, as the audit log words it.
fn summary_line(step: &SubscriberStep) -> String {
    match &step.request {
        SubscriberRequest::Delete { for_retry: false } => {
            format!("BroadWorks subscriber {} deleted (the Webex user stays)", step.user_id)
        }
        SubscriberRequest::Delete { for_retry: true } => {
            format!("BroadWorks subscriber {} deleted to retry activation", step.user_id)
        }
        SubscriberRequest::Provision { fields } => format!(
            "BroadWorks subscriber {} provisioned again with {} (retry activation, {})",
            step.user_id, fields.email, fields.package
        ),
        SubscriberRequest::Package { from, to } => {
            format!("BroadWorks subscriber {} package {} → {to}", step.user_id, from.as_deref().unwrap_or("none"))
        }
    }
}

/// Webex refused: the entry says why in a sentence.
fn refusal_sentence(step: &SubscriberStep, error: &WebexError) -> String {
    let why = match error {
        WebexError::Api { status: 403, .. } => {
            "Webex refused: this account may not change BroadWorks subscribers (a read-only administrator cannot). \
             A full administrator of the partner organization can."
                .to_owned()
        }
        WebexError::Api { status: 409, .. } => {
            "Webex refused: it is provisioning or updating this subscriber now. Wait until its status settles, \
             then try again."
                .to_owned()
        }
        WebexError::Api { status: 404, .. } => {
            "Webex no longer has this subscriber (deleted meanwhile?). Refresh the list.".to_owned()
        }
        WebexError::Api { message, .. } => format!("Webex refused: {message}"),
        other => format!("Webex did not do it: {other}"),
    };
    match step.request {
        SubscriberRequest::Provision { .. } => format!(
            "The subscriber was deleted, but provisioning it again failed. {why} It can onboard again through the \
             activation portal, or retry once the cause is fixed."
        ),
        _ => why,
    }
}

async fn apply_step(
    ctx: &StepsContext<'_>,
    entry: &StoredStep,
    before: Option<&StoredStep>,
) -> Result<EntryState, Stop> {
    let step = &entry.step;
    if let SubscriberRequest::Provision { .. } = step.request {
        let delete_done = before.is_some_and(|b| {
            b.step.subscriber_id == step.subscriber_id
                && matches!(b.step.request, SubscriberRequest::Delete { for_retry: true })
                && b.state == EntryState::Done
        });
        if !delete_done {
            let why = "Not sent: the delete before it did not go through, so the subscriber was left as it was.";
            return record(ctx, entry, skipped(step, why));
        }
    }
    let mut check_first = entry.state == EntryState::InFlight;
    let mut last_error = None;
    // The tracking id of the request that may have landed, for the audit.
    let mut sent_as = entry.tracking_id.clone();
    for send in 0..MAX_SENDS {
        if send > 0 {
            tokio::time::sleep(Duration::from_millis(500 * 2u64.pow(send - 1))).await;
        }
        if check_first {
            match landed(ctx.client, step).await {
                Ok(Some(answer)) => {
                    // It landed before its answer was lost.
                    return record(ctx, entry, done(ctx, step, answer, sent_as));
                }
                Ok(None) => {}
                Err(e) if e.is_offline() => return Err(Stop::Offline(e)),
                Err(e) if e.is_transient() => {
                    last_error = Some(e);
                    continue;
                }
                Err(e) => return record(ctx, entry, failed(step, &e, None)),
            }
        }
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        ctx.ledger.mark_in_flight(&entry.run_id, entry.seq, &tracking_id).map_err(|e| Stop::Ledger(e.into()))?;
        sent_as = Some(tracking_id.clone());
        match send_step(ctx.client, step, &tracking_id).await {
            Ok(answer) => return record(ctx, entry, done(ctx, step, answer, Some(tracking_id))),
            Err(e) if is_refusal(&e) => return record(ctx, entry, failed(step, &e, Some(tracking_id))),
            Err(e) => {
                tracing::warn!(subscriber = %step.subscriber_id, %tracking_id, "BroadWorks answer lost, checking: {e}");
                check_first = true;
                last_error = Some(e);
            }
        }
    }
    // The last answer was lost: the request may have landed all the same.
    if check_first {
        if let Ok(Some(answer)) = landed(ctx.client, step).await {
            return record(ctx, entry, done(ctx, step, answer, sent_as));
        }
    }
    let error = last_error.expect("a send failed");
    if matches!(error, WebexError::Network { .. }) {
        return Err(Stop::Offline(error));
    }
    record(ctx, entry, failed(step, &error, None))
}

/// What Webex answered: the subscriber after the request, or `None` once deleted.
async fn send_step(
    client: &WebexClient,
    step: &SubscriberStep,
    tracking_id: &str,
) -> Result<Option<Subscriber>, WebexError> {
    match &step.request {
        SubscriberRequest::Delete { .. } => {
            client.delete_subscriber(&step.subscriber_id, tracking_id).await.map(|_| None)
        }
        SubscriberRequest::Provision { fields } => client.provision_subscriber(fields, tracking_id).await.map(Some),
        SubscriberRequest::Package { to, .. } => {
            client.change_subscriber_package(&step.subscriber_id, to, tracking_id).await.map(Some)
        }
    }
}

/// Whether the step's request already took effect: `Some(answer)` if so.
async fn landed(client: &WebexClient, step: &SubscriberStep) -> Result<Option<Option<Subscriber>>, WebexError> {
    Ok(match &step.request {
        SubscriberRequest::Delete { .. } => client.subscriber(&step.subscriber_id).await?.is_none().then_some(None),
        SubscriberRequest::Provision { fields } => client
            .subscribers_by_user_id(&fields.user_id)
            .await?
            .into_iter()
            .find(|s| s.id != step.subscriber_id)
            .map(Some),
        SubscriberRequest::Package { to, .. } => client
            .subscriber(&step.subscriber_id)
            .await?
            .filter(|s| s.status == "updating" || s.package.as_deref() == Some(to.as_str()))
            .map(Some),
    })
}

fn record(ctx: &StepsContext<'_>, entry: &StoredStep, result: StepResult) -> Result<EntryState, Stop> {
    let ledger_error = |e: crate::ledger::LedgerError| Stop::Ledger(e.into());
    let email = ctx.ledger.entry_email(&entry.run_id, entry.seq).map_err(ledger_error)?;
    ctx.ledger.record_step_result(ctx.org_id, ctx.actor, entry, &email, &result, now_ms()).map_err(ledger_error)?;
    Ok(result.state)
}

/// Done: the answer is kept in the entry and written through to the cache.
fn done(
    ctx: &StepsContext<'_>,
    step: &SubscriberStep,
    answer: Option<Subscriber>,
    tracking_id: Option<String>,
) -> StepResult {
    if let Some(store) = ctx.store {
        let written = match &answer {
            Some(s) => store.put_subscriber(ctx.org_id, s),
            None => store.forget_subscriber(ctx.org_id, &step.subscriber_id),
        };
        if let Err(e) = written {
            tracing::warn!("could not write a BroadWorks answer through to the cache: {e}");
        }
    }
    let mut answered = step.clone();
    answered.answer = Some(match &answer {
        Some(s) => live(s, false),
        None => SubscriberLive {
            subscriber_id: step.subscriber_id.clone(),
            user_id: Some(step.user_id.clone()),
            status: "deleted".into(),
            package: None,
            errors: vec![],
            settled: true,
            timed_out: false,
        },
    });
    StepResult { state: EntryState::Done, error: None, tracking_id, summary: Some(summary_line(step)), step: answered }
}

/// Refused or failed: nothing changed. A refusal Webex answered is audited
/// with its tracking id, so the log shows who tried what.
fn failed(step: &SubscriberStep, error: &WebexError, tracking_id: Option<String>) -> StepResult {
    let tracking_id = match error {
        WebexError::Api { tracking_id: Some(t), .. } => Some(t.clone()),
        _ => tracking_id,
    };
    StepResult {
        state: EntryState::Failed,
        error: Some(refusal_sentence(step, error)),
        summary: tracking_id.as_ref().map(|_| format!("{} (refused)", summary_line(step))),
        tracking_id,
        step: step.clone(),
    }
}

fn skipped(step: &SubscriberStep, why: &str) -> StepResult {
    StepResult {
        state: EntryState::Skipped,
        error: Some(why.to_owned()),
        tracking_id: None,
        summary: None,
        step: step.clone(),
    }
}
