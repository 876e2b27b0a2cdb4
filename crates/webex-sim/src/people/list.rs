//! `GET /v1/people`: `{items, notFoundIds}`, paged with `Link rel="next"`.
//! `max` defaults to 100 and is capped silently: 50 with `locationId`, 100
//! with `callingData=true` (admin spec), 1000 otherwise (the simulator's
//! own bound; the spec names none).

use axum::extract::State;
use axum::http::header::LINK;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::search::Search;
use super::view::{PersonView, ViewOptions};
use crate::http::{decode_cursor, encode_cursor, next_link, page_size, ApiError, Caller, QueryParams};
use crate::oauth::Scope;
use crate::state::Shared;

pub const DEFAULT_MAX: usize = 100;
pub const MAX_WITH_LOCATION: usize = 50;
pub const MAX_WITH_CALLING_DATA: usize = 100;
pub const MAX_OTHERWISE: usize = 1000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    items: Vec<PersonView<'a>>,
    not_found_ids: &'a [String],
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    let tenant = state.tenant();
    let search = Search::from_params(&tenant, &caller, &params)?;
    match search.lists_whole_org() {
        true => caller.require_scope(&[Scope::AdminPeopleRead])?,
        false => caller.require_scope(&[Scope::AdminPeopleRead, Scope::PeopleRead, Scope::SparkAll])?,
    }
    let calling_data = params.flag("callingData")?;
    let options = ViewOptions {
        calling_data,
        presence: !search.by_id,
        status: !params.flag("excludeStatus")?,
        admin_fields: !search.by_id,
        user_name: search.by_id,
    };
    let cap = match (params.get("locationId").is_some(), calling_data) {
        (true, _) => MAX_WITH_LOCATION,
        (false, true) => MAX_WITH_CALLING_DATA,
        (false, false) => MAX_OTHERWISE,
    };
    let size = page_size(params.positive("max")?, DEFAULT_MAX, cap);
    let start = params.get("cursor").map(decode_cursor).transpose()?.unwrap_or(0);
    let page = search.page(&tenant, start, size);
    let items = page.people.iter().map(|&p| PersonView::new(&tenant, p, options)).collect();
    let mut response = Json(ListBody { items, not_found_ids: &search.not_found_ids }).into_response();
    if let Some(next) = page.next {
        let link = next_link(&state.origin, "/v1/people", &params, "cursor", &encode_cursor(next));
        response.headers_mut().insert(LINK, link);
    }
    Ok(response)
}
