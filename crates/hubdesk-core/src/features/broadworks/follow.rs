//! Live status after an action (B4, B3): each subscriber is read with
//! `GET /broadworks/subscribers/{id}` with backoff until its status settles
//! (`provisioning` → `provisioned` or `error`, `updating` → `provisioned`)
//! or a time limit passes. Every change is reported as it is read (the
//! window gets `subscriber-status` events) and the settled row is written
//! through to the cache, so the status view's counts move as rows settle.
//! Subscribers are followed side by side; nothing waits on the window.

use std::time::Duration;

use futures::future::join_all;
use hubdesk_api::{ApiError, SubscriberLive};
use hubdesk_rules::broadworks::actions::in_progress;
use tokio::time::Instant;

use super::actions::error_texts;
use crate::store::Store;
use crate::webex::models::Subscriber;
use crate::webex::{WebexClient, WebexError};
use crate::Core;

/// How often and how long to read.
#[derive(Debug, Clone, Copy)]
pub struct FollowLimits {
    /// The wait before the second read; doubled after each, up to `max_wait`.
    pub first_wait: Duration,
    pub max_wait: Duration,
    /// Given up after this long: the last status read is reported as timed
    /// out. Zero reads once, and reports that read as it is.
    pub time_limit: Duration,
}

impl Default for FollowLimits {
    fn default() -> Self {
        FollowLimits {
            first_wait: Duration::from_millis(500),
            max_wait: Duration::from_secs(10),
            time_limit: Duration::from_secs(300),
        }
    }
}

pub type LiveFn<'a> = dyn Fn(SubscriberLive) + Send + Sync + 'a;

/// A subscriber as the window shows its status.
pub fn live(s: &Subscriber, timed_out: bool) -> SubscriberLive {
    SubscriberLive {
        subscriber_id: s.id.clone(),
        user_id: s.user_id.clone(),
        status: s.status.clone(),
        package: s.package.clone(),
        errors: error_texts(s),
        settled: !in_progress(&s.status),
        timed_out,
    }
}

fn gone(subscriber_id: &str) -> SubscriberLive {
    SubscriberLive {
        subscriber_id: subscriber_id.to_owned(),
        user_id: None,
        status: "deleted".into(),
        package: None,
        errors: vec![],
        settled: true,
        timed_out: false,
    }
}

/// Follows each subscriber until it settles or the time limit passes; the
/// last read of each, in the order given. `cache`: the store and the home
/// org to write settled rows to.
pub async fn follow_subscribers(
    client: &WebexClient,
    cache: Option<(&Store, &str)>,
    subscriber_ids: &[String],
    limits: FollowLimits,
    on_change: &LiveFn<'_>,
) -> Result<Vec<SubscriberLive>, ApiError> {
    let all = join_all(subscriber_ids.iter().map(|id| follow_one(client, cache, id, limits, on_change))).await;
    all.into_iter().collect()
}

async fn follow_one(
    client: &WebexClient,
    cache: Option<(&Store, &str)>,
    subscriber_id: &str,
    limits: FollowLimits,
    on_change: &LiveFn<'_>,
) -> Result<SubscriberLive, ApiError> {
    let deadline = Instant::now() + limits.time_limit;
    let mut wait = limits.first_wait;
    let mut last: Option<SubscriberLive> = None;
    loop {
        let read = match client.subscriber(subscriber_id).await {
            Ok(read) => Some(read),
            // A moment's failure: read again later, until the time limit.
            Err(e) if e.is_transient() && !matches!(e, WebexError::Network { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        if let Some(read) = read {
            let now = match &read {
                Some(s) => live(s, false),
                None => gone(subscriber_id),
            };
            if last.as_ref() != Some(&now) {
                on_change(now.clone());
            }
            if now.settled {
                write_through(cache, subscriber_id, read.as_ref());
                return Ok(now);
            }
            last = Some(now);
        }
        if Instant::now() + wait > deadline {
            // Nothing could be read at all: the status is unknown.
            let mut timed_out = last.unwrap_or_else(|| SubscriberLive {
                status: "unknown".into(),
                settled: false,
                ..gone(subscriber_id)
            });
            if limits.time_limit.is_zero() {
                return Ok(timed_out);
            }
            timed_out.timed_out = true;
            on_change(timed_out.clone());
            return Ok(timed_out);
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(limits.max_wait);
    }
}

fn write_through(cache: Option<(&Store, &str)>, subscriber_id: &str, read: Option<&Subscriber>) {
    let Some((store, org_id)) = cache else { return };
    let written = match read {
        Some(s) => store.put_subscriber(org_id, s),
        None => store.forget_subscriber(org_id, subscriber_id),
    };
    if let Err(e) = written {
        tracing::warn!("could not write a settled subscriber through to the cache: {e}");
    }
}

impl Core {
    /// Follows the subscribers' statuses (see the module); settled rows go
    /// to the cache under the home org.
    pub async fn broadworks_follow(
        &self,
        subscriber_ids: &[String],
        limits: FollowLimits,
        on_change: &LiveFn<'_>,
    ) -> Result<Vec<SubscriberLive>, ApiError> {
        let client = self.client().await?;
        let org_id = self.home_org_id().await?;
        follow_subscribers(&client, Some((&self.store, &org_id)), subscriber_ids, limits, on_change).await
    }

    /// The subscribers a run's actions leave to follow: each asked
    /// subscriber, or the one a retry provisioned in its place.
    pub fn broadworks_run_subscribers(&self, run_id: &str) -> Result<Vec<String>, ApiError> {
        let mut ids: Vec<String> = Vec::new();
        for stored in self.ledger.steps(run_id)? {
            let step = stored.step;
            let id = match (&step.request, &step.answer) {
                (hubdesk_api::SubscriberRequest::Provision { .. }, Some(answer)) => answer.subscriber_id.clone(),
                (hubdesk_api::SubscriberRequest::Delete { for_retry: true }, _) => continue,
                _ => step.subscriber_id.clone(),
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}
