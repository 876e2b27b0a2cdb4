//! The window's BroadWorks write commands (B4): preview, apply (journal,
//! send in the background, then follow), follow. (The error text for a
//! ticket is on each row of the status view.)

use hubdesk_api::{ApiError, Event, SubscriberActionsApplied, SubscriberActionsPreview, SubscriberAsk, SubscriberLive};

use super::follow::FollowLimits;
use crate::commands::Caller;

pub async fn broadworks_actions_preview(
    caller: &Caller,
    asks: Vec<SubscriberAsk>,
) -> Result<SubscriberActionsPreview, ApiError> {
    caller.core.broadworks_actions_preview(&asks).await
}

/// Answers once the journal is written; the run is sent in the background
/// (`run-progress`), then each subscriber is followed (`subscriber-status`).
pub async fn broadworks_actions_apply(
    caller: &Caller,
    asks: Vec<SubscriberAsk>,
) -> Result<SubscriberActionsApplied, ApiError> {
    let (run, refused) = caller.core.broadworks_actions_journal(&asks).await?;
    if let Some(run) = &run {
        let (core, host, progress) = (caller.core.clone(), caller.host.clone(), caller.run_progress());
        let run_id = run.run_id.clone();
        tokio::spawn(async move {
            if let Err(e) = core.run_apply(&run_id, &progress).await {
                tracing::warn!(%run_id, "the BroadWorks run stopped: {e}");
            }
            let ids = core.broadworks_run_subscribers(&run_id).unwrap_or_default();
            let emit = move |live| host.emit(Event::SubscriberLive(live));
            if let Err(e) = core.broadworks_follow(&ids, FollowLimits::default(), &emit).await {
                tracing::warn!(%run_id, "the subscribers could not be followed: {e}");
            }
        });
    }
    Ok(SubscriberActionsApplied { run, refused })
}

pub async fn broadworks_follow(caller: &Caller, subscriber_ids: Vec<String>) -> Result<Vec<SubscriberLive>, ApiError> {
    let host = caller.host.clone();
    let emit = move |live| host.emit(Event::SubscriberLive(live));
    caller.core.broadworks_follow(&subscriber_ids, FollowLimits::default(), &emit).await
}
