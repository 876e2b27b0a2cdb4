//! `GET /_sim/subscriptions?orgId=` (default: the partner org) → `{items:
//! [{subscriptionId, startDate, licenses: [{id, name, totalUnits,
//! consumedUnits}]}]}`, oldest first: the order rule T12 draws units in.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::clock::iso_ms;
use crate::http::{ApiError, QueryParams};
use crate::ids::{self, IdType};
use crate::state::Shared;

#[derive(Serialize)]
struct Items {
    items: Vec<SubscriptionView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubscriptionView {
    subscription_id: String,
    start_date: String,
    licenses: Vec<LicenseUnits>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LicenseUnits {
    id: String,
    name: &'static str,
    total_units: u32,
    consumed_units: u32,
}

pub async fn list(State(state): State<Shared>, params: QueryParams) -> Result<Response, ApiError> {
    let tenant = state.tenant();
    let org = match params.get("orgId") {
        None => tenant.partner(),
        Some(id) => ids::decode_uuid(IdType::Organization, id)
            .and_then(|uuid| tenant.find_org(&uuid))
            .ok_or_else(|| ApiError::not_found("Organization not found."))?,
    };
    let mut by_start: BTreeMap<(i64, String), Vec<LicenseUnits>> = BTreeMap::new();
    for &l in &tenant.org(org).licenses {
        let license = tenant.license(l);
        let (Some(id), Some(start)) = (&license.subscription_id, license.subscription_start_ms) else { continue };
        by_start.entry((start, id.clone())).or_default().push(LicenseUnits {
            id: license.id.clone(),
            name: license.kind.name(),
            total_units: license.total_units,
            consumed_units: license.consumed_units(),
        });
    }
    let items = by_start
        .into_iter()
        .map(|((start, id), licenses)| SubscriptionView { subscription_id: id, start_date: iso_ms(start), licenses })
        .collect();
    Ok(Json(Items { items }).into_response())
}
