//! The sync engine caches every resource exactly as the simulator serves
//! it: compared with direct API reads over HTTP.

use std::sync::Arc;

use hubdesk_api::{ChangeKind, SyncResource};
use hubdesk_core::store::{ResourceTable, Store};
use hubdesk_core::webex::{StaticToken, WebexClient};
use serde_json::{json, Value};
use webex_sim::{self as sim, SimConfig, SimServer};

struct Env {
    server: SimServer,
    token: String,
    http: reqwest::Client,
}

impl Env {
    async fn start() -> Env {
        let server = sim::start(SimConfig { people: 900, customers: 2, ..SimConfig::default() }).await.unwrap();
        let (token, _) = crate::support::token(&server, "partner_full_admin", None).await;
        Env { token, server, http: reqwest::Client::new() }
    }

    fn client(&self) -> WebexClient {
        WebexClient::new(&self.server.base_url(), Arc::new(StaticToken(self.token.clone())))
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request =
            self.http.request(method, format!("{}/{path}", self.server.base_url())).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }

    async fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None).await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_resource_of_an_org_is_cached_as_served() {
    let env = Env::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let client = env.client();
    let me = client.me().await.unwrap();
    let orgs = hubdesk_core::sync::sync_organizations(&client, &store, &me.org_id).await.unwrap();
    let org = &orgs.iter().find(|o| o.id != me.org_id).unwrap().id;
    let cancel = tokio_util::sync::CancellationToken::new();
    let status = hubdesk_core::sync::sync_org(&client, &store, org, 1, &|_| {}, &cancel).await.unwrap();
    for resource in [
        SyncResource::People,
        SyncResource::Licenses,
        SyncResource::Groups,
        SyncResource::Locations,
        SyncResource::Numbers,
        SyncResource::SessionTypes,
    ] {
        let row = status.iter().find(|s| s.resource == resource).unwrap_or_else(|| panic!("{resource:?} synced"));
        assert!(row.last_success_ms.is_some() && row.last_error.is_none(), "{row:?}");
    }

    let groups = env.get(&format!("groups?orgId={org}&count=1")).await;
    assert_eq!(store.count_rows(ResourceTable::Groups, org).unwrap() as u64, groups["totalResults"].as_u64().unwrap());
    let members: u64 = client.groups(org).await.unwrap().iter().map(|g| g.member_size.unwrap_or(0) as u64).sum();
    assert_eq!(
        store.count_rows(ResourceTable::GroupMembers, org).unwrap() as u64,
        members,
        "every member of every group"
    );

    let locations = client.locations(org).await.unwrap().len() as u32;
    let calling = client.calling_locations(org).await.unwrap().len() as u32;
    assert_eq!(store.count_rows(ResourceTable::Locations, org).unwrap(), locations);
    assert_eq!(store.count_rows(ResourceTable::CallingLocations, org).unwrap(), calling);
    assert!(calling < locations, "the demo has a location not enabled for Calling (rule C2)");

    let numbers = env.get(&format!("telephony/config/numbers?orgId={org}&max=2000")).await;
    assert_eq!(
        store.count_rows(ResourceTable::Numbers, org).unwrap() as usize,
        numbers["phoneNumbers"].as_array().unwrap().len()
    );

    assert!(
        store.count_rows(ResourceTable::SessionTypes, org).unwrap() > 0,
        "the org's Meetings site has session types"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn subscribers_sync_incrementally_and_status_moves_become_changes() {
    let env = Env::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let client = env.client();
    let home = client.me().await.unwrap().org_id;
    let cancel = tokio_util::sync::CancellationToken::new();
    hubdesk_core::sync::sync_subscribers(&client, &store, &home, hubdesk_core::store::now_ms(), &|_| {}, &cancel)
        .await
        .unwrap();
    let served = client.subscribers(None).collect_all().await.unwrap();
    assert!(served.len() > 5);
    assert_eq!(store.count_rows(ResourceTable::Subscribers, &home).unwrap() as usize, served.len());

    // Change a provisioned subscriber's package: `updating`, then
    // `provisioned` once the simulated provisioning time has passed.
    let target = served.iter().find(|s| s.status == "provisioned").expect("a provisioned subscriber");
    env.call(
        reqwest::Method::PUT,
        &format!("broadworks/subscribers/{}", target.id),
        Some(json!({"package": "premium"})),
    )
    .await;
    let second_run = hubdesk_core::store::now_ms() - 5_000;
    hubdesk_core::sync::sync_subscribers(&client, &store, &home, second_run, &|_| {}, &cancel).await.unwrap();
    let changes = store.changes(&home, 100).unwrap();
    let moved: Vec<_> =
        changes.iter().filter(|c| c.kind == ChangeKind::SubscriberStatus && c.person_id == target.id).collect();
    assert_eq!(moved.len(), 1, "{changes:?}");
    assert_eq!(moved[0].detail.as_deref(), Some("provisioned → updating"));
    assert_eq!(moved[0].at_ms, second_run, "stamped with the sync run, not the moment it was written");
    assert_eq!(
        store.count_rows(ResourceTable::Subscribers, &home).unwrap() as usize,
        served.len(),
        "merged, not replaced"
    );
}

/// A provisioned subscriber's status move belongs to the Webex user it
/// became, in the customer org that user is cached in, so the Changes
/// screen files it there and can open that user.
#[tokio::test(flavor = "multi_thread")]
async fn a_provisioned_subscribers_status_move_is_filed_under_its_user() {
    let env = Env::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    let client = env.client();
    let home = client.me().await.unwrap().org_id;
    let orgs = hubdesk_core::sync::sync_organizations(&client, &store, &home).await.unwrap();
    let ids: Vec<String> = orgs.into_iter().map(|o| o.id).collect();
    let cancel = tokio_util::sync::CancellationToken::new();
    hubdesk_core::sync::sync_orgs(&client, &store, &home, &ids, &|_| {}, &cancel).await.unwrap();

    let served = client.subscribers(None).collect_all().await.unwrap();
    let target = served.iter().find(|s| s.status == "provisioned" && s.person_id.is_some()).expect("a provisioned one");
    let person_id = target.person_id.clone().unwrap();
    env.call(
        reqwest::Method::PUT,
        &format!("broadworks/subscribers/{}", target.id),
        Some(json!({"package": "premium"})),
    )
    .await;
    hubdesk_core::sync::sync_subscribers(&client, &store, &home, hubdesk_core::store::now_ms(), &|_| {}, &cancel)
        .await
        .unwrap();

    let customer = ids.iter().find(|org| store.person_detail(org, &person_id).is_ok()).expect("the user is cached");
    assert_ne!(customer, &home, "subscribers' users live in the customers' orgs");
    let filed: Vec<_> = store
        .changes(customer, 100)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == ChangeKind::SubscriberStatus && c.person_id == person_id)
        .collect();
    let everywhere: Vec<_> = ids
        .iter()
        .flat_map(|o| store.changes(o, 100).unwrap())
        .filter(|c| c.kind == ChangeKind::SubscriberStatus)
        .collect();
    assert_eq!(filed.len(), 1, "under the customer, with the user's id: {everywhere:?}");
    assert!(!store.changes(&home, 100).unwrap().iter().any(|c| c.person_id == target.id), "not under the partner");
}
