//! One row of the number inventory, and how it shows (wxc_sdk
//! `NumberListPhoneNumber`): a phone number (owned or not), or an
//! extension held without a number.

use serde::Serialize;

use crate::ids::{self, IdType};
use crate::tenant::{format_e164, LocationIdx, NumberEntry, Owner, Tenant};

#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Number(LocationIdx, u64, NumberEntry),
    ExtensionOnly(LocationIdx, u64, Owner),
}

impl Entry {
    pub fn location(self) -> LocationIdx {
        match self {
            Entry::Number(l, _, _) | Entry::ExtensionOnly(l, _, _) => l,
        }
    }

    pub fn owner(self) -> Option<Owner> {
        match self {
            Entry::Number(_, _, e) => e.owner,
            Entry::ExtensionOnly(_, _, o) => Some(o),
        }
    }

    pub fn number(self) -> Option<u64> {
        match self {
            Entry::Number(_, n, _) => Some(n),
            Entry::ExtensionOnly(..) => None,
        }
    }

    pub fn active(self) -> bool {
        match self {
            Entry::Number(_, _, e) => e.active,
            Entry::ExtensionOnly(..) => true,
        }
    }

    /// The owner's extension at the location.
    pub fn extension(self, tenant: &Tenant) -> Option<u64> {
        match self {
            Entry::ExtensionOnly(_, x, _) => Some(x),
            Entry::Number(l, _, e) => match e.owner? {
                Owner::Person(p) => tenant.person(p).calling.and_then(|c| c.extension),
                Owner::Service(s) => tenant.location(l).services[s as usize].extension,
            },
        }
    }

    pub fn is_service(self) -> bool {
        matches!(self.owner(), Some(Owner::Service(_)))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    routing_prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    esn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number_type: Option<&'static str>,
    main_number: bool,
    toll_free_number: bool,
    is_service_number: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    included_telephony_types: Option<&'static str>,
    location: LocationRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<OwnerView<'a>>,
}

#[derive(Serialize)]
struct LocationRef<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerView<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    display_name: &'a str,
}

impl<'a> EntryView<'a> {
    pub fn new(tenant: &'a Tenant, entry: Entry) -> EntryView<'a> {
        let location = tenant.location(entry.location());
        let extension = entry.extension(tenant);
        let number = entry.number();
        EntryView {
            phone_number: number.map(format_e164),
            extension: extension.map(|x| x.to_string()),
            routing_prefix: extension.map(|_| location.routing_prefix.as_str()),
            esn: extension.map(|x| format!("{}{x}", location.routing_prefix)),
            state: number.map(|_| if entry.active() { "ACTIVE" } else { "INACTIVE" }),
            phone_number_type: number.map(|_| "PRIMARY"),
            main_number: number.is_some() && number == location.numbers.main_number,
            toll_free_number: false,
            is_service_number: entry.is_service(),
            included_telephony_types: number.map(|_| "PSTN_NUMBER"),
            location: LocationRef { id: &location.id, name: &location.name },
            owner: entry.owner().map(|o| owner_view(tenant, entry.location(), o)),
        }
    }
}

/// The owner's Webex id (`PEOPLE/...`, `AUTO_ATTENDANT/...`) and `type`.
pub fn owner_id(tenant: &Tenant, location: LocationIdx, owner: Owner) -> (String, &'static str) {
    match owner {
        Owner::Person(p) => (ids::encode_uuid(IdType::People, &tenant.person(p).uuid), "PEOPLE"),
        Owner::Service(s) => {
            let service = &tenant.location(location).services[s as usize];
            (ids::encode_uuid(service.kind.id_type(), &service.uuid), service.kind.owner_type())
        }
    }
}

pub fn owner_view(tenant: &Tenant, location: LocationIdx, owner: Owner) -> OwnerView<'_> {
    let (id, kind) = owner_id(tenant, location, owner);
    match owner {
        Owner::Person(p) => {
            let person = tenant.person(p);
            OwnerView {
                id,
                kind,
                first_name: Some(&person.first_name),
                last_name: Some(&person.last_name),
                display_name: &person.display_name,
            }
        }
        Owner::Service(s) => {
            let service = &tenant.location(location).services[s as usize];
            OwnerView { id, kind, first_name: None, last_name: None, display_name: &service.name }
        }
    }
}

/// The owner's name for `ownerName` and `order=lastName`.
pub fn owner_names(tenant: &Tenant, entry: Entry) -> (String, String) {
    match entry.owner() {
        None => (String::new(), String::new()),
        Some(Owner::Person(p)) => {
            let person = tenant.person(p);
            (person.display_name.to_lowercase(), person.last_name.to_lowercase())
        }
        Some(Owner::Service(s)) => {
            let name = tenant.location(entry.location()).services[s as usize].name.to_lowercase();
            (name.clone(), name)
        }
    }
}
