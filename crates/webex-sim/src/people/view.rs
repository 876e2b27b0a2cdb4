//! A person as the People API shows it (admin spec `Person`).
//!
//! What shows depends on the request, as in Webex:
//! - `extension`, `locationId` and the `work_extension` number are Webex
//!   Calling details, only with `callingData=true`; the directory work
//!   number shows either way.
//! - `status` and `lastActivity` (presence) are left out of `?id=` lookups;
//!   `excludeStatus=true` leaves out `status`.
//! - `licenses` and `roles` (admin fields) are left out of `?id=` lookups;
//!   `userName` (the sign-in name) is in `?id=` lookups only.
//! - `invitePending` and `loginEnabled` are the strings "true"/"false" of
//!   the spec (clients should accept booleans too, webex-api.md §3).

use serde::Serialize;

use crate::clock::iso_ms;
use crate::ids::{self, IdType};
use crate::tenant::{LicenseKind, Person, PersonIdx, Tenant};

#[derive(Debug, Clone, Copy)]
pub struct ViewOptions {
    pub calling_data: bool,
    pub presence: bool,
    pub status: bool,
    pub admin_fields: bool,
    pub user_name: bool,
}

impl ViewOptions {
    /// Everything an admin sees on `GET /people/{id}`.
    pub fn full(calling_data: bool) -> ViewOptions {
        ViewOptions { calling_data, presence: true, status: true, admin_fields: true, user_name: false }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonView<'a> {
    id: String,
    emails: [&'a str; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phone_numbers: Vec<PhoneNumber>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_id: Option<&'a str>,
    display_name: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    org_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    licenses: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    created: String,
    last_modified: String,
    timezone: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_activity: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    site_urls: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    invite_pending: &'static str,
    login_enabled: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_name: Option<&'a str>,
}

#[derive(Serialize)]
struct PhoneNumber {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    primary: bool,
}

impl<'a> PersonView<'a> {
    pub fn new(tenant: &'a Tenant, idx: PersonIdx, options: ViewOptions) -> PersonView<'a> {
        let person = tenant.person(idx);
        let org = tenant.org(person.org);
        let location = tenant.location(person.location);
        let calling = person.calling.as_ref().filter(|_| options.calling_data);
        PersonView {
            id: ids::encode_uuid(IdType::People, &person.uuid),
            emails: [person.email.as_ref()],
            phone_numbers: phone_numbers(tenant, person, options.calling_data),
            extension: calling.and_then(|line| line.extension).map(|x| x.to_string()),
            location_id: calling.map(|_| location.id.as_str()),
            display_name: &person.display_name,
            first_name: &person.first_name,
            last_name: &person.last_name,
            org_id: &org.id,
            roles: options
                .admin_fields
                .then(|| person.admin.iter().map(|r| ids::encode(IdType::Role, r.webex_role())).collect()),
            licenses: options.admin_fields.then(|| tenant.licenses_of(person).map(|l| l.id.as_str()).collect()),
            department: person.department.as_deref(),
            title: person.title.as_deref(),
            created: iso_ms(person.created_ms),
            last_modified: iso_ms(person.modified_ms),
            timezone: location.city.timezone,
            last_activity: person.last_activity_ms.filter(|_| options.presence).map(iso_ms),
            site_urls: site_urls(tenant, person),
            status: (options.presence && options.status).then(|| person.status.as_str()),
            invite_pending: bool_text(person.invite_pending),
            login_enabled: bool_text(person.login_enabled),
            kind: "person",
            user_name: options.user_name.then_some(person.email.as_ref()),
        }
    }
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// The work number, and with Calling data the `work_extension` (routing prefix + extension).
fn phone_numbers(tenant: &Tenant, person: &Person, calling_data: bool) -> Vec<PhoneNumber> {
    let mut numbers = Vec::new();
    if let Some(work) = &person.work_number {
        numbers.push(PhoneNumber { kind: "work", value: work.to_string(), primary: true });
    }
    let extension = person.calling.as_ref().and_then(|line| line.extension).filter(|_| calling_data);
    if let Some(extension) = extension {
        let prefix = &tenant.location(person.location).routing_prefix;
        numbers.push(PhoneNumber {
            kind: "work_extension",
            value: format!("{prefix}{extension}"),
            primary: numbers.is_empty(),
        });
    }
    numbers
}

/// Host sites (from meeting licenses), then attendee sites as `site#attendee`.
fn site_urls(tenant: &Tenant, person: &Person) -> Vec<String> {
    let org = tenant.org(person.org);
    let hosts = tenant
        .licenses_of(person)
        .filter(|l| l.kind == LicenseKind::Meeting)
        .filter_map(|l| l.site)
        .map(|site| org.sites[site].url.clone());
    let attendees = person.attendee_sites.iter().map(|site| format!("{}#attendee", org.sites[site].url));
    hosts.chain(attendees).collect()
}
