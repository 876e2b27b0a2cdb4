//! Every endpoint's answers, over real HTTP, against the official OpenAPI
//! schemas (`../shared/openapi`), with the spec defects of webex-api.md
//! patched where `sim_support/schema.rs` says; the Calling endpoints
//! against the wxc_sdk models (their spec file is not in the copy).

use crate::support::schema::{assert_valid, assert_valid_schema, wxc_sdk_schemas};
use crate::support::{get, patch, post, put, start, token, Reply};
use reqwest::StatusCode;
use serde_json::{json, Value};

const ADMIN: &str = "webex-admin.json";
const DEVICE: &str = "webex-device.json";
const MEETING: &str = "webex-meeting.json";
const BROADWORKS: &str = "webex-broadworks.json";

fn ok(reply: &Reply, status: u16) -> &Value {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    &reply.body
}

#[tokio::test]
async fn people_organizations_and_licenses_match_the_admin_spec() {
    let server = start(500, 2).await;
    let base = server.base_url();
    let (admin, org) = token(&server, "customer_full_admin", None).await;
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let people = get(&format!("{base}/people?callingData=true&max=50"), &admin).await;
    assert_valid(ADMIN, "get", "/people", 200, ok(&people, 200));
    let ids: Vec<&str> = people.items()[..3].iter().map(|p| p["id"].as_str().unwrap()).collect();
    let by_id = get(&format!("{base}/people?id={}", ids.join(",")), &admin).await;
    assert_valid(ADMIN, "get", "/people", 200, ok(&by_id, 200));
    let one = get(&format!("{base}/people/{}?callingData=true", ids[0]), &admin).await;
    assert_valid(ADMIN, "get", "/people/{personId}", 200, ok(&one, 200));
    assert_valid(ADMIN, "get", "/people/me", 200, ok(&get(&format!("{base}/people/me"), &admin).await, 200));

    let created = post(
        &format!("{base}/people"),
        &admin,
        json!({
            "emails": ["schema.check@fjordby-logistik.example"], "displayName": "Schema Check", "firstName": "Schema"
        }),
    )
    .await;
    assert_valid(ADMIN, "post", "/people", 200, ok(&created, 200));
    let mut person = created.body.clone();
    person["title"] = json!("Tester");
    let replaced = put(&format!("{base}/people/{}", person["id"].as_str().unwrap()), &admin, person).await;
    assert_valid(ADMIN, "put", "/people/{personId}", 200, ok(&replaced, 200));

    let orgs = get(&format!("{base}/organizations"), &partner).await;
    assert_valid(ADMIN, "get", "/organizations", 200, ok(&orgs, 200));
    let org_one = get(&format!("{base}/organizations/{org}"), &admin).await;
    assert_valid(ADMIN, "get", "/organizations/{orgId}", 200, ok(&org_one, 200));

    let licenses = get(&format!("{base}/licenses?orgId={org}"), &admin).await;
    assert_valid(ADMIN, "get", "/licenses", 200, ok(&licenses, 200));
    let license = licenses.items()[0]["id"].as_str().unwrap().to_string();
    let with_users = get(&format!("{base}/licenses/{license}?includeAssignedTo=user"), &admin).await;
    assert_valid(ADMIN, "get", "/licenses/{licenseId}", 200, ok(&with_users, 200));

    let messaging = licenses.items().iter().find(|l| l["name"] == "Messaging").unwrap()["id"].clone();
    let assigned = patch(
        &format!("{base}/licenses/users"),
        &admin,
        json!({
            "personId": person_id(&created), "licenses": [{"id": messaging, "operation": "add"}]
        }),
    )
    .await;
    assert_valid(ADMIN, "patch", "/licenses/users", 200, ok(&assigned, 200));
    let screen_share = licenses.items().iter().find(|l| l["name"] == "Screen Share").unwrap()["id"].clone();
    let refused = patch(
        &format!("{base}/licenses/users"),
        &admin,
        json!({
            "personId": person_id(&created), "licenses": [{"id": screen_share, "operation": "remove"}]
        }),
    )
    .await;
    assert_valid(ADMIN, "patch", "/licenses/users", 400, ok(&refused, 400));
}

fn person_id(reply: &Reply) -> String {
    reply.body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn groups_match_the_admin_spec() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let list = get(&format!("{base}/groups?includeMembers=true&count=5"), &admin).await;
    assert_valid(ADMIN, "get", "/groups", 200, ok(&list, 200));
    let group = list.body["groups"][0]["id"].as_str().unwrap().to_string();
    let one = get(&format!("{base}/groups/{group}?includeMembers=true"), &admin).await;
    assert_valid(ADMIN, "get", "/groups/{groupId}", 200, ok(&one, 200));
    let members = get(&format!("{base}/groups/{group}/members?count=3"), &admin).await;
    assert_valid(ADMIN, "get", "/groups/{groupId}/members", 200, ok(&members, 200));
    let person = members.body["members"][0]["id"].clone();
    let created =
        post(&format!("{base}/groups"), &admin, json!({"displayName": "Schema group", "members": [{"id": person}]}))
            .await;
    assert_valid(ADMIN, "post", "/groups", 201, ok(&created, 201));
    let url = format!("{base}/groups/{}", created.body["id"].as_str().unwrap());
    let changed =
        patch(&url, &admin, json!({"description": "checked", "members": [{"id": person, "operation": "delete"}]}))
            .await;
    assert_valid(ADMIN, "patch", "/groups/{groupId}", 200, ok(&changed, 200));
}

#[tokio::test]
async fn locations_and_calling_match_the_device_spec_and_wxc_sdk() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let list = get(&format!("{base}/locations"), &admin).await;
    assert_valid(DEVICE, "get", "/locations", 200, ok(&list, 200));
    let location = list.items()[0]["id"].as_str().unwrap().to_string();
    let one = get(&format!("{base}/locations/{location}"), &admin).await;
    assert_valid(DEVICE, "get", "/locations/{locationId}", 200, ok(&one, 200));

    let numbers = get(&format!("{base}/telephony/config/numbers?details=true&max=300"), &admin).await;
    assert_valid_schema(DEVICE, wxc_sdk_schemas::numbers_list(), ok(&numbers, 200), "numbers");
    let calling = get(&format!("{base}/telephony/config/locations"), &admin).await;
    assert_valid_schema(DEVICE, wxc_sdk_schemas::telephony_locations_list(), ok(&calling, 200), "locations");
    let detail = get(&format!("{base}/telephony/config/locations/{location}"), &admin).await;
    assert_valid_schema(DEVICE, wxc_sdk_schemas::telephony_location(), ok(&detail, 200), "location");
}

#[tokio::test]
async fn meetings_match_the_meeting_spec() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let me = get(&format!("{base}/people/me"), &admin).await;
    let email = me.body["emails"][0].as_str().unwrap().to_string();
    let sites = get(&format!("{base}/meetingPreferences/sites"), &admin).await;
    assert_valid(MEETING, "get", "/meetingPreferences/sites", 200, ok(&sites, 200));
    let site = sites.body["sites"][0]["siteUrl"].as_str().unwrap().to_string();
    let chosen = put(
        &format!("{base}/meetingPreferences/sites?defaultSite=true&userEmail={email}"),
        &admin,
        json!({"siteUrl": site}),
    )
    .await;
    assert_valid(MEETING, "put", "/meetingPreferences/sites", 200, ok(&chosen, 200));
    let config = get(&format!("{base}/admin/meeting/config/sessionTypes?siteUrl={site}"), &admin).await;
    assert_valid(MEETING, "get", "/admin/meeting/config/sessionTypes", 200, ok(&config, 200));
    let user = get(&format!("{base}/admin/meeting/userconfig/sessionTypes?siteUrl={site}&email={email}"), &admin).await;
    assert_valid(MEETING, "get", "/admin/meeting/userconfig/sessionTypes", 200, ok(&user, 200));
    let replaced = put(
        &format!("{base}/admin/meeting/userconfig/sessionTypes"),
        &admin,
        json!({
            "siteUrl": site, "email": email, "sessionTypeIds": ["1", "3"]
        }),
    )
    .await;
    assert_valid(MEETING, "put", "/admin/meeting/userconfig/sessionTypes", 200, ok(&replaced, 200));
    let host = get(&format!("{base}/meetings/sessionTypes?hostEmail={email}"), &admin).await;
    assert_valid(MEETING, "get", "/meetings/sessionTypes", 200, ok(&host, 200));
    let one = get(&format!("{base}/meetings/sessionTypes/3?hostEmail={email}"), &admin).await;
    assert_valid(MEETING, "get", "/meetings/sessionTypes/{sessionTypeId}", 200, ok(&one, 200));
}

#[tokio::test]
async fn broadworks_matches_the_broadworks_spec() {
    let server = start(600, 1).await;
    let base = server.base_url();
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let list = get(&format!("{base}/broadworks/subscribers?max=100"), &partner).await;
    assert_valid(BROADWORKS, "get", "/broadworks/subscribers", 200, ok(&list, 200));
    let first = list.items()[0].clone();
    let one = get(&format!("{base}/broadworks/subscribers/{}", first["id"].as_str().unwrap()), &partner).await;
    assert_valid(BROADWORKS, "get", "/broadworks/subscribers/{subscriberId}", 200, ok(&one, 200));
    let enterprises = get(&format!("{base}/broadworks/enterprises"), &partner).await;
    assert_valid(BROADWORKS, "get", "/broadworks/enterprises", 200, ok(&enterprises, 200));
    let template = first["provisioningId"].clone();
    let provisioned = post(
        &format!("{base}/broadworks/subscribers"),
        &partner,
        json!({
            "provisioningId": template, "userId": "schema@voip.example", "spEnterpriseId": first["spEnterpriseId"],
            "firstName": "Schéma", "lastName": "Contrôle", "package": "standard", "primaryPhoneNumber": "+4533999001",
            "email": "schema.controle@fjordby-logistik.example"
        }),
    )
    .await;
    assert_valid(BROADWORKS, "post", "/broadworks/subscribers", 200, ok(&provisioned, 200));
    let provisioned_url = format!("{base}/broadworks/subscribers/{}", provisioned.body["id"].as_str().unwrap());
    crate::support::advance_clock(&server, 60).await;
    let updated = put(&provisioned_url, &partner, json!({"package": "premium"})).await;
    assert_valid(BROADWORKS, "put", "/broadworks/subscribers/{subscriberId}", 200, ok(&updated, 200));
    let precheck = post(
        &format!("{base}/broadworks/subscribers/validate"),
        &partner,
        json!({
            "provisioningId": template, "email": "someone.new@fjordby-logistik.example", "package": "basic"
        }),
    )
    .await;
    assert_eq!(precheck.status, StatusCode::OK, "{}", precheck.body);
    assert_valid(BROADWORKS, "post", "/broadworks/subscribers/validate", 200, &precheck.body);
}

#[test]
fn the_checker_refuses_what_the_spec_refuses() {
    // The validation is real: a boolean `invitePending` (the spec wants the
    // string "true"/"false") and a numeric `created` must fail.
    let person = json!({"items": [{"id": "x", "invitePending": true}]});
    let failed = std::panic::catch_unwind(|| assert_valid(ADMIN, "get", "/people", 200, &person));
    assert!(failed.is_err(), "a boolean invitePending passed");
    let org = json!({"items": [{"id": "x", "displayName": "Acme", "created": 5}]});
    let failed = std::panic::catch_unwind(|| assert_valid(ADMIN, "get", "/organizations", 200, &org));
    assert!(failed.is_err(), "a numeric created passed");
    let sessions = json!({"items": [{"id": "3", "name": "Pro", "type": "EventCenter"}]});
    let failed = std::panic::catch_unwind(|| assert_valid(MEETING, "get", "/meetings/sessionTypes", 200, &sessions));
    assert!(failed.is_err(), "a type outside the enum passed");
}
