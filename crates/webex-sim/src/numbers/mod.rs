//! The Webex Calling number inventory, `GET /v1/telephony/config/numbers`
//! (webex-api.md §5.4): key `phoneNumbers`, zero-based `start`, `max`
//! (default 2000), the next page also in `Link`. Rows come location by
//! location (org order), numbers ascending, then extensions held without a
//! number; `order=extension` or `order=lastName` sorts them. `details=true`
//! adds `count`. It is the inventory the license rules check, so it always
//! agrees with people's Calling numbers and extensions.

mod entry;
mod filter;

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::http::{next_link, page_size, ApiError, Caller, QueryParams};
use crate::licenses::find_location;
use crate::oauth::Scope;
use crate::state::Shared;
use crate::tenant::{LocationIdx, Tenant};
use entry::{owner_names, Entry, EntryView};
use filter::Filter;

pub const DEFAULT_MAX: usize = 2000;

pub fn routes() -> Router<Shared> {
    Router::new().route("/v1/telephony/config/numbers", get(list))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    phone_numbers: Vec<EntryView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<Count>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Count {
    assigned: usize,
    un_assigned: usize,
    in_active: usize,
    extension_only: usize,
    toll_free_numbers: usize,
    total: usize,
    mobile_number: usize,
    service_number: usize,
    available: usize,
    elin: usize,
    reserved_number: usize,
}

async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(&[Scope::AdminTelephonyConfigRead])?;
    let tenant = state.tenant();
    let org = caller.org_param(&tenant, params.get("orgId"))?;
    let locations: Vec<LocationIdx> = match params.get("locationId") {
        Some(id) => vec![find_location(&tenant, org, id).ok_or_else(|| ApiError::not_found("Location not found."))?],
        None => tenant.org(org).locations.clone(),
    };
    let filter = Filter::parse(&params)?;
    let mut rows: Vec<Entry> =
        locations.iter().flat_map(|&l| rows_of(&tenant, l)).filter(|&e| filter.matches(&tenant, e)).collect();
    sort(&tenant, &mut rows, params.get("order"))?;
    let start = params.position("start", 0)?;
    let size = page_size(params.positive("max")?, DEFAULT_MAX, DEFAULT_MAX);
    let count = params.flag("details")?.then(|| count(&rows));
    let phone_numbers = rows.iter().skip(start).take(size).map(|&e| EntryView::new(&tenant, e)).collect();
    let mut response = Json(ListBody { phone_numbers, count }).into_response();
    let next = start.saturating_add(size);
    if next < rows.len() {
        let link = next_link(&state.origin, "/v1/telephony/config/numbers", &params, "start", &next.to_string());
        response.headers_mut().insert(LINK, link);
    }
    Ok(response)
}

fn rows_of(tenant: &Tenant, location: LocationIdx) -> impl Iterator<Item = Entry> + '_ {
    let inventory = &tenant.location(location).numbers;
    let numbers = inventory.numbers().map(move |(n, e)| Entry::Number(location, n, e));
    let extensions = inventory.extension_only().map(move |(x, o)| Entry::ExtensionOnly(location, x, o));
    numbers.chain(extensions)
}

fn sort(tenant: &Tenant, rows: &mut [Entry], order: Option<&str>) -> Result<(), ApiError> {
    match order {
        None | Some("dn") => Ok(()),
        Some("extension") => {
            rows.sort_by_key(|e| e.extension(tenant).unwrap_or(u64::MAX));
            Ok(())
        }
        Some("lastName") => {
            rows.sort_by_cached_key(|&e| owner_names(tenant, e).1);
            Ok(())
        }
        Some(other) => Err(ApiError::bad_request(format!("Invalid order '{other}': lastName, dn or extension."))),
    }
}

fn count(rows: &[Entry]) -> Count {
    let mut count = Count { total: rows.len(), ..Count::default() };
    for row in rows {
        match (row.number(), row.owner()) {
            (None, _) => count.extension_only += 1,
            (Some(_), Some(_)) => count.assigned += 1,
            (Some(_), None) => {
                count.un_assigned += 1;
                count.available += 1;
            }
        }
        count.in_active += usize::from(!row.active());
        count.service_number += usize::from(row.is_service());
    }
    count
}
