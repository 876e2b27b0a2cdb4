//! Webex resources as the REST API returns them (webex-api.md §3–§5).
//! Unknown fields are ignored; missing optional fields are `None`.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub created: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(default)]
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Always in Webex's answers; the cache keeps it in a column instead.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phone_numbers: Vec<PhoneNumber>,
    #[serde(default)]
    pub extension: Option<String>,
    #[serde(default)]
    pub location_id: Option<String>,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub org_id: String,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub licenses: Vec<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub last_activity: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// The spec says string "true"/"false"; SDKs have seen booleans.
    #[serde(default, deserialize_with = "bool_or_string")]
    pub invite_pending: Option<bool>,
    #[serde(default, deserialize_with = "bool_or_string")]
    pub login_enabled: Option<bool>,
    #[serde(default)]
    pub site_urls: Vec<String>,
}

impl Person {
    pub fn primary_email(&self) -> &str {
        self.emails.first().map(String::as_str).unwrap_or("")
    }

    /// The work number, the one Webex Calling uses (rule C2).
    pub fn work_number(&self) -> Option<&str> {
        self.phone_numbers.iter().find(|p| p.kind == "work").map(|p| p.value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct License {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub total_units: i64,
    #[serde(default)]
    pub consumed_units: i64,
    #[serde(default)]
    pub consumed_by_users: Option<i64>,
    #[serde(default)]
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub site_url: Option<String>,
    #[serde(default)]
    pub site_type: Option<String>,
}

/// A list response; `key` is where its items are: `items` for most
/// endpoints, `groups`, `members`, `phoneNumbers`, `locations` for others.
pub trait Envelope: serde::de::DeserializeOwned {
    type Item;
    fn into_items(self) -> Vec<Self::Item>;
}

macro_rules! envelope {
    ($name:ident, $key:literal) => {
        #[derive(Debug, Clone, Deserialize)]
        pub struct $name<T> {
            #[serde(default = "Vec::new", rename = $key)]
            pub items: Vec<T>,
        }
        impl<T: serde::de::DeserializeOwned> Envelope for $name<T> {
            type Item = T;
            fn into_items(self) -> Vec<T> {
                self.items
            }
        }
    };
}

envelope!(Items, "items");
envelope!(Groups, "groups");
envelope!(Members, "members");
envelope!(PhoneNumbers, "phoneNumbers");
envelope!(Locations, "locations");

fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        None => None,
        Some(Flag::Bool(b)) => Some(b),
        Some(Flag::Text(s)) => match s.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_pending_accepts_bool_and_string() {
        let a: Person = serde_json::from_str(r#"{"id":"a","invitePending":"true","loginEnabled":false}"#).unwrap();
        assert_eq!(a.invite_pending, Some(true));
        assert_eq!(a.login_enabled, Some(false));
        let b: Person = serde_json::from_str(r#"{"id":"b","invitePending":false}"#).unwrap();
        assert_eq!(b.invite_pending, Some(false));
        assert_eq!(b.login_enabled, None);
    }

    #[test]
    fn work_number_ignores_mobile() {
        let p: Person = serde_json::from_str(
            r#"{"id":"a","phoneNumbers":[{"type":"mobile","value":"+4520000000"},{"type":"work","value":"+4533000000"}]}"#,
        )
        .unwrap();
        assert_eq!(p.work_number(), Some("+4533000000"));
    }
}

/// A group (`/v1/groups`): SCIM-style paging with `startIndex`/`count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub member_size: Option<i64>,
    /// `policy` for directory security groups; distribution groups differ (rule T17).
    #[serde(default)]
    pub usage: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    pub id: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub address: Option<serde_json::Value>,
}

/// A location as Webex Calling lists it (only Calling-enabled ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallingLocation {
    pub id: String,
    #[serde(default)]
    pub routing_prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdName {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberOwner {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// One row of the Calling number inventory (`phoneNumbers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberEntry {
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub extension: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub location: Option<IdName>,
    #[serde(default)]
    pub owner: Option<NumberOwner>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionType {
    pub id: String,
    #[serde(default)]
    pub short_name: Option<String>,
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriberError {
    #[serde(default)]
    pub error_code: Option<i64>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A Webex for BroadWorks subscriber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscriber {
    pub id: String,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub sp_enterprise_id: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub primary_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone_number: Option<String>,
    #[serde(default)]
    pub extension: Option<String>,
    #[serde(default)]
    pub package: Option<String>,
    pub status: String,
    #[serde(default)]
    pub errors: Vec<SubscriberError>,
    #[serde(default)]
    pub last_status_change: Option<String>,
    #[serde(default)]
    pub provisioning_id: Option<String>,
}
