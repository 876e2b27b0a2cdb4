//! Sending a Calling fixes run (C1, C4, C7). As for license runs, each
//! entry is marked in flight (a FULL-synced commit) before its request
//! leaves, and its answer is recorded with its audit line in one commit.
//! Users go several at a time; one user's steps go in order, so a
//! reprovision's assignment is sent only once its removal is done (a
//! removal that was refused leaves the user's Calling as it was). Each step
//! first checks whether it already took effect when that may be so:
//! - a work number: the person is always read first (the PUT sends the
//!   whole person back); already that number → done, nothing sent;
//! - an assignment or a removal found in flight, or whose answer was lost:
//!   the person is read; already holding (or no longer holding) the
//!   license → done.
//!
//! So after any crash or cancel each change lands once.

use std::collections::HashMap;
use std::time::Duration;

use futures::stream::{self, StreamExt};
use hubdesk_api::{ApiError, EntryState, ErrorCode, RunProgress, RunState, RunSummary};
use tokio_util::sync::CancellationToken;

use crate::features::templates::apply::RunProgressFn;
use crate::features::templates::facts::Pools;
use crate::ledger::{CallingRequest, CallingStepResult, Ledger, StoredCallingStep};
use crate::store::now_ms;
use crate::webex::licenses_write::{is_refusal, LicenseOperation, LineProperties, Operation, PatchUserLicenses};
use crate::webex::{WebexClient, WebexError};

/// Users whose steps are in flight at once; the client's gate paces them.
const CONCURRENCY: usize = 8;
/// Sends of one entry before it is recorded as failed.
const MAX_SENDS: u32 = 5;

pub struct CallingContext<'a> {
    pub client: &'a WebexClient,
    pub ledger: &'a Ledger,
    pub org_id: &'a str,
    pub actor: &'a str,
    /// License names for the audit lines.
    pub pools: &'a Pools,
}

enum Stop {
    /// Nothing answers: the run is interrupted, never queued silently.
    Offline(WebexError),
    Ledger(ApiError),
}

fn open(s: &StoredCallingStep) -> bool {
    matches!(s.state, EntryState::Pending | EntryState::InFlight)
}

/// Sends every open entry of the run. Returns the run as it ends: finished,
/// or interrupted by a cancel or a lost network.
pub async fn apply_calling_run(
    ctx: &CallingContext<'_>,
    run_id: &str,
    progress: &RunProgressFn<'_>,
    cancel: &CancellationToken,
) -> Result<RunSummary, ApiError> {
    ctx.ledger.set_run_state(run_id, RunState::Running)?;
    let steps = ctx.ledger.calling_steps(run_id)?;
    let before = ctx.ledger.run_summary(run_id)?;
    let total = before.total;
    let mut done = steps.iter().filter(|s| !open(s)).count() as u32;
    let mut failed = before.failed;
    let report = |done, failed, state| RunProgress { run_id: run_id.to_owned(), done, total, failed, state };
    progress(report(done, failed, RunState::Running));

    // Each user's steps, in journal order; users in the order first met.
    let mut order: Vec<String> = Vec::new();
    let mut by_user: HashMap<String, Vec<StoredCallingStep>> = HashMap::new();
    for step in steps {
        let user = by_user.entry(step.step.person_id.clone()).or_insert_with(|| {
            order.push(step.step.person_id.clone());
            Vec::new()
        });
        user.push(step);
    }
    let users: Vec<Vec<StoredCallingStep>> =
        order.iter().filter_map(|id| by_user.remove(id)).filter(|s| s.iter().any(open)).collect();
    let mut results = stream::iter(users)
        .take_while(|_| std::future::ready(!cancel.is_cancelled()))
        .map(|steps| async move { apply_user(ctx, steps, cancel).await })
        .buffer_unordered(CONCURRENCY);
    let mut stop = None;
    while let Some(outcome) = results.next().await {
        match outcome {
            Ok(states) => {
                done += states.len() as u32;
                failed += states.iter().filter(|s| **s == EntryState::Failed).count() as u32;
                progress(report(done, failed, RunState::Running));
            }
            Err(s) => {
                // Let the requests already sent finish; send nothing new.
                cancel.cancel();
                stop.get_or_insert(s);
            }
        }
    }
    drop(results);
    let finished = !ctx.ledger.calling_steps(run_id)?.iter().any(open);
    let state = if finished { RunState::Finished } else { RunState::Interrupted };
    ctx.ledger.set_run_state(run_id, state)?;
    progress(report(done, failed, state));
    match stop {
        Some(Stop::Offline(e)) => Err(ApiError::new(
            ErrorCode::Offline,
            "Webex cannot be reached, so nothing more was sent. Resume the run when you are online: each change is \
             sent once.",
        )
        .with_detail(e)),
        Some(Stop::Ledger(e)) => Err(e),
        None => Ok(ctx.ledger.run_summary(run_id)?),
    }
}

/// One user's open steps, in order; the states of those it answered.
async fn apply_user(
    ctx: &CallingContext<'_>,
    steps: Vec<StoredCallingStep>,
    cancel: &CancellationToken,
) -> Result<Vec<EntryState>, Stop> {
    let mut answered = Vec::new();
    let mut previous: Option<EntryState> = None;
    for entry in steps {
        if !open(&entry) {
            previous = Some(entry.state);
            continue;
        }
        // A reprovision's removal that landed is always followed by its
        // assignment, even after a cancel: a user is never left without
        // Calling by accident.
        let follows_removal = matches!(entry.step.request, CallingRequest::AddCalling { after_removal: true, .. });
        if cancel.is_cancelled() && !(follows_removal && previous == Some(EntryState::Done)) {
            break;
        }
        let state = match entry.step.request {
            CallingRequest::AddCalling { after_removal: true, .. } if previous != Some(EntryState::Done) => {
                let why = "Not sent: removing Calling did not go through, so the user keeps their Calling as it was.";
                record(
                    ctx,
                    &entry,
                    CallingStepResult {
                        state: EntryState::Skipped,
                        error: Some(why.into()),
                        tracking_id: None,
                        summary: None,
                    },
                )?
            }
            _ => apply_step(ctx, &entry).await?,
        };
        answered.push(state);
        previous = Some(state);
    }
    Ok(answered)
}

async fn apply_step(ctx: &CallingContext<'_>, entry: &StoredCallingStep) -> Result<EntryState, Stop> {
    let request = &entry.step.request;
    // A work number is always read first: the PUT sends the person back whole.
    let mut check_first =
        entry.state == EntryState::InFlight || matches!(request, CallingRequest::SetWorkNumber { .. });
    let mut last_error = None;
    // The tracking id of the request that may have landed, for the audit.
    let mut sent_as = entry.tracking_id.clone();
    for send in 0..MAX_SENDS {
        if send > 0 {
            tokio::time::sleep(Duration::from_millis(500 * 2u64.pow(send - 1))).await;
        }
        let mut person = None;
        if check_first {
            match landed(ctx.client, entry).await {
                Ok(Landed::Yes) => return record(ctx, entry, done(ctx, entry, sent_as, None)),
                Ok(Landed::No(whole)) => person = whole,
                Err(e) if e.is_offline() => return Err(Stop::Offline(e)),
                Err(e) if e.is_transient() => {
                    last_error = Some(e);
                    continue;
                }
                Err(e) => return record(ctx, entry, failed(ctx, entry, &e, None)),
            }
        }
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        ctx.ledger.mark_in_flight(&entry.run_id, entry.seq, &tracking_id).map_err(|e| Stop::Ledger(e.into()))?;
        sent_as = Some(tracking_id.clone());
        let before = person.as_ref().and_then(|p| p.work_number().map(str::to_owned));
        match send_step(ctx, entry, person, &tracking_id).await {
            Ok(None) => return record(ctx, entry, done(ctx, entry, Some(tracking_id), before)),
            Ok(Some(why)) => {
                let mut result = done(ctx, entry, Some(tracking_id), None);
                result.state = EntryState::Failed;
                result.summary = result.summary.map(|s| format!("{s} (refused)"));
                result.error = Some(why);
                return record(ctx, entry, result);
            }
            Err(e) if is_refusal(&e) => return record(ctx, entry, failed(ctx, entry, &e, Some(tracking_id))),
            Err(e) => {
                tracing::warn!(person = %entry.step.person_id, %tracking_id, "Calling fix answer lost, checking: {e}");
                check_first = true;
                last_error = Some(e);
            }
        }
    }
    // The last answer was lost: the request may have landed all the same.
    if check_first && matches!(landed(ctx.client, entry).await, Ok(Landed::Yes)) {
        return record(ctx, entry, done(ctx, entry, sent_as, None));
    }
    let error = last_error.expect("a send failed");
    if matches!(error, WebexError::Network { .. }) {
        return Err(Stop::Offline(error));
    }
    record(ctx, entry, failed(ctx, entry, &error, None))
}

enum Landed {
    Yes,
    /// Not yet; for a work number, the person as read, to send back.
    No(Option<crate::webex::WholePerson>),
}

/// Whether the step already took effect, as Webex holds the person now.
async fn landed(client: &WebexClient, entry: &StoredCallingStep) -> Result<Landed, WebexError> {
    let id = &entry.step.person_id;
    Ok(match &entry.step.request {
        CallingRequest::SetWorkNumber { number } => {
            let person = client.whole_person(id).await?;
            match person.work_number() == Some(number.as_str()) {
                true => Landed::Yes,
                false => Landed::No(Some(person)),
            }
        }
        CallingRequest::AddCalling { license_id, .. } => match client.person(id).await?.licenses.contains(license_id) {
            true => Landed::Yes,
            false => Landed::No(None),
        },
        CallingRequest::RemoveCalling { license_id, .. } => {
            match client.person(id).await?.licenses.contains(license_id) {
                true => Landed::No(None),
                false => Landed::Yes,
            }
        }
    })
}

/// Sends the step; `Some(why)` when Webex answered but did not do it.
async fn send_step(
    ctx: &CallingContext<'_>,
    entry: &StoredCallingStep,
    person: Option<crate::webex::WholePerson>,
    tracking_id: &str,
) -> Result<Option<String>, WebexError> {
    let id = &entry.step.person_id;
    let patch = |operation: LicenseOperation| PatchUserLicenses {
        person_id: id.clone(),
        org_id: ctx.org_id.to_owned(),
        licenses: vec![operation],
        site_urls: vec![],
    };
    match &entry.step.request {
        CallingRequest::SetWorkNumber { number } => {
            let mut person = match person {
                Some(p) => p,
                None => ctx.client.whole_person(id).await?,
            };
            person.set_work_number(number);
            ctx.client.put_whole_person(id, &person, tracking_id).await.map(|_| None)
        }
        CallingRequest::AddCalling { license_id, location_id, phone_number, extension, .. } => {
            let properties = LineProperties {
                location_id: Some(location_id.clone()),
                phone_number: phone_number.clone(),
                extension: extension.clone(),
            };
            let add =
                LicenseOperation { id: license_id.clone(), operation: Operation::Add, properties: Some(properties) };
            let answer = ctx.client.patch_user_licenses(&patch(add), tracking_id).await?;
            // 206: Webex skipped the license (best effort); nothing changed.
            Ok((answer.partial && !answer.held.licenses.contains(license_id))
                .then(|| "Webex did not assign the Calling license (206 Partial Content).".to_owned()))
        }
        CallingRequest::RemoveCalling { license_id, .. } => {
            let remove = LicenseOperation { id: license_id.clone(), operation: Operation::Remove, properties: None };
            ctx.client.patch_user_licenses(&patch(remove), tracking_id).await.map(|_| None)
        }
    }
}

fn record(ctx: &CallingContext<'_>, entry: &StoredCallingStep, result: CallingStepResult) -> Result<EntryState, Stop> {
    ctx.ledger
        .record_calling_result(ctx.org_id, ctx.actor, entry, &result, now_ms())
        .map_err(|e| Stop::Ledger(e.into()))?;
    Ok(result.state)
}

/// What the step did, as the audit log words it.
fn summary_line(ctx: &CallingContext<'_>, request: &CallingRequest, before: Option<String>) -> String {
    let license = |id: &str| ctx.pools.name(id).unwrap_or(id).to_owned();
    match request {
        CallingRequest::SetWorkNumber { number } => match before {
            Some(old) => format!("work number {old} → {number}"),
            None => format!("work number set to {number}"),
        },
        CallingRequest::AddCalling {
            license_id,
            location_id,
            location_name,
            phone_number,
            extension,
            after_removal,
            ..
        } => {
            let line: Vec<String> = [phone_number.clone(), extension.as_ref().map(|x| format!("extension {x}"))]
                .into_iter()
                .flatten()
                .collect();
            let again = if *after_removal { " again" } else { "" };
            let at = location_name.as_deref().unwrap_or(location_id);
            format!("+{} given{again} at {at} with {}", license(license_id), line.join(" and "))
        }
        CallingRequest::RemoveCalling { license_id, .. } => {
            format!("−{} removed to reprovision (voicemail, number and call settings deleted)", license(license_id))
        }
    }
}

fn done(
    ctx: &CallingContext<'_>,
    entry: &StoredCallingStep,
    tracking_id: Option<String>,
    before: Option<String>,
) -> CallingStepResult {
    CallingStepResult {
        state: EntryState::Done,
        error: None,
        tracking_id,
        summary: Some(summary_line(ctx, &entry.step.request, before)),
    }
}

/// Refused or failed: nothing changed. A refusal Webex answered is audited
/// with its tracking id, so the log shows who tried what.
fn failed(
    ctx: &CallingContext<'_>,
    entry: &StoredCallingStep,
    error: &WebexError,
    tracking_id: Option<String>,
) -> CallingStepResult {
    let tracking_id = match error {
        WebexError::Api { tracking_id: Some(t), .. } => Some(t.clone()),
        _ => tracking_id,
    };
    let why = match error {
        WebexError::Api { status: 403, .. } => {
            "Webex refused: this account may not change this user (a read-only administrator cannot).".to_owned()
        }
        WebexError::Api { message, .. } => format!("Webex refused: {message}"),
        other => format!("Webex did not do it: {other}"),
    };
    CallingStepResult {
        state: EntryState::Failed,
        error: Some(why),
        summary: tracking_id.as_ref().map(|_| format!("{} (refused)", summary_line(ctx, &entry.step.request, None))),
        tracking_id,
    }
}
