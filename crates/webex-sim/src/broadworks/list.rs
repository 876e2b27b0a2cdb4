//! `GET /v1/broadworks/subscribers` (webex-api.md §7.1): filters `userId`,
//! `personId`, `email`, `provisioningId`, `spEnterpriseId`,
//! `lastStatusChange` and `after` (epoch ms or ISO 8601: changed / created
//! after), `status` (a comma-separated list), `selfActivated`; `max`
//! default 50, at most 100 (capped silently); next page in `Link`.

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::view::SubscriberView;
use super::{settled, READ_SCOPES};
use crate::clock::parse_instant_ms;
use crate::http::{decode_cursor, encode_cursor, next_link, page_size, ApiError, Caller, QueryParams};
use crate::ids::{self, IdType};
use crate::state::Shared;
use crate::tenant::{Subscriber, SubscriberStatus, Tenant};

pub const DEFAULT_MAX: usize = 50;
pub const MAX_CAP: usize = 100;

#[derive(Serialize)]
struct ListBody<'a> {
    items: Vec<SubscriberView<'a>>,
}

struct Filter {
    user_id: Option<String>,
    person: Option<uuid::Uuid>,
    email: Option<String>,
    provisioning_id: Option<String>,
    sp_enterprise_id: Option<String>,
    changed_after: Option<i64>,
    created_after: Option<i64>,
    statuses: Option<Vec<SubscriberStatus>>,
    self_activated: Option<bool>,
}

impl Filter {
    fn parse(params: &QueryParams) -> Result<Filter, ApiError> {
        let instant = |name: &str| -> Result<Option<i64>, ApiError> {
            params
                .get(name)
                .map(|t| parse_instant_ms(t).ok_or_else(|| ApiError::bad_request(format!("Invalid {name} '{t}'."))))
                .transpose()
        };
        let statuses = params
            .get("status")
            .map(|list| {
                list.split(',')
                    .map(|s| {
                        SubscriberStatus::parse(s.trim())
                            .ok_or_else(|| ApiError::bad_request(format!("Invalid status '{}'.", s.trim())))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(Filter {
            user_id: params.get("userId").map(str::to_string),
            person: params.get("personId").map(|id| ids::decode_uuid(IdType::People, id).unwrap_or_default()),
            email: params.get("email").map(str::to_lowercase),
            provisioning_id: params.get("provisioningId").map(str::to_string),
            sp_enterprise_id: params.get("spEnterpriseId").map(str::to_string),
            changed_after: instant("lastStatusChange")?,
            created_after: instant("after")?,
            statuses,
            self_activated: params.get("selfActivated").map(|_| params.flag("selfActivated")).transpose()?,
        })
    }

    fn matches(&self, tenant: &Tenant, s: &Subscriber) -> bool {
        let enterprise = tenant.org(s.org).broadworks.as_ref();
        let person_uuid = s.person.map(|p| tenant.person(p).uuid);
        self.user_id.as_deref().is_none_or(|u| s.profile.user_id == u)
            && self.person.is_none_or(|p| person_uuid == Some(p))
            && self.email.as_deref().is_none_or(|e| s.email.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(e)))
            && self.provisioning_id.as_deref().is_none_or(|p| enterprise.is_some_and(|x| x.provisioning_id == p))
            && self.sp_enterprise_id.as_deref().is_none_or(|p| enterprise.is_some_and(|x| x.sp_enterprise_id == p))
            && self.changed_after.is_none_or(|t| s.last_status_change_ms > t)
            && self.created_after.is_none_or(|t| s.created_ms > t)
            && self.statuses.as_ref().is_none_or(|list| list.contains(&s.status))
            && self.self_activated.is_none_or(|b| s.self_activated == b)
    }
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(READ_SCOPES)?;
    let filter = Filter::parse(&params)?;
    let size = page_size(params.positive("max")?, DEFAULT_MAX, MAX_CAP);
    let from_seq = params.get("cursor").map(decode_cursor).transpose()?.unwrap_or(0) as u64;
    let tenant = settled(&state);
    let mut hits = tenant
        .subscribers()
        .iter()
        .filter(|s| s.seq >= from_seq && tenant.manages(caller.org, s.org) && filter.matches(&tenant, s));
    let items: Vec<SubscriberView> = hits.by_ref().take(size).map(|s| SubscriberView::new(&tenant, s)).collect();
    let next = hits.next().map(|s| s.seq);
    let mut response = Json(ListBody { items }).into_response();
    if let Some(next) = next {
        let link =
            next_link(&state.origin, "/v1/broadworks/subscribers", &params, "cursor", &encode_cursor(next as usize));
        response.headers_mut().insert(LINK, link);
    }
    Ok(response)
}
