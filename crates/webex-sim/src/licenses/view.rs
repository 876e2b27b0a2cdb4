//! A license as the Licenses API shows it: fields that do not apply to it
//! are left out (no `siteUrl` on Calling, no `subscriptionId` on free ones).

use serde::Serialize;

use crate::tenant::{License, Tenant, CONTROL_HUB_MANAGED_SITE};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenseView<'a> {
    id: &'a str,
    name: &'static str,
    total_units: u32,
    consumed_units: u32,
    consumed_by_users: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    consumed_by_workspaces: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscription_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_type: Option<&'static str>,
}

impl<'a> LicenseView<'a> {
    pub fn new(tenant: &'a Tenant, license: &'a License) -> LicenseView<'a> {
        let site_url = license.site.map(|slot| tenant.org(license.org).sites[slot].url.as_str());
        LicenseView {
            id: &license.id,
            name: license.kind.name(),
            total_units: license.total_units,
            consumed_units: license.consumed_units(),
            consumed_by_users: license.consumed_by_users,
            consumed_by_workspaces: license.kind.counts_workspaces().then_some(license.consumed_by_workspaces),
            subscription_id: license.subscription_id.as_deref(),
            site_url,
            site_type: site_url.map(|_| CONTROL_HUB_MANAGED_SITE),
        }
    }
}
