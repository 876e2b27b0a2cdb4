//! The query of `GET /v1/telephony/config/numbers` (webex-api.md §5.4) as
//! a predicate over inventory rows.

use super::entry::{owner_id, owner_names, Entry};
use crate::http::{ApiError, QueryParams};
use crate::tenant::{parse_e164, Tenant};

#[derive(Default)]
pub struct Filter {
    phone_number: Option<u64>,
    available: Option<bool>,
    owner_name: Option<String>,
    owner_id: Option<String>,
    owner_type: Option<String>,
    extension: Option<String>,
    number_type: Option<bool>,
    active: Option<bool>,
    /// Nothing matches (toll-free or restricted numbers: the tenant has none).
    nothing: bool,
}

impl Filter {
    pub fn parse(params: &QueryParams) -> Result<Filter, ApiError> {
        let available = params.get("available").map(|_| params.flag("available")).transpose()?;
        if available == Some(true) && params.get("ownerType").is_some() {
            return Err(ApiError::bad_request("available=true cannot be combined with ownerType."));
        }
        if params.flag("reservedNumber")? && (available.is_some() || params.get("assigned").is_some()) {
            return Err(ApiError::bad_request("reservedNumber cannot be combined with available or assigned."));
        }
        let phone_number = match params.get("phoneNumber") {
            None => None,
            Some(text) => {
                Some(parse_e164(text).ok_or_else(|| ApiError::bad_request(format!("Invalid phoneNumber '{text}'.")))?)
            }
        };
        let number_type = match params.get("numberType") {
            None => None,
            Some("NUMBER") => Some(true),
            Some("EXTENSION") => Some(false),
            Some(other) => return Err(ApiError::bad_request(format!("Invalid numberType '{other}'."))),
        };
        let active = match params.get("state") {
            None => None,
            Some("ACTIVE") => Some(true),
            Some("INACTIVE") => Some(false),
            Some(other) => return Err(ApiError::bad_request(format!("Invalid state '{other}'."))),
        };
        let nothing = params.flag("tollFreeNumbers")?
            || params.flag("restrictedNonGeoNumbers")?
            || params.flag("reservedNumber")?
            || params.get("phoneNumberType").is_some_and(|t| t != "PRIMARY");
        Ok(Filter {
            phone_number,
            available,
            owner_name: params.get("ownerName").map(str::to_lowercase),
            owner_id: params.get("ownerId").map(str::to_string),
            owner_type: params.get("ownerType").map(str::to_string),
            extension: params.get("extension").map(str::to_string),
            number_type,
            active,
            nothing,
        })
    }

    pub fn matches(&self, tenant: &Tenant, entry: Entry) -> bool {
        if self.nothing {
            return false;
        }
        let number_ok = self.phone_number.is_none_or(|n| entry.number() == Some(n));
        let available_ok = self.available.is_none_or(|a| a == (entry.number().is_some() && entry.owner().is_none()));
        let type_ok = self.number_type.is_none_or(|numbers| numbers == entry.number().is_some());
        let state_ok = self.active.is_none_or(|a| a == entry.active());
        let extension_ok =
            self.extension.as_deref().is_none_or(|x| entry.extension(tenant).is_some_and(|e| e.to_string() == x));
        number_ok && available_ok && type_ok && state_ok && extension_ok && self.owner_matches(tenant, entry)
    }

    fn owner_matches(&self, tenant: &Tenant, entry: Entry) -> bool {
        if self.owner_name.is_none() && self.owner_id.is_none() && self.owner_type.is_none() {
            return true;
        }
        let Some(owner) = entry.owner() else { return false };
        let (id, kind) = owner_id(tenant, entry.location(), owner);
        let name_ok = self.owner_name.as_deref().is_none_or(|n| owner_names(tenant, entry).0.contains(n));
        let type_ok = self.owner_type.as_deref().is_none_or(|t| t == kind);
        let id_ok = self.owner_id.as_deref().is_none_or(|wanted| wanted == id);
        name_ok && type_ok && id_ok
    }
}
