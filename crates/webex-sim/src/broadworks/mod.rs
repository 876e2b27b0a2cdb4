//! Webex for BroadWorks (webex-api.md §7; rules B1–B5): subscribers (list
//! with filters, get, provision, update, delete, validate, consent email)
//! and enterprises. A subscriber's status moves on its own over simulated
//! time (`provisioning` → `provisioned` or `error`, `updating` →
//! `provisioned`): every request first lets the work that is due finish,
//! so `POST /_sim/clock` can make hours pass at once.
//!
//! Partner admins see the subscribers of every customer they manage; a
//! customer admin sees their own org's.

mod enterprises;
mod list;
mod provision;
mod update;
mod validate;
mod view;

use std::sync::RwLockReadGuard;

use axum::routing::{get, post};
use axum::Router;

use crate::http::{ApiError, Caller};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::{Shared, SimState};
use crate::tenant::{OrgIdx, Tenant};

const READ_SCOPES: &[Scope] = &[Scope::BroadworksSubscribersRead];
const WRITE_SCOPES: &[Scope] = &[Scope::BroadworksSubscribersWrite];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/broadworks/subscribers", get(list::list).post(provision::provision))
        .route("/v1/broadworks/subscribers/validate", post(validate::validate))
        .route("/v1/broadworks/subscribers/{subscriberId}", get(view::get).put(update::update).delete(update::delete))
        // The path really has no `/broadworks` (the Postman collection agrees).
        .route("/v1/subscribers/{subscriberId}/emails/consentMove", post(update::consent_move))
        .route("/v1/broadworks/enterprises", get(enterprises::list))
}

/// The tenant after the work due now has finished.
fn settled(state: &SimState) -> RwLockReadGuard<'_, Tenant> {
    let now = state.now_ms();
    if state.tenant().subscriber_work_due(now) {
        state.tenant_mut().settle_subscribers(now);
    }
    state.tenant()
}

/// Finishes the work due now, under a write lock the caller already holds.
fn settle(state: &SimState, tenant: &mut Tenant) {
    tenant.settle_subscribers(state.now_ms());
}

/// A subscriber the caller can see, by id: its position.
fn find(tenant: &Tenant, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    let at = ids::decode_uuid(IdType::Subscriber, id)
        .and_then(|uuid| tenant.find_subscriber(&uuid))
        .filter(|&at| tenant.manages(caller.org, tenant.subscribers()[at].org))
        .ok_or_else(|| ApiError::not_found("Subscriber not found."))?;
    Ok(at)
}

/// The customer org whose customer template has `provisioning_id`.
fn org_of_template(tenant: &Tenant, caller: &Caller, provisioning_id: &str) -> Option<OrgIdx> {
    tenant
        .org_indices()
        .filter(|&o| tenant.manages(caller.org, o))
        .find(|&o| tenant.org(o).broadworks.as_ref().is_some_and(|e| e.provisioning_id == provisioning_id))
}
