//! The caller of a REST endpoint, from its bearer token: who, in which org,
//! with which scopes. A missing, unknown or expired token is a 401, and so
//! is a token whose person is gone or no longer holds the admin role it was
//! issued for.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::ApiError;
use crate::ids::{self, IdType};
use crate::oauth::{Scope, ScopeSet, TokenKind};
use crate::state::Shared;
use crate::tenant::{AdminRole, OrgIdx, PersonIdx, Tenant};

#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub person: PersonIdx,
    pub org: OrgIdx,
    pub role: AdminRole,
    pub scopes: ScopeSet,
}

impl Caller {
    /// 403 unless the token was granted one of `accepted` (Webex checks
    /// scopes per endpoint, webex-api.md §1.8).
    pub fn require_scope(&self, accepted: &[Scope]) -> Result<(), ApiError> {
        match accepted.iter().any(|&scope| self.scopes.contains(scope)) {
            true => Ok(()),
            false => Err(ApiError::forbidden(
                "The server understood the request, but refused to fulfill it because the access token is missing required scopes.",
            )),
        }
    }

    /// 403 for a read-only admin: writes need a full admin.
    pub fn require_writer(&self) -> Result<(), ApiError> {
        match self.role {
            AdminRole::ReadOnly => Err(ApiError::forbidden("A read-only administrator cannot make changes.")),
            AdminRole::PartnerFull | AdminRole::CustomerFull => Ok(()),
        }
    }

    /// A write: the scopes of `accepted` (one of them) and a full admin.
    pub fn require_write(&self, accepted: &[Scope]) -> Result<(), ApiError> {
        self.require_scope(accepted)?;
        self.require_writer()
    }

    /// 403 unless the caller administers `org` (its own, or a managed customer).
    pub fn check_org(&self, tenant: &Tenant, org: OrgIdx) -> Result<(), ApiError> {
        match tenant.manages(self.org, org) {
            true => Ok(()),
            false => Err(ApiError::forbidden("The caller is not an administrator of this organization.")),
        }
    }

    /// The org named by an `orgId` parameter (default: the caller's own),
    /// checked for access: malformed 400, unknown 404, not managed 403.
    pub fn org_param(&self, tenant: &Tenant, org_id: Option<&str>) -> Result<OrgIdx, ApiError> {
        let Some(org_id) = org_id else { return Ok(self.org) };
        let uuid = ids::decode_uuid(IdType::Organization, org_id)
            .ok_or_else(|| ApiError::bad_request(format!("Invalid orgId '{org_id}'.")))?;
        let org = tenant.find_org(&uuid).ok_or_else(|| ApiError::not_found("Organization not found."))?;
        self.check_org(tenant, org)?;
        Ok(org)
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<Shared> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(ApiError::unauthorized)?;
        let claims = state
            .signer
            .verify(token, TokenKind::Access, state.clock.now_ms())
            .map_err(|_| ApiError::unauthorized())?;
        let tenant = state.tenant();
        let person = tenant.find_person(&claims.person).ok_or_else(ApiError::unauthorized)?;
        let holder = tenant.person(person);
        if holder.admin != Some(claims.role) || tenant.org(holder.org).uuid != claims.org {
            return Err(ApiError::unauthorized());
        }
        Ok(Caller { person, org: holder.org, role: claims.role, scopes: claims.scopes })
    }
}
