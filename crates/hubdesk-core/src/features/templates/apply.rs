//! Applying a run: every entry of the journal, once.
//!
//! Each entry is marked in flight (a FULL-synced commit) before its PATCH
//! leaves, and its answer is recorded with its audit line in one commit.
//! An entry found in flight on resume, or whose answer was lost, is first
//! checked: the person is read back and only what is still missing is sent.
//! So after any crash or cancel every change is made once and none twice.
//! Entries go several at a time, unordered, unless the run's action needs
//! them in order (`RunAction::in_order`).

use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio_util::sync::CancellationToken;

use super::facts::Pools;
use super::request::{held_site_urls, remaining_change, request_body, summary_line};
use crate::ledger::{EntryResult, Ledger, StoredEntry};
use crate::store::{now_ms, Store};
use crate::webex::licenses_write::{is_refusal, PatchAnswer};
use crate::webex::{WebexClient, WebexError};
use hubdesk_api::{ApiError, EntryState, ErrorCode, RunProgress, RunState, RunSummary, UserChange};

/// Requests in flight at once: enough to keep up with Webex's rate limit,
/// which the client's shared gate enforces.
const CONCURRENCY: usize = 8;
/// Sends of one entry before it is recorded as failed.
const MAX_SENDS: u32 = 5;

pub struct ApplyContext<'a> {
    pub client: &'a WebexClient,
    pub ledger: &'a Ledger,
    /// Where confirmed changes are written through (the cache).
    pub store: Option<&'a Store>,
    pub org_id: &'a str,
    pub actor: &'a str,
    pub pools: &'a Pools,
}

pub type RunProgressFn<'a> = dyn Fn(RunProgress) + Send + Sync + 'a;

/// Why an entry stopped the run.
enum Stop {
    /// Nothing answers: the run is interrupted, never queued silently.
    Offline(WebexError),
    Ledger(ApiError),
}

/// Sends every open entry of the run. Returns the run as it ends:
/// finished, or interrupted by a cancel or a lost network.
pub async fn apply_run(
    ctx: &ApplyContext<'_>,
    run_id: &str,
    progress: &RunProgressFn<'_>,
    cancel: &CancellationToken,
) -> Result<RunSummary, ApiError> {
    ctx.ledger.set_run_state(run_id, RunState::Running)?;
    let entries = ctx.ledger.open_entries(run_id)?;
    let before = ctx.ledger.run_summary(run_id)?;
    let total = before.total;
    let mut done = before.total - entries.len() as u32;
    let mut failed = before.failed;
    progress(RunProgress { run_id: run_id.to_owned(), done, total, failed, state: RunState::Running });

    // A run whose entries depend on each other (a license removed, then
    // assigned again) sends one at a time in the journal's order: the next
    // leaves only once the one before is answered and recorded.
    let concurrency = if before.action.in_order() { 1 } else { CONCURRENCY };
    let mut results = stream::iter(entries)
        .take_while(|_| std::future::ready(!cancel.is_cancelled()))
        .map(|entry| async move { apply_entry(ctx, entry).await })
        .buffer_unordered(concurrency);
    let mut stop = None;
    while let Some(outcome) = results.next().await {
        match outcome {
            Ok(state) => {
                done += 1;
                failed += u32::from(state == EntryState::Failed);
                progress(RunProgress { run_id: run_id.to_owned(), done, total, failed, state: RunState::Running });
            }
            Err(s) => {
                // Let the requests already sent finish; send nothing new.
                cancel.cancel();
                stop.get_or_insert(s);
            }
        }
    }
    drop(results);
    let finished = ctx.ledger.open_entries(run_id)?.is_empty();
    let state = if finished { RunState::Finished } else { RunState::Interrupted };
    ctx.ledger.set_run_state(run_id, state)?;
    progress(RunProgress { run_id: run_id.to_owned(), done, total, failed, state });
    match stop {
        Some(Stop::Offline(e)) => Err(ApiError::new(
            ErrorCode::Offline,
            "Webex cannot be reached, so nothing more was sent. Resume the run when you are online.",
        )
        .with_detail(e)),
        Some(Stop::Ledger(e)) => Err(e),
        None => Ok(ctx.ledger.run_summary(run_id)?),
    }
}

/// Sends one entry (checking first when it may already have landed) and
/// records the answer.
async fn apply_entry(ctx: &ApplyContext<'_>, entry: StoredEntry) -> Result<EntryState, Stop> {
    let mut check_first = entry.state == EntryState::InFlight;
    let mut last_error = None;
    // The tracking id of the request that may have landed, for the audit.
    let mut sent_as = entry.tracking_id.clone();
    for send in 0..MAX_SENDS {
        if send > 0 {
            tokio::time::sleep(Duration::from_millis(500 * 2u64.pow(send - 1))).await;
        }
        let change = if check_first {
            match landed(ctx, &entry).await {
                // It landed before the answer was lost.
                Ok(Landed::Yes(held)) => return record(ctx, &entry, confirmed(ctx, &entry, &held, sent_as, false)),
                Ok(Landed::No(remaining)) => remaining,
                Err(e) if e.is_offline() => return Err(Stop::Offline(e)),
                Err(e) if e.is_transient() => {
                    last_error = Some(e);
                    continue;
                }
                Err(e) => return record(ctx, &entry, failed(&e, None)),
            }
        } else {
            entry.change.clone()
        };
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        ctx.ledger.mark_in_flight(&entry.run_id, entry.seq, &tracking_id).map_err(|e| Stop::Ledger(e.into()))?;
        sent_as = Some(tracking_id.clone());
        let body = request_body(&change, ctx.org_id);
        match ctx.client.patch_user_licenses(&body, &tracking_id).await {
            Ok(answer) => return record(ctx, &entry, answered(ctx, &entry, &change, answer)),
            Err(e) if is_refusal(&e) => return record(ctx, &entry, failed(&e, Some(tracking_id))),
            Err(e) => {
                tracing::warn!(person = %entry.change.person_id, %tracking_id, "license change answer lost, checking: {e}");
                check_first = true;
                last_error = Some(e);
            }
        }
    }
    // The last answer was lost: the request may have landed all the same.
    if check_first {
        if let Ok(Landed::Yes(held)) = landed(ctx, &entry).await {
            return record(ctx, &entry, confirmed(ctx, &entry, &held, sent_as, false));
        }
    }
    let error = last_error.expect("a send failed");
    if matches!(error, WebexError::Network { .. }) {
        return Err(Stop::Offline(error));
    }
    record(ctx, &entry, failed(&error, None))
}

enum Landed {
    /// The whole change is held: the person's licenses and site urls.
    Yes((Vec<String>, Vec<String>)),
    /// What is left of the change to send.
    No(UserChange),
}

/// Whether the entry's change already took effect, as Webex holds the person now.
async fn landed(ctx: &ApplyContext<'_>, entry: &StoredEntry) -> Result<Landed, WebexError> {
    let person = ctx.client.person(&entry.change.person_id).await?;
    let remaining = remaining_change(&entry.change, &person.licenses, &person.site_urls, ctx.pools);
    Ok(match remaining.add.is_empty() && remaining.remove.is_empty() && remaining.roles.is_empty() {
        true => Landed::Yes((person.licenses, person.site_urls)),
        false => Landed::No(remaining),
    })
}

fn record(ctx: &ApplyContext<'_>, entry: &StoredEntry, result: EntryResult) -> Result<EntryState, Stop> {
    ctx.ledger.record_result(ctx.org_id, ctx.actor, entry, &result, now_ms()).map_err(|e| Stop::Ledger(e.into()))?;
    Ok(result.state)
}

fn failed(error: &WebexError, tracking_id: Option<String>) -> EntryResult {
    let tracking_id = match error {
        WebexError::Api { tracking_id: Some(t), .. } => Some(t.clone()),
        _ => tracking_id,
    };
    EntryResult {
        state: EntryState::Failed,
        error: Some(error.to_string()),
        tracking_id,
        grants: vec![],
        forgotten: vec![],
        summary: None,
    }
}

/// A 200 or 206: what the person now holds decides what stuck.
fn answered(ctx: &ApplyContext<'_>, entry: &StoredEntry, sent: &UserChange, answer: PatchAnswer) -> EntryResult {
    let held = (answer.held.licenses.clone(), held_site_urls(&answer.held));
    let missing = remaining_change(sent, &held.0, &held.1, ctx.pools);
    let mut result = confirmed(ctx, entry, &held, Some(answer.tracking_id), answer.partial);
    if answer.partial || !missing.add.is_empty() || !missing.remove.is_empty() {
        result.state = EntryState::Partial;
        result.error = Some(format!("Webex refused part of the change: {}", summary_line(&missing)));
    }
    result
}

/// The entry's change is (at least partly) in place: grants, audit line,
/// and the cache written through.
fn confirmed(
    ctx: &ApplyContext<'_>,
    entry: &StoredEntry,
    held: &(Vec<String>, Vec<String>),
    tracking_id: Option<String>,
    partial: bool,
) -> EntryResult {
    let grants = entry
        .grants
        .iter()
        .filter_map(|(license, template)| Some((ctx.pools.held_in_pool(license, &held.0)?.clone(), template.clone())))
        .collect();
    let forgotten = entry.change.remove.iter().map(|r| r.license_id.clone()).collect();
    if let Some(store) = ctx.store {
        if let Err(e) = store.record_person_licenses(ctx.org_id, &entry.change.person_id, &held.0, &held.1) {
            tracing::warn!("could not write a confirmed license change through to the cache: {e}");
        }
    }
    EntryResult {
        state: if partial { EntryState::Partial } else { EntryState::Done },
        error: None,
        tracking_id,
        grants,
        forgotten,
        summary: Some(summary_line(&entry.change)),
    }
}
