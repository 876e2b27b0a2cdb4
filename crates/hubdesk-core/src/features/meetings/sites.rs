//! The org's Meetings sites and their session types as last synced: what a
//! change of many users' types picks a site and types from. Works offline.

use hubdesk_api::{ApiError, SiteSessionTypes};
use hubdesk_rules::meetings;

use super::to_rule_type;
use crate::Core;

impl Core {
    pub fn meetings_sites(&self, org_id: &str) -> Result<Vec<SiteSessionTypes>, ApiError> {
        let sites = self.store.cached_sites_with_types(org_id)?;
        Ok(sites
            .into_iter()
            .map(|(site_url, types)| {
                let types: Vec<_> = types.into_iter().map(to_rule_type).collect();
                SiteSessionTypes { site_url, types: meetings::type_rows(&types, None) }
            })
            .collect())
    }
}
