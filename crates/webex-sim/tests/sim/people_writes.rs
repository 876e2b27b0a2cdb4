//! People create, replace and delete over real HTTP (webex-api.md §3): the
//! documented rules, Calling on creation (rule C1), full replacement, org
//! confinement, read-only admins, scopes, and the change log.

use crate::support::{changes, delete, get, post, put, scoped_token, start, token};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn create_needs_an_email_and_a_name_and_refuses_duplicates() {
    let server = start(300, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let url = format!("{base}/people");
    post(&url, &admin, json!({"displayName": "No Mail"})).await.assert_webex_error(StatusCode::BAD_REQUEST);
    post(&url, &admin, json!({"emails": ["nameless@fjordby-logistik.example"]}))
        .await
        .assert_webex_error(StatusCode::BAD_REQUEST);
    let created = post(
        &url,
        &admin,
        json!({"emails": ["Ny.Medarbejder@fjordby-logistik.example"], "firstName": "Ny", "lastName": "Medarbejder"}),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["displayName"], "Ny Medarbejder");
    assert_eq!(created.body["emails"][0], "ny.medarbejder@fjordby-logistik.example");
    assert_eq!(created.body["invitePending"], "true");
    let again =
        post(&url, &admin, json!({"emails": ["ny.medarbejder@fjordby-logistik.example"], "displayName": "Twice"}))
            .await;
    again.assert_webex_error(StatusCode::CONFLICT);
    let fetched = get(&format!("{url}/{}", created.body["id"].as_str().unwrap()), &admin).await;
    assert_eq!(fetched.body["id"], created.body["id"]);
}

#[tokio::test]
async fn a_calling_user_is_created_with_location_number_and_license_together() {
    // rule C1: locationId and a number or an extension, with the license, in one request.
    let server = start(600, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let licenses = get(&format!("{base}/licenses"), &admin).await;
    let pro = licenses
        .items()
        .iter()
        .filter(|l| l["name"] == "Webex Calling - Professional")
        .find(|l| l["consumedUnits"] != l["totalUnits"])
        .unwrap()["id"]
        .clone();
    let location = get(&format!("{base}/telephony/config/locations"), &admin).await.body["locations"][0]["id"].clone();
    let url = format!("{base}/people?callingData=true");
    let person = |email: &str| json!({"emails": [email], "displayName": "Caller", "licenses": [pro]});
    let mut without_location = person("a@fjordby-logistik.example");
    without_location["extension"] = json!("4455");
    post(&url, &admin, without_location).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let mut location_only = person("b@fjordby-logistik.example");
    location_only["locationId"] = location.clone();
    location_only["licenses"] = json!([]);
    location_only["extension"] = json!("4455");
    post(&url, &admin, location_only).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let mut complete = person("c@fjordby-logistik.example");
    complete["locationId"] = location.clone();
    complete["extension"] = json!("4455");
    let created = post(&url, &admin, complete).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["extension"], "4455");
    assert_eq!(created.body["locationId"], location);
    assert!(created.body["licenses"].as_array().unwrap().contains(&pro));
    assert!(created.body["phoneNumbers"].as_array().unwrap().iter().any(|n| n["type"] == "work_extension"));
}

#[tokio::test]
async fn put_replaces_the_whole_person() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let page = get(&format!("{base}/people?max=100&callingData=true"), &admin).await;
    let person = page
        .items()
        .iter()
        .find(|p| p["department"].is_string() && p["locationId"].is_null() && p["roles"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let url = format!("{base}/people/{}", person["id"].as_str().unwrap());
    let mut body = person.clone();
    body.as_object_mut().unwrap().remove("displayName");
    put(&url, &admin, body).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let mut body = person.clone();
    body["title"] = json!("Chef de projet");
    body.as_object_mut().unwrap().remove("department");
    body["loginEnabled"] = json!(false);
    let replaced = put(&url, &admin, body).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    assert_eq!(replaced.body["title"], "Chef de projet");
    assert!(replaced.body.get("department").is_none(), "left out means removed");
    assert_eq!(replaced.body["loginEnabled"], "false");
    assert_eq!(replaced.body["licenses"], person["licenses"], "licenses sent back are kept");
    let mut body = replaced.body.clone();
    body["roles"] = json!(["Y2lzY29zcGFyazovL3VzL1JPTEUvaWRfZnVsbF9hZG1pbg"]);
    put(&url, &admin, body).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let quiet = put(&format!("{url}?minResponse=true"), &admin, replaced.body.clone()).await;
    assert_eq!(quiet.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_calling_users_location_never_changes() {
    let server = start(600, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let page = get(&format!("{base}/people?max=100&callingData=true"), &admin).await;
    let caller = page
        .items()
        .iter()
        .find(|p| p["locationId"].is_string() && p["roles"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let locations = get(&format!("{base}/telephony/config/locations"), &admin).await;
    let other =
        locations.body["locations"].as_array().unwrap().iter().find(|l| l["id"] != caller["locationId"]).unwrap()["id"]
            .clone();
    let url = format!("{base}/people/{}?callingData=true", caller["id"].as_str().unwrap());
    let mut moved = caller.clone();
    moved["locationId"] = other;
    put(&url, &admin, moved).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let same = put(&url, &admin, caller.clone()).await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
    assert_eq!(same.body["locationId"], caller["locationId"]);
    assert_eq!(same.body["extension"], caller["extension"]);
}

#[tokio::test]
async fn delete_frees_the_licenses() {
    let server = start(300, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let page = get(&format!("{base}/people?max=100"), &admin).await;
    let person = page
        .items()
        .iter()
        .find(|p| !p["licenses"].as_array().unwrap().is_empty() && p["roles"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let license = person["licenses"][0].as_str().unwrap();
    let consumed = |reply: &crate::support::Reply| reply.body["consumedByUsers"].as_u64().unwrap();
    let before = consumed(&get(&format!("{base}/licenses/{license}"), &admin).await);
    let url = format!("{base}/people/{}", person["id"].as_str().unwrap());
    assert_eq!(delete(&url, &admin).await.status, StatusCode::NO_CONTENT);
    assert_eq!(consumed(&get(&format!("{base}/licenses/{license}"), &admin).await), before - 1);
    get(&url, &admin).await.assert_webex_error(StatusCode::NOT_FOUND);
    delete(&url, &admin).await.assert_webex_error(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn writes_need_a_full_admin_of_the_org_and_the_write_scope() {
    let server = start(300, 2).await;
    let base = server.base_url();
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let orgs = get(&format!("{base}/organizations"), &partner).await;
    let second = orgs.items()[2]["id"].as_str().unwrap().to_string();
    let (read_only, _) = token(&server, "read_only_admin", None).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let body = json!({"emails": ["ro@fjordby-logistik.example"], "displayName": "Read Only"});
    post(&format!("{base}/people"), &read_only, body.clone()).await.assert_webex_error(StatusCode::FORBIDDEN);
    let elsewhere = json!({"emails": ["x@elsewhere.example"], "displayName": "X", "orgId": second});
    post(&format!("{base}/people"), &admin, elsewhere.clone()).await.assert_webex_error(StatusCode::FORBIDDEN);
    assert_eq!(
        post(&format!("{base}/people"), &partner, elsewhere).await.status,
        StatusCode::OK,
        "partners reach customers"
    );
    let stranger = get(&format!("{base}/people?orgId={second}&max=1"), &partner).await.items()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    delete(&format!("{base}/people/{stranger}"), &admin).await.assert_webex_error(StatusCode::FORBIDDEN);
    let reader = scoped_token(&server, "customer_full_admin", "spark-admin:people_read").await;
    post(&format!("{base}/people"), &reader, body).await.assert_webex_error(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_applied_change_is_logged_once_with_its_tracking_id() {
    let server = start(300, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let before = changes(&server, 0).await.len() as u64;
    let created = crate::support::client()
        .post(format!("{base}/people"))
        .bearer_auth(&admin)
        .header("TrackingID", "SIMPLE_create-1")
        .json(&json!({"emails": ["logged@fjordby-logistik.example"], "displayName": "Logged"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::OK);
    let refused = post(
        &format!("{base}/people"),
        &admin,
        json!({"emails": ["logged@fjordby-logistik.example"], "displayName": "Twice"}),
    )
    .await;
    refused.assert_webex_error(StatusCode::CONFLICT);
    let log: Vec<Value> = changes(&server, before).await;
    assert_eq!(log.len(), 1, "only applied changes are logged: {log:?}");
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["path"], "/v1/people");
    assert_eq!(log[0]["trackingId"], "SIMPLE_create-1");
    assert_eq!(log[0]["seq"], before + 1);
    assert!(log[0]["summary"].as_str().unwrap().contains("logged@fjordby-logistik.example"));
}

#[tokio::test]
async fn get_then_put_changes_nothing_for_every_kind_of_user() {
    // webex-api.md §3: "GET, change, PUT". Sent back unchanged, with or
    // without Calling data, no person changes (Calling users with only an
    // extension and a malformed directory number included).
    let server = start(500, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let people = crate::support::all_pages(&format!("{base}/people?max=100&callingData=true"), &admin, "items").await;
    let strip = |mut p: Value| {
        p.as_object_mut().unwrap().remove("lastModified");
        p
    };
    for (n, person) in people.iter().enumerate().take(150) {
        let calling_data = n % 2 == 0;
        let url = format!("{base}/people/{}?callingData={calling_data}", person["id"].as_str().unwrap());
        let before = get(&url, &admin).await.body;
        let after = put(&url, &admin, before.clone()).await;
        assert_eq!(after.status, StatusCode::OK, "{}: {}", person["displayName"], after.body);
        assert_eq!(strip(after.body), strip(before));
    }
}

#[tokio::test]
async fn put_changes_a_calling_users_extension_in_the_inventory() {
    let server = start(600, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let page = get(&format!("{base}/people?max=100&callingData=true"), &admin).await;
    let caller = page
        .items()
        .iter()
        .find(|p| p["extension"].is_string() && p["roles"].as_array().unwrap().is_empty())
        .unwrap()
        .clone();
    let url = format!("{base}/people/{}?callingData=true", caller["id"].as_str().unwrap());
    let mut body = caller.clone();
    body["extension"] = json!("98765");
    let changed = put(&url, &admin, body).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["extension"], "98765");
    let numbers_url = |q: &str| format!("{base}/telephony/config/numbers?{q}");
    let now = get(&numbers_url("extension=98765"), &admin).await.body["phoneNumbers"].clone();
    assert_eq!(now[0]["owner"]["id"], caller["id"]);
    let old_url = numbers_url(&format!("extension={}", caller["extension"].as_str().unwrap()));
    let old = get(&old_url, &admin).await.body["phoneNumbers"].as_array().unwrap().clone();
    assert!(old.iter().all(|n| n["owner"]["id"] != caller["id"]), "the old extension is free again");
}
