//! The answer of `PATCH /v1/licenses/users` (admin spec
//! `UserLicensesResponse`): every license the user holds and their sites
//! with the account type.

use serde::Serialize;

use crate::ids::{self, IdType};
use crate::tenant::{LicenseKind, OrgIdx, PersonIdx, Tenant};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserLicenses {
    org_id: String,
    person_id: String,
    email: String,
    licenses: Vec<String>,
    site_urls: Vec<SiteAccount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pending_licenses: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pending_site_urls: Vec<SiteAccount>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SiteAccount {
    site_url: String,
    account_type: &'static str,
}

impl UserLicenses {
    pub fn new(tenant: &Tenant, org: OrgIdx, idx: PersonIdx) -> UserLicenses {
        let person = tenant.person(idx);
        let sites = &tenant.org(person.org).sites;
        let hosts = tenant
            .licenses_of(person)
            .filter(|l| l.kind == LicenseKind::Meeting)
            .filter_map(|l| l.site)
            .map(|slot| SiteAccount { site_url: sites[slot].url.clone(), account_type: "host" });
        let attendees = person
            .attendee_sites
            .iter()
            .map(|slot| SiteAccount { site_url: sites[slot].url.clone(), account_type: "attendee" });
        UserLicenses {
            org_id: tenant.org(org).id.clone(),
            person_id: ids::encode_uuid(IdType::People, &person.uuid),
            email: person.email.to_string(),
            licenses: tenant.licenses_of(person).map(|l| l.id.clone()).collect(),
            site_urls: hosts.chain(attendees).collect(),
            pending_licenses: Vec::new(),
            pending_site_urls: Vec::new(),
        }
    }

    /// For a user of another org: nothing held here, the rest pending.
    pub fn pending(
        tenant: &Tenant,
        org: OrgIdx,
        idx: PersonIdx,
        licenses: Vec<String>,
        sites: Vec<String>,
    ) -> UserLicenses {
        let person = tenant.person(idx);
        UserLicenses {
            org_id: tenant.org(org).id.clone(),
            person_id: ids::encode_uuid(IdType::People, &person.uuid),
            email: person.email.to_string(),
            licenses: Vec::new(),
            site_urls: Vec::new(),
            pending_licenses: licenses,
            pending_site_urls: sites
                .into_iter()
                .map(|site_url| SiteAccount { site_url, account_type: "attendee" })
                .collect(),
        }
    }
}
