//! Webex Calling over real HTTP: locations and the Calling-enabled flag,
//! the number inventory (`phoneNumbers`, `start`/`max`, filters), and the
//! rules that tie them to people: a Calling license needs a valid line
//! (C1, C2: E.164, in the inventory, at a Calling location, free), and
//! losing it gives the number back (C8). The inventory always agrees with
//! people's Calling data.

use std::collections::HashMap;

use crate::support::{all_pages, delete, get, patch, post, start, token, Reply};
use reqwest::StatusCode;
use serde_json::{json, Value};

struct Calling {
    base: String,
    admin: String,
    org: String,
}

impl Calling {
    async fn open(server: &webex_sim::SimServer) -> Calling {
        let (admin, org) = token(server, "customer_full_admin", None).await;
        Calling { base: server.base_url(), admin, org }
    }

    async fn numbers(&self, query: &str) -> Vec<Value> {
        let url = format!("{}/telephony/config/numbers?orgId={}&max=500&{query}", self.base, self.org);
        all_pages(&url, &self.admin, "phoneNumbers").await
    }

    async fn people(&self) -> Vec<Value> {
        all_pages(&format!("{}/people?callingData=true&max=100", self.base), &self.admin, "items").await
    }

    async fn license(&self, name: &str) -> String {
        let licenses = get(&format!("{}/licenses", self.base), &self.admin).await;
        let found =
            licenses.items().iter().filter(|l| l["name"] == name).find(|l| l["consumedUnits"] != l["totalUnits"]);
        found.expect("a license with units left")["id"].as_str().unwrap().to_string()
    }

    async fn give_calling(&self, person: &Value, properties: Value) -> Reply {
        let pro = self.license("Webex Calling - Professional").await;
        let body = json!({"personId": person["id"], "licenses": [{"id": pro, "properties": properties}]});
        patch(&format!("{}/licenses/users", self.base), &self.admin, body).await
    }
}

#[tokio::test]
async fn the_inventory_agrees_with_peoples_calling_data() {
    let server = start(1200, 1).await;
    let calling = Calling::open(&server).await;
    let numbers = calling.numbers("").await;
    let owners: HashMap<&str, &str> = numbers
        .iter()
        .filter(|n| n["owner"]["type"] == "PEOPLE" && n["phoneNumber"].is_string())
        .map(|n| (n["phoneNumber"].as_str().unwrap(), n["owner"]["id"].as_str().unwrap()))
        .collect();
    let people = calling.people().await;
    let mut checked = 0;
    for person in people.iter().filter(|p| p["locationId"].is_string()) {
        let Some(work) = person["phoneNumbers"].as_array().and_then(|n| n.iter().find(|n| n["type"] == "work")) else {
            continue;
        };
        if owners.get(work["value"].as_str().unwrap()) == Some(&person["id"].as_str().unwrap()) {
            checked += 1;
        }
    }
    let with_numbers = owners.len();
    // Rule C7: two Calling users per customer have a work number changed
    // since they were provisioned (docs/simulator.md).
    assert!(with_numbers > 100 && checked + 2 == with_numbers, "{checked} of {with_numbers} owned numbers match");
    let extension_only = numbers.iter().filter(|n| n["phoneNumber"].is_null()).count();
    assert!(extension_only > 0 && numbers.iter().all(|n| n["location"]["id"].is_string()));
    let services = numbers.iter().filter(|n| n["owner"]["type"] == "AUTO_ATTENDANT").count();
    assert!(services >= 1 && numbers.iter().filter(|n| n["mainNumber"] == true).count() == services);
}

#[tokio::test]
async fn the_inventory_pages_with_start_and_max_and_filters() {
    let server = start(1200, 1).await;
    let calling = Calling::open(&server).await;
    let url = format!("{}/telephony/config/numbers?max=50", calling.base);
    let first = get(&url, &calling.admin).await;
    assert_eq!(first.body["phoneNumbers"].as_array().unwrap().len(), 50);
    let next = first.next_link().expect("a next page");
    assert!(next.contains("start=50"), "{next}");
    let everything = calling.numbers("details=true").await;
    let counted = get(&format!("{}/telephony/config/numbers?details=true&max=1", calling.base), &calling.admin).await;
    assert_eq!(counted.body["count"]["total"].as_u64().unwrap() as usize, everything.len());
    let available = calling.numbers("available=true").await;
    assert!(!available.is_empty() && available.iter().all(|n| n["owner"].is_null() && n["phoneNumber"].is_string()));
    let inactive = calling.numbers("state=INACTIVE").await;
    assert!(!inactive.is_empty() && inactive.iter().all(|n| n["state"] == "INACTIVE"));
    let extensions = calling.numbers("numberType=EXTENSION").await;
    assert!(extensions.iter().all(|n| n["phoneNumber"].is_null() && n["extension"].is_string()));
    let combined = format!("{}/telephony/config/numbers?available=true&ownerType=PEOPLE", calling.base);
    get(&combined, &calling.admin).await.assert_webex_error(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn locations_show_which_are_enabled_for_calling() {
    let server = start(600, 1).await;
    let calling = Calling::open(&server).await;
    let all = get(&format!("{}/locations", calling.base), &calling.admin).await;
    let enabled = get(&format!("{}/telephony/config/locations", calling.base), &calling.admin).await;
    let enabled_ids: Vec<&Value> = enabled.body["locations"].as_array().unwrap().iter().map(|l| &l["id"]).collect();
    let disabled: Vec<&Value> = all.items().iter().filter(|l| !enabled_ids.contains(&&l["id"])).collect();
    assert_eq!(disabled.len(), 1, "one office is not enabled for Calling");
    let id = disabled[0]["id"].as_str().unwrap();
    let url = format!("{}/telephony/config/locations/{id}", calling.base);
    get(&url, &calling.admin).await.assert_webex_error(StatusCode::NOT_FOUND);
    let body = json!({"id": id, "name": disabled[0]["name"]});
    let enable = post(&format!("{}/telephony/config/locations", calling.base), &calling.admin, body.clone()).await;
    assert_eq!(enable.status, StatusCode::CREATED, "{}", enable.body);
    assert_eq!(get(&url, &calling.admin).await.status, StatusCode::OK);
    let again = post(&format!("{}/telephony/config/locations", calling.base), &calling.admin, body).await;
    again.assert_webex_error(StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_calling_license_needs_a_valid_line() {
    // rules C1 and C2: each way the line can be wrong is refused, a free
    // number of a Calling location is taken.
    let server = start(1200, 1).await;
    let calling = Calling::open(&server).await;
    let people = calling.people().await;
    let person =
        people.iter().find(|p| p["locationId"].is_null() && p["roles"].as_array().unwrap().is_empty()).unwrap();
    let taken = calling.numbers("ownerType=PEOPLE").await[0]["phoneNumber"].clone();
    let locations = get(&format!("{}/telephony/config/locations", calling.base), &calling.admin).await;
    let enabled: Vec<&str> =
        locations.body["locations"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    let free = calling.numbers("available=true&state=ACTIVE").await;
    let at = |n: &Value| enabled.contains(&n["location"]["id"].as_str().unwrap());
    let disabled_number = free.iter().find(|n| !at(n)).expect("numbers of the office without Calling");
    let good = free.iter().find(|n| at(n)).unwrap();
    for (properties, code) in [
        (json!({"phoneNumber": "0033142000000"}), None),
        (json!({"phoneNumber": "+4570000001"}), None),
        (json!({"phoneNumber": taken}), None),
        (json!({"phoneNumber": disabled_number["phoneNumber"]}), Some(400)),
        (json!({"extension": "5555"}), Some(400)),
        (json!({"locationId": good["location"]["id"]}), None),
    ] {
        let reply = calling.give_calling(person, properties.clone()).await;
        reply.assert_webex_error(StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.body["errors"][0].get("errorCode").and_then(Value::as_u64),
            code,
            "{properties}: {}",
            reply.body
        );
    }
    let granted = calling.give_calling(person, json!({"phoneNumber": good["phoneNumber"], "extension": "6789"})).await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);
    let owned =
        calling.numbers(&format!("phoneNumber={}", good["phoneNumber"].as_str().unwrap().replace('+', "%2B"))).await;
    assert_eq!(owned[0]["owner"]["id"], person["id"]);
    assert_eq!(owned[0]["extension"], "6789");
    let detail =
        get(&format!("{}/people/{}?callingData=true", calling.base, person["id"].as_str().unwrap()), &calling.admin)
            .await;
    assert_eq!(detail.body["extension"], "6789");
    assert_eq!(detail.body["locationId"], good["location"]["id"]);
}

#[tokio::test]
async fn losing_calling_gives_the_number_back() {
    // rule C8: removing the Calling license or deleting the user frees the
    // number and the extension.
    let server = start(1200, 1).await;
    let calling = Calling::open(&server).await;
    let people = calling.people().await;
    let numbers = calling.numbers("").await;
    // Their work number is the one they hold (not a C7 drift).
    let holds =
        |p: &Value, number: &Value| numbers.iter().any(|n| n["phoneNumber"] == *number && n["owner"]["id"] == p["id"]);
    let with_number = |p: &&Value| {
        p["roles"].as_array().unwrap().is_empty()
            && p["extension"].is_string()
            && p["phoneNumbers"]
                .as_array()
                .is_some_and(|n| n.iter().any(|n| n["type"] == "work" && holds(p, &n["value"])))
    };
    let mut callers = people.iter().filter(with_number);
    let (first, second) = (callers.next().unwrap(), callers.next().unwrap());
    let number = |p: &Value| {
        p["phoneNumbers"].as_array().unwrap().iter().find(|n| n["type"] == "work").unwrap()["value"].clone()
    };
    let calling_licenses: Vec<Value> = first["licenses"].as_array().unwrap().clone();
    let body = json!({"personId": first["id"], "licenses": calling_licenses.iter().map(|l| json!({"id": l, "operation": "remove"})).collect::<Vec<_>>()});
    let removed = patch(&format!("{}/licenses/users", calling.base), &calling.admin, body).await;
    assert!(removed.status.is_success(), "{}", removed.body);
    let deleted = delete(&format!("{}/people/{}", calling.base, second["id"].as_str().unwrap()), &calling.admin).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    for person in [first, second] {
        let query = format!("phoneNumber={}", number(person).as_str().unwrap().replace('+', "%2B"));
        let entry = calling.numbers(&query).await;
        assert!(entry[0]["owner"].is_null(), "{} still held: {}", number(person), entry[0]);
        let extension = calling.numbers(&format!("extension={}", person["extension"].as_str().unwrap())).await;
        assert!(extension.iter().all(|e| e["owner"]["id"] != person["id"]));
    }
}
