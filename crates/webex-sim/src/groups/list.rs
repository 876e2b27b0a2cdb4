//! `GET /v1/groups` (SCIM-style paging: 1-based `startIndex`, `count`) →
//! `{totalResults, startIndex, itemsPerPage, groups}`, with a `Link
//! rel="next"` as well (wxc_sdk follows it). `filter` takes `displayName eq
//! "…"` or `displayName sw "…"` (any case); `sortBy` `displayName` or `id`,
//! `sortOrder` `ascending`/`descending`; `includeMembers` adds up to 500
//! members per group. `count` defaults to 100 and is capped at 1000 (the
//! spec names neither; the simulator's choice).

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::view::GroupView;
use super::READ_SCOPES;
use crate::http::{next_link, page_size, ApiError, Caller, QueryParams};
use crate::state::Shared;
use crate::tenant::{GroupIdx, Tenant};

pub const DEFAULT_COUNT: usize = 100;
pub const MAX_COUNT: usize = 1000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    total_results: usize,
    start_index: usize,
    items_per_page: usize,
    groups: Vec<GroupView<'a>>,
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let tenant = state.tenant();
    let org = caller.org_param(&tenant, params.get("orgId"))?;
    let filter = params.get("filter").map(Filter::parse).transpose()?;
    let mut groups: Vec<GroupIdx> = tenant
        .org(org)
        .groups
        .iter()
        .copied()
        .filter(|&g| filter.as_ref().is_none_or(|f| f.matches(&tenant.group(g).display_name)))
        .collect();
    sort(&tenant, &mut groups, &params)?;
    let start_index = params.position("startIndex", 1)?;
    let count = page_size(params.positive("count")?, DEFAULT_COUNT, MAX_COUNT);
    let with_members = params.flag("includeMembers")?;
    let page: Vec<GroupView> =
        groups.iter().skip(start_index - 1).take(count).map(|&g| GroupView::new(&tenant, g, with_members)).collect();
    let body = ListBody { total_results: groups.len(), start_index, items_per_page: page.len(), groups: page };
    let mut response = Json(body).into_response();
    let next = start_index.saturating_add(count);
    if next <= groups.len() {
        let link = next_link(&state.origin, "/v1/groups", &params, "startIndex", &next.to_string());
        response.headers_mut().insert(LINK, link);
    }
    Ok(response)
}

fn sort(tenant: &Tenant, groups: &mut [GroupIdx], params: &QueryParams) -> Result<(), ApiError> {
    match params.get("sortBy") {
        None => {}
        Some("displayName") => groups.sort_by_key(|&g| tenant.group(g).display_name.to_lowercase()),
        Some("id") => groups.sort_by(|&a, &b| tenant.group(a).id.cmp(&tenant.group(b).id)),
        Some(other) => return Err(ApiError::bad_request(format!("Invalid sortBy '{other}': displayName or id."))),
    }
    match params.get("sortOrder") {
        None | Some("ascending") => Ok(()),
        Some("descending") => {
            groups.reverse();
            Ok(())
        }
        Some(other) => Err(ApiError::bad_request(format!("Invalid sortOrder '{other}': ascending or descending."))),
    }
}

/// `displayName eq "Sales"` or `displayName sw "Sal"`.
struct Filter {
    starts_with: bool,
    value: String,
}

impl Filter {
    fn parse(text: &str) -> Result<Filter, ApiError> {
        let invalid =
            || ApiError::bad_request(format!("Invalid filter '{text}': use displayName eq \"…\" or sw \"…\"."));
        let mut parts = text.trim().splitn(3, ' ');
        let (attribute, operator, value) = (parts.next(), parts.next(), parts.next());
        if !attribute.is_some_and(|a| a.eq_ignore_ascii_case("displayName")) {
            return Err(invalid());
        }
        let starts_with = match operator.map(str::to_ascii_lowercase).as_deref() {
            Some("eq") => false,
            Some("sw") => true,
            _ => return Err(invalid()),
        };
        let value = value.and_then(|v| v.trim().strip_prefix('"')?.strip_suffix('"')).ok_or_else(invalid)?;
        Ok(Filter { starts_with, value: value.to_lowercase() })
    }

    fn matches(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        match self.starts_with {
            true => name.starts_with(&self.value),
            false => name == self.value,
        }
    }
}
