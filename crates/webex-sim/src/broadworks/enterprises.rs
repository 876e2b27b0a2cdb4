//! `GET /v1/broadworks/enterprises` (`spEnterpriseId`, `startsWith`, `max`
//! default 100, at most 1000) → `{items: [{id, orgId, provisioningId,
//! spEnterpriseId, broadworksDirectorySync}]}` (the spec's schema leaves
//! out the `items` wrapper its example has, a defect).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::http::{page_size, ApiError, Caller, QueryParams};
use crate::ids::{self, IdType};
use crate::oauth::Scope;
use crate::state::Shared;

#[derive(Serialize)]
struct Items<'a> {
    items: Vec<EnterpriseView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnterpriseView<'a> {
    id: String,
    org_id: &'a str,
    provisioning_id: &'a str,
    sp_enterprise_id: &'a str,
    broadworks_directory_sync: DirectorySync,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DirectorySync {
    enable_dir_sync: bool,
}

pub async fn list(State(state): State<Shared>, caller: Caller, params: QueryParams) -> Result<Response, ApiError> {
    caller.require_scope(&[Scope::BroadworksEnterprisesRead])?;
    let tenant = state.tenant();
    let size = page_size(params.positive("max")?, 100, 1000);
    let exact = params.get("spEnterpriseId");
    let prefix = params.get("startsWith");
    let items = tenant
        .org_indices()
        .filter(|&o| tenant.manages(caller.org, o))
        .filter_map(|o| Some((tenant.org(o), tenant.org(o).broadworks.as_ref()?)))
        .filter(|(_, e)| exact.is_none_or(|x| e.sp_enterprise_id == x))
        .filter(|(_, e)| prefix.is_none_or(|p| e.sp_enterprise_id.starts_with(p)))
        .take(size)
        .map(|(org, e)| EnterpriseView {
            id: ids::encode_uuid(IdType::Enterprise, &e.uuid),
            org_id: &org.id,
            provisioning_id: &e.provisioning_id,
            sp_enterprise_id: &e.sp_enterprise_id,
            broadworks_directory_sync: DirectorySync { enable_dir_sync: false },
        })
        .collect();
    Ok(Json(Items { items }).into_response())
}
