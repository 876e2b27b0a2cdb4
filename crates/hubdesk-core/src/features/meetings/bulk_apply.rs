//! Applying a session-types run: each user's whole set PUT once (S2).
//!
//! As for license runs: each entry is marked in flight (a FULL-synced
//! commit) before its PUT leaves, and its answer is recorded with its audit
//! line in one commit. An entry found in flight on resume, or whose answer
//! was lost, is first checked by reading the user's set: if it already is
//! the wanted set the entry is done and nothing is sent again. So after any
//! crash or cancel each PUT lands once.

use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio_util::sync::CancellationToken;

use super::bulk::summary_line;
use crate::features::templates::apply::RunProgressFn;
use crate::ledger::{Ledger, StoredTypesEntry, TypesResult};
use crate::store::now_ms;
use crate::webex::licenses_write::is_refusal;
use crate::webex::{WebexClient, WebexError};
use hubdesk_api::{ApiError, EntryState, ErrorCode, RunProgress, RunState, RunSummary};
use hubdesk_rules::meetings::same_set;

/// PUTs in flight at once: enough to keep up with Webex's rate limit, which
/// the client's shared gate enforces.
const CONCURRENCY: usize = 8;
/// Sends of one entry before it is recorded as failed.
const MAX_SENDS: u32 = 5;

pub struct TypesContext<'a> {
    pub client: &'a WebexClient,
    pub ledger: &'a Ledger,
    pub org_id: &'a str,
    /// The signed-in admin, as the audit log names them.
    pub actor: &'a str,
}

enum Stop {
    /// Nothing answers: the run is interrupted, never queued silently.
    Offline(WebexError),
    Ledger(ApiError),
}

/// Sends every open entry of the run. Returns the run as it ends: finished,
/// or interrupted by a cancel or a lost network.
pub async fn apply_types_run(
    ctx: &TypesContext<'_>,
    run_id: &str,
    progress: &RunProgressFn<'_>,
    cancel: &CancellationToken,
) -> Result<RunSummary, ApiError> {
    ctx.ledger.set_run_state(run_id, RunState::Running)?;
    let entries = ctx.ledger.open_types_entries(run_id)?;
    let before = ctx.ledger.run_summary(run_id)?;
    let total = before.total;
    let mut done = before.total - entries.len() as u32;
    let mut failed = before.failed;
    let report = |done, failed, state| RunProgress { run_id: run_id.to_owned(), done, total, failed, state };
    progress(report(done, failed, RunState::Running));

    let mut results = stream::iter(entries)
        .take_while(|_| std::future::ready(!cancel.is_cancelled()))
        .map(|entry| async move { apply_entry(ctx, entry).await })
        .buffer_unordered(CONCURRENCY);
    let mut stop = None;
    while let Some(outcome) = results.next().await {
        match outcome {
            Ok(state) => {
                done += 1;
                failed += u32::from(state == EntryState::Failed);
                progress(report(done, failed, RunState::Running));
            }
            Err(s) => {
                // Let the PUTs already sent finish; send nothing new.
                cancel.cancel();
                stop.get_or_insert(s);
            }
        }
    }
    drop(results);
    let finished = ctx.ledger.open_types_entries(run_id)?.is_empty();
    let state = if finished { RunState::Finished } else { RunState::Interrupted };
    ctx.ledger.set_run_state(run_id, state)?;
    progress(report(done, failed, state));
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
async fn apply_entry(ctx: &TypesContext<'_>, entry: StoredTypesEntry) -> Result<EntryState, Stop> {
    let change = &entry.change;
    let mut check_first = entry.state == EntryState::InFlight;
    let mut last_error = None;
    // The tracking id of the PUT that may have landed.
    let mut sent_as = entry.tracking_id.clone();
    for send in 0..MAX_SENDS {
        if send > 0 {
            tokio::time::sleep(Duration::from_millis(500 * 2u64.pow(send - 1))).await;
        }
        if check_first {
            match landed(ctx, change).await {
                // It landed before its answer was lost.
                Ok(true) => return record(ctx, &entry, done(change, sent_as)),
                Ok(false) => {}
                Err(e) if e.is_offline() => return Err(Stop::Offline(e)),
                Err(e) if e.is_transient() => {
                    last_error = Some(e);
                    continue;
                }
                Err(e) => return record(ctx, &entry, refused(change, &e, None)),
            }
        }
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        ctx.ledger.mark_in_flight(&entry.run_id, entry.seq, &tracking_id).map_err(|e| Stop::Ledger(e.into()))?;
        sent_as = Some(tracking_id.clone());
        match ctx.client.put_user_session_types(&change.person_id, &change.site_url, &change.after, &tracking_id).await
        {
            Ok(echo) => return record(ctx, &entry, answered(change, echo, tracking_id)),
            Err(e) if is_refusal(&e) => return record(ctx, &entry, refused(change, &e, Some(tracking_id))),
            Err(e) => {
                tracing::warn!(person = %change.person_id, %tracking_id, "session types answer lost, checking: {e}");
                check_first = true;
                last_error = Some(e);
            }
        }
    }
    // The last answer was lost: the PUT may have landed all the same.
    if check_first && landed(ctx, change).await.is_ok_and(|held| held) {
        return record(ctx, &entry, done(change, sent_as));
    }
    let error = last_error.expect("a send failed");
    if matches!(error, WebexError::Network { .. }) {
        return Err(Stop::Offline(error));
    }
    // No answer to audit: the entry says why.
    let result =
        TypesResult { state: EntryState::Failed, error: Some(error.to_string()), tracking_id: None, summary: None };
    record(ctx, &entry, result)
}

/// Whether Webex holds the set the change sends.
async fn landed(ctx: &TypesContext<'_>, change: &hubdesk_api::UserTypesChange) -> Result<bool, WebexError> {
    let held = ctx.client.user_session_types(&change.person_id, &change.site_url).await?;
    Ok(same_set(&held.into_iter().map(|t| t.id).collect::<Vec<_>>(), &change.after))
}

fn record(ctx: &TypesContext<'_>, entry: &StoredTypesEntry, result: TypesResult) -> Result<EntryState, Stop> {
    ctx.ledger
        .record_types_result(ctx.org_id, ctx.actor, entry, &result, now_ms())
        .map_err(|e| Stop::Ledger(e.into()))?;
    Ok(result.state)
}

fn done(change: &hubdesk_api::UserTypesChange, tracking_id: Option<String>) -> TypesResult {
    TypesResult { state: EntryState::Done, error: None, tracking_id, summary: Some(summary_line(change)) }
}

/// The PUT's answer echoes what Webex holds; if it is not what was sent,
/// the entry is partial and says what Webex holds (S5).
fn answered(
    change: &hubdesk_api::UserTypesChange,
    echo: Option<Vec<crate::webex::models::SessionType>>,
    tracking_id: String,
) -> TypesResult {
    let mut result = done(change, Some(tracking_id));
    if let Some(held) = echo {
        let held: Vec<String> = held.into_iter().map(|t| t.id).collect();
        if !same_set(&held, &change.after) {
            result.state = EntryState::Partial;
            result.error = Some(format!(
                "Webex holds {} on {}, not what was sent ({}).",
                if held.is_empty() { "no type".to_owned() } else { held.join(",") },
                change.site_url,
                change.after.join(",")
            ));
        }
    }
    result
}

/// Webex refused: nothing changed. The refusal is audited with its
/// tracking id, so the log shows who tried what.
fn refused(change: &hubdesk_api::UserTypesChange, error: &WebexError, tracking_id: Option<String>) -> TypesResult {
    let tracking_id = match error {
        WebexError::Api { tracking_id: Some(t), .. } => Some(t.clone()),
        _ => tracking_id,
    };
    TypesResult {
        state: EntryState::Failed,
        error: Some(error.to_string()),
        summary: tracking_id.as_ref().map(|_| summary_line(change)),
        tracking_id,
    }
}
