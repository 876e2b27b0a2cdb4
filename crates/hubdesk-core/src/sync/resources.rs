//! Fetching the resources besides people and licenses.

use std::collections::BTreeSet;

use super::{store_write, Counts};
use crate::store::Store;
use crate::webex::{WebexClient, WebexError};
use hubdesk_api::ApiError;

/// Group member lists fetched at once.
const PARALLEL_MEMBER_LISTS: usize = 4;
/// Subscribers changed in the last day are fetched incrementally; older
/// caches are refetched whole, which also drops deleted subscribers.
const INCREMENTAL_WINDOW_MS: i64 = 24 * 3600 * 1000;
/// Overlap with the previous sync, against clock skew.
const INCREMENTAL_OVERLAP_MS: i64 = 5 * 60 * 1000;

pub(super) async fn sync_groups(client: &WebexClient, store: &Store, org_id: &str) -> Result<Counts, ApiError> {
    use futures::stream::{self, StreamExt};
    let groups = client.groups(org_id).await?;
    let lists: Vec<_> = groups.iter().map(|g| client.group_members(&g.id)).collect();
    let members: Vec<_> = stream::iter(lists).buffered(PARALLEL_MEMBER_LISTS).collect().await;
    let mut with_members = Vec::with_capacity(groups.len());
    for (group, members) in groups.into_iter().zip(members) {
        with_members.push((group, members?));
    }
    let count = with_members.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_groups(org, &with_members)).await?;
    Ok(Counts { pages: 1 + count, items: count })
}

pub(super) async fn sync_locations(client: &WebexClient, store: &Store, org_id: &str) -> Result<Counts, ApiError> {
    let (locations, calling) = tokio::join!(client.locations(org_id), client.calling_locations(org_id));
    let (locations, calling) = (locations?, calling?);
    let count = locations.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_locations(org, &locations, &calling)).await?;
    Ok(Counts { pages: 2, items: count })
}

pub(super) async fn sync_numbers(client: &WebexClient, store: &Store, org_id: &str) -> Result<Counts, ApiError> {
    let mut pager = client.numbers(org_id);
    let mut numbers = Vec::new();
    while let Some(page) = pager.next_page().await? {
        numbers.extend(page);
    }
    let count = numbers.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_numbers(org, &numbers)).await?;
    Ok(Counts { pages: pager.pages(), items: count })
}

/// Session types of every Meetings site the org's licenses name.
pub(super) async fn sync_session_types(client: &WebexClient, store: &Store, org_id: &str) -> Result<Counts, ApiError> {
    let sites: BTreeSet<String> = client.licenses(org_id).await?.into_iter().filter_map(|l| l.site_url).collect();
    let mut per_site = Vec::with_capacity(sites.len());
    for site in sites {
        let types = client.site_session_types(&site).await?;
        per_site.push((site, types));
    }
    let items = per_site.iter().map(|(_, t)| t.len() as u32).sum();
    let pages = 1 + per_site.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_session_types(org, &per_site)).await?;
    Ok(Counts { pages, items })
}

/// The partner's BroadWorks enterprises (which customer each subscriber
/// belongs to); `None` when the token may not list them (a token consented
/// before hubdesk asked for the scope): the cached ones are kept.
pub(super) async fn sync_enterprises(
    client: &WebexClient,
    store: &Store,
    org_id: &str,
) -> Result<Option<u32>, ApiError> {
    let mut pager = client.broadworks_enterprises();
    let mut enterprises = Vec::new();
    loop {
        match pager.next_page().await {
            Ok(Some(page)) => enterprises.extend(page),
            Ok(None) => break,
            Err(WebexError::Api { status: 403, .. }) if enterprises.is_empty() => {
                tracing::info!(
                    "this admin may not list BroadWorks enterprises; subscribers keep their cached customers"
                );
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let count = enterprises.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_enterprises(org, &enterprises)).await?;
    Ok(Some(count))
}

/// Subscribers fetched: how many, and whether all of them (no recent sync
/// to start from).
pub(super) async fn sync_subscribers(
    client: &WebexClient,
    store: &Store,
    org_id: &str,
    sync_ms: i64,
) -> Result<(Counts, bool), ApiError> {
    let now = crate::store::now_ms();
    let since = store.subscribers_synced_at(org_id)?.filter(|at| now - at < INCREMENTAL_WINDOW_MS);
    let changed_since = since.map(|at| crate::store::rfc3339(at - INCREMENTAL_OVERLAP_MS));
    let mut pager = client.subscribers(changed_since.as_deref());
    let mut subscribers = Vec::new();
    loop {
        match pager.next_page().await {
            Ok(Some(page)) => subscribers.extend(page),
            Ok(None) => break,
            // An admin who manages no BroadWorks subscribers (a customer
            // admin) may not list them: for them there are none.
            Err(WebexError::Api { status: 403, .. }) if subscribers.is_empty() => {
                tracing::info!("this admin may not list BroadWorks subscribers");
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let (count, whole) = (subscribers.len() as u32, since.is_none());
    store_write(store, org_id, move |s, org| s.store_subscribers(org, &subscribers, whole, sync_ms)).await?;
    Ok((Counts { pages: pager.pages(), items: count }, whole))
}
