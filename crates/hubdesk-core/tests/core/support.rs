//! Shared by the core's tests: a `Core` on a temporary folder whose demo
//! tenant is a real simulator in this process, and a few HTTP calls on a
//! simulator (tokens, fault knobs, the change log, raw API writes).
// Not every helper is used by every module.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use futures::future::BoxFuture;
use hubdesk_api::ApiError;
use hubdesk_core::auth::Vault;
use hubdesk_core::demo::{DemoClient, DemoLauncher, DemoTenant, DEMO_CUSTOMERS, DEMO_PEOPLE, DEMO_SEED};
use hubdesk_core::{Core, CoreFiles};
use serde_json::Value;
use webex_sim::client::{call, ApiReply, SimHelpers};
use webex_sim::{SimConfig, SimServer};

/// The demo tenant as the app has it, but in this process.
pub struct InProcessDemo;

impl DemoLauncher for InProcessDemo {
    fn launch<'a>(&'a self, _data_dir: &'a Path) -> BoxFuture<'a, Result<DemoTenant, ApiError>> {
        Box::pin(async {
            let config =
                SimConfig { seed: DEMO_SEED, people: DEMO_PEOPLE, customers: DEMO_CUSTOMERS, ..SimConfig::default() };
            let server = webex_sim::start(config).await.map_err(|e| ApiError::internal(format!("{e:#}")))?;
            Ok(DemoTenant {
                base_url: server.base_url(),
                admin_email: server.partner_admin_email(),
                client: demo_client(),
                reviver: None,
                on_leave: Some(Box::pin(server.shutdown())),
            })
        })
    }
}

pub fn demo_client() -> DemoClient {
    DemoClient { id: webex_sim::DEMO_CLIENT_ID.to_owned(), secret: webex_sim::DEMO_CLIENT_SECRET.to_owned() }
}

/// A `Core` on `dir`, as the app opens it, with the in-process demo tenant.
pub fn open_core(dir: &Path, vault: Vault) -> Core {
    Core::open(&CoreFiles::in_data_dir(dir), vault).expect("the core opens").with_demo(Arc::new(InProcessDemo))
}

/// A keyring service of the test's own, so tests never share tokens.
pub fn private_vault() -> Vault {
    Vault::new(format!("hubdesk-it-{}", uuid::Uuid::new_v4()))
}

pub fn helpers(server: &SimServer) -> SimHelpers {
    SimHelpers::new(&server.origin())
}

/// `POST /_sim/tokens` → (access_token, orgId).
pub async fn token(server: &SimServer, role: &str, org_id: Option<&str>) -> (String, String) {
    let issued = helpers(server).token(role, org_id).await.unwrap_or_else(|e| panic!("token for {role}: {e:#}"));
    (issued.access_token, issued.org_id)
}

/// `POST /_sim/faults` with `knobs`; panics unless accepted.
pub async fn set_faults(server: &SimServer, knobs: Value) -> Value {
    helpers(server).set_faults(knobs.clone()).await.unwrap_or_else(|e| panic!("faults {knobs}: {e:#}"))
}

/// Every change the simulator's API made after the `since`th.
pub async fn changes(server: &SimServer, since: u64) -> Vec<Value> {
    helpers(server).changes(since).await.expect("the change log")
}

pub async fn post(url: &str, token: &str, body: Value) -> ApiReply {
    call(reqwest::Method::POST, url, token, Some(body)).await.expect("the API answers")
}

pub async fn patch(url: &str, token: &str, body: Value) -> ApiReply {
    call(reqwest::Method::PATCH, url, token, Some(body)).await.expect("the API answers")
}
