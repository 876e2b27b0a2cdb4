//! The sync engine: fetch a resource completely, then swap it into the store
//! in one transaction. A failed or cancelled sync leaves the previous cache.

use tokio_util::sync::CancellationToken;

use crate::store::Store;
use crate::webex::models::Organization;
use crate::webex::WebexClient;
use hubdesk_api::{ApiError, ErrorCode, SyncPhase, SyncProgress, SyncResource, SyncStatusRow};

mod resources;

/// Runs a swap into the store on a blocking thread. SQLite writes for as
/// long as it takes (a second for 100,000 people); run inline, that would
/// stall every resource of the org, which share one task, and the worker
/// thread they run on.
async fn store_write<R: Send + 'static>(
    store: &Store,
    org_id: &str,
    write: impl FnOnce(&Store, &str) -> Result<R, crate::store::StoreError> + Send + 'static,
) -> Result<R, ApiError> {
    let (store, org_id) = (store.clone(), org_id.to_owned());
    match tokio::task::spawn_blocking(move || write(&store, &org_id)).await {
        Ok(result) => Ok(result?),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(ApiError::new(ErrorCode::Cancelled, "The sync was stopped; the previous data is kept.")
            .with_detail(format!("the write was stopped: {e}"))),
    }
}

/// Receives progress as pages arrive (drives the UI's progress bars).
pub type ProgressFn = dyn Fn(SyncProgress) + Send + Sync;

/// Refreshes the list of organizations the token manages.
pub async fn sync_organizations(
    client: &WebexClient,
    store: &Store,
    home_org_id: &str,
) -> Result<Vec<Organization>, ApiError> {
    let mut orgs = client.organizations().await?;
    // Some tokens (read-only admins) do not list their own org: add it.
    if !orgs.iter().any(|o| o.id == home_org_id) {
        orgs.push(Organization { id: home_org_id.to_owned(), display_name: home_org_id.to_owned(), created: None });
    }
    store.replace_orgs(home_org_id, &orgs)?;
    Ok(orgs)
}

/// Orgs synced at once by [`sync_orgs`]. Each org's lists are sequential
/// (cursor paging), so parallelism comes from orgs; the client's shared rate
/// gate and in-flight limit keep the total polite.
const PARALLEL_ORGS: usize = 4;

/// Syncs several orgs concurrently, and the partner's BroadWorks
/// subscribers. Every org is attempted even when another fails; the first
/// error (other than a cancel) is returned.
pub async fn sync_orgs(
    client: &WebexClient,
    store: &Store,
    home_org_id: &str,
    org_ids: &[String],
    progress: &ProgressFn,
    cancel: &CancellationToken,
) -> Result<(), ApiError> {
    use futures::stream::{self, StreamExt};
    let sync_ms = crate::store::now_ms();
    // The futures are made first: a closure inside the stream would make the
    // whole future too generic for the compiler to prove it `Send`.
    let syncs: Vec<_> =
        org_ids.iter().map(|org_id| sync_org(client, store, org_id, sync_ms, progress, cancel)).collect();
    let (results, subscribers): (Vec<Result<_, ApiError>>, _) = tokio::join!(
        stream::iter(syncs).buffer_unordered(PARALLEL_ORGS).collect(),
        sync_subscribers(client, store, home_org_id, sync_ms, progress, cancel),
    );
    let results: Vec<Result<(), ApiError>> =
        results.into_iter().map(|r| r.map(|_| ())).chain(std::iter::once(subscribers)).collect();
    if cancel.is_cancelled() {
        return Err(ApiError::new(ErrorCode::Cancelled, "The sync was cancelled; the previous data is kept."));
    }
    results.into_iter().find_map(Result::err).map_or(Ok(()), Err)
}

/// Syncs every resource of one org at once. Each resource is attempted even
/// when another fails; the first error is returned. `sync_ms` stamps the
/// changes found: one value per sync run, so they group as one sync.
pub async fn sync_org(
    client: &WebexClient,
    store: &Store,
    org_id: &str,
    sync_ms: i64,
    progress: &ProgressFn,
    cancel: &CancellationToken,
) -> Result<Vec<SyncStatusRow>, ApiError> {
    use SyncResource::*;
    let results = tokio::join!(
        run(store, org_id, Licenses, progress, cancel, sync_licenses(client, store, org_id)),
        run(store, org_id, People, progress, cancel, sync_people(client, store, org_id, sync_ms, progress)),
        run(store, org_id, Groups, progress, cancel, resources::sync_groups(client, store, org_id)),
        run(store, org_id, Locations, progress, cancel, resources::sync_locations(client, store, org_id)),
        run(store, org_id, Numbers, progress, cancel, resources::sync_numbers(client, store, org_id)),
        run(store, org_id, SessionTypes, progress, cancel, resources::sync_session_types(client, store, org_id)),
    );
    let (a, b, c, d, e, f) = results;
    [a, b, c, d, e, f].into_iter().find_map(Result::err).map_or(Ok(()), Err)?;
    Ok(store.sync_status(org_id)?)
}

/// Syncs the BroadWorks subscribers the partner manages (kept under the
/// home org): only those changed since the last sync when it was recent;
/// and first the enterprises that map them to customers.
pub async fn sync_subscribers(
    client: &WebexClient,
    store: &Store,
    home_org_id: &str,
    sync_ms: i64,
    progress: &ProgressFn,
    cancel: &CancellationToken,
) -> Result<(), ApiError> {
    refresh_subscribers(client, store, home_org_id, sync_ms, true, progress, cancel).await.map(|_| ())
}

/// What [`refresh_subscribers`] brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscribersFetched {
    pub subscribers: u32,
    /// Every subscriber was fetched (no recent sync to start from).
    pub whole: bool,
    /// Enterprises fetched, when asked for and allowed.
    pub enterprises: Option<u32>,
}

/// The subscribers changed since the last sync (all of them when it was
/// not recent), and the enterprises first when `enterprises` is set.
pub async fn refresh_subscribers(
    client: &WebexClient,
    store: &Store,
    home_org_id: &str,
    sync_ms: i64,
    enterprises: bool,
    progress: &ProgressFn,
    cancel: &CancellationToken,
) -> Result<SubscribersFetched, ApiError> {
    let fetched = std::sync::Mutex::new(None);
    let work = async {
        let enterprises =
            if enterprises { resources::sync_enterprises(client, store, home_org_id).await? } else { None };
        let (counts, whole) = resources::sync_subscribers(client, store, home_org_id, sync_ms).await?;
        *fetched.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(SubscribersFetched { subscribers: counts.items, whole, enterprises });
        Ok(counts)
    };
    run(store, home_org_id, SyncResource::Subscribers, progress, cancel, work).await?;
    let fetched = fetched.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(fetched.expect("set by the work that succeeded"))
}

/// Wraps one resource's sync with its status row, its progress events and
/// cancellation.
async fn run(
    store: &Store,
    org_id: &str,
    resource: SyncResource,
    progress: &ProgressFn,
    cancel: &CancellationToken,
    work: impl std::future::Future<Output = Result<Counts, ApiError>>,
) -> Result<(), ApiError> {
    store.record_sync_attempt(org_id, resource)?;
    let event = |phase, counts: Counts, error: Option<ApiError>| SyncProgress {
        org_id: org_id.to_owned(),
        resource,
        phase,
        pages: counts.pages,
        items: counts.items,
        error,
    };
    progress(event(SyncPhase::Running, Counts::default(), None));
    let result = tokio::select! {
        _ = cancel.cancelled() => Err(ApiError::new(ErrorCode::Cancelled, "The sync was cancelled; the previous data is kept.")),
        result = work => result,
    };
    match result {
        Ok(counts) => {
            progress(event(SyncPhase::Done, counts, None));
            Ok(())
        }
        Err(error) => {
            let phase = if error.code == ErrorCode::Cancelled { SyncPhase::Cancelled } else { SyncPhase::Failed };
            if phase == SyncPhase::Failed {
                store.record_sync_failure(org_id, resource, &error.message)?;
            }
            progress(event(phase, Counts::default(), Some(error.clone())));
            Err(error)
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub(crate) pages: u32,
    pub(crate) items: u32,
}

async fn sync_licenses(client: &WebexClient, store: &Store, org_id: &str) -> Result<Counts, ApiError> {
    let licenses = client.licenses(org_id).await?;
    let count = licenses.len() as u32;
    store_write(store, org_id, move |s, org| s.replace_licenses(org, &licenses)).await?;
    Ok(Counts { pages: 1, items: count })
}

async fn sync_people(
    client: &WebexClient,
    store: &Store,
    org_id: &str,
    sync_ms: i64,
    progress: &ProgressFn,
) -> Result<Counts, ApiError> {
    let mut pager = client.people(org_id);
    let mut people = Vec::new();
    while let Some(page) = pager.next_page().await? {
        people.extend(page);
        progress(SyncProgress {
            org_id: org_id.to_owned(),
            resource: SyncResource::People,
            phase: SyncPhase::Running,
            pages: pager.pages(),
            items: people.len() as u32,
            error: None,
        });
    }
    // Paging over a list that changes underneath can repeat a person: the
    // store keeps each once and says how many that makes.
    let stored = store_write(store, org_id, move |s, org| s.replace_people_at(org, &people, sync_ms)).await?;
    Ok(Counts { pages: pager.pages(), items: stored as u32 })
}
