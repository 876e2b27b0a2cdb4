//! `PATCH /v1/licenses/users` over real HTTP (webex-api.md §4.3): every
//! error code of the spec, 206 for partial success, rule T12 (oldest
//! subscription first), the Calling rules C1, C2 and C8 against the number
//! inventory, attendee sites, users of another org, and counts that stay true.

use crate::support::{all_pages, get, patch, start, token, Reply};
use reqwest::StatusCode;
use serde_json::{json, Value};
use webex_sim::SimServer;

/// A customer org as its full admin sees it.
struct Org {
    base: String,
    admin: String,
    id: String,
    licenses: Vec<Value>,
    people: Vec<Value>,
}

impl Org {
    /// The `n`-th customer (0 = Fjordby: Contact Center, no CX Essentials;
    /// 1 = Boulangeries Lefèvre: CX Essentials).
    async fn open(server: &SimServer, n: usize) -> Org {
        let base = server.base_url();
        let (partner, _) = token(server, "partner_full_admin", None).await;
        let orgs = get(&format!("{base}/organizations"), &partner).await;
        let id = orgs.items()[1 + n]["id"].as_str().unwrap().to_string();
        let (admin, _) = token(server, "customer_full_admin", Some(&id)).await;
        let mut org = Org { base, admin, id, licenses: Vec::new(), people: Vec::new() };
        org.refresh().await;
        org
    }

    async fn refresh(&mut self) {
        self.licenses = get(&format!("{}/licenses?orgId={}", self.base, self.id), &self.admin).await.items().clone();
        let url = format!("{}/people?orgId={}&callingData=true&max=100", self.base, self.id);
        self.people = all_pages(&url, &self.admin, "items").await;
    }

    /// License ids by name, oldest subscription first.
    fn license_ids(&self, name: &str) -> Vec<String> {
        self.licenses.iter().filter(|l| l["name"] == name).map(|l| l["id"].as_str().unwrap().to_string()).collect()
    }

    fn license(&self, name: &str) -> String {
        self.license_ids(name).into_iter().next().unwrap_or_else(|| panic!("no {name} license"))
    }

    fn holds(&self, person: &Value, name: &str) -> bool {
        let ids = self.license_ids(name);
        person["licenses"].as_array().unwrap().iter().any(|l| ids.iter().any(|id| l == id))
    }

    /// Someone (not an admin) matching `pick`.
    fn someone(&self, pick: impl Fn(&Value) -> bool) -> Value {
        self.people.iter().find(|p| p["roles"].as_array().unwrap().is_empty() && pick(p)).cloned().expect("a match")
    }

    async fn assign(&self, person: &Value, licenses: Value) -> Reply {
        let body = json!({"personId": person["id"], "orgId": self.id, "licenses": licenses});
        patch(&format!("{}/licenses/users", self.base), &self.admin, body).await
    }

    async fn person(&self, id: &Value) -> Value {
        get(&format!("{}/people/{}?callingData=true", self.base, id.as_str().unwrap()), &self.admin).await.body
    }
}

/// A 400 whose first error carries `code`.
fn assert_refused(reply: &Reply, code: u64) {
    reply.assert_webex_error(StatusCode::BAD_REQUEST);
    assert_eq!(reply.body["errors"][0]["errorCode"], code, "{}", reply.body);
}

fn add(id: &str) -> Value {
    json!({"id": id, "operation": "add"})
}

fn remove(id: &str) -> Value {
    json!({"id": id, "operation": "remove"})
}

#[tokio::test]
async fn calling_professional_and_standard_conflict() {
    // 400404 both together; 400112 Professional→Standard in one request, which changes nothing.
    let server = start(1500, 2).await;
    let org = Org::open(&server, 0).await;
    let pro_user = org.someone(|p| org.holds(p, "Webex Calling - Professional"));
    let basic = org.license("Webex Calling - Basic");
    assert_refused(&org.assign(&pro_user, json!([add(&basic)])).await, 400404);
    let pro = org.license_ids("Webex Calling - Professional");
    let held_pro = pro.iter().find(|id| pro_user["licenses"].as_array().unwrap().iter().any(|l| l == *id)).unwrap();
    assert_refused(&org.assign(&pro_user, json!([remove(held_pro), add(&basic)])).await, 400112);
    let after = org.person(&pro_user["id"]).await;
    assert!(org.holds(&after, "Webex Calling - Professional"), "a refused downgrade removes nothing");
    assert_eq!(after["extension"], pro_user["extension"]);
}

#[tokio::test]
async fn cx_essentials_and_standard_conflict() {
    // 400407 together; 400410 CX Essentials→Standard.
    let server = start(1500, 2).await;
    let org = Org::open(&server, 1).await;
    let cx_user = org.someone(|p| org.holds(p, "Customer Experience - Essential"));
    let basic = org.license("Webex Calling - Basic");
    let cx = org.license("Customer Experience - Essential");
    assert_refused(&org.assign(&cx_user, json!([add(&basic)])).await, 400407);
    assert_refused(&org.assign(&cx_user, json!([remove(&cx), add(&basic)])).await, 400410);
}

#[tokio::test]
async fn attendant_console_needs_professional_and_excludes_standard() {
    // 400408 without Professional; 400406 with Standard; fine with Professional.
    let server = start(1500, 2).await;
    let org = Org::open(&server, 1).await;
    let console = org.license("Webex Attendant Console");
    let nobody = org.someone(|p| p["locationId"].is_null() && !org.holds(p, "Webex Attendant Console"));
    assert_refused(&org.assign(&nobody, json!([add(&console)])).await, 400408);
    let basic_user = org.someone(|p| org.holds(p, "Webex Calling - Basic"));
    assert_refused(&org.assign(&basic_user, json!([add(&console)])).await, 400406);
    let pro_user =
        org.someone(|p| org.holds(p, "Webex Calling - Professional") && !org.holds(p, "Webex Attendant Console"));
    let granted = org.assign(&pro_user, json!([add(&console)])).await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);
    assert!(granted.body["licenses"].as_array().unwrap().iter().any(|l| l == console.as_str()));
}

#[tokio::test]
async fn contact_center_agents_are_standard_or_premium() {
    // 400413: one license of an offer-code group.
    let server = start(2500, 1).await;
    let org = Org::open(&server, 0).await;
    let premium = org.someone(|p| org.holds(p, "Contact Center Premium Agent"));
    let standard = org.license("Contact Center Standard Agent");
    assert_refused(&org.assign(&premium, json!([add(&standard)])).await, 400413);
}

#[tokio::test]
async fn prerequisites_and_implicit_licenses() {
    // 700003, 700004, 700005, 700006, and 400118 for Messenger.
    let server = start(1500, 1).await;
    let org = Org::open(&server, 0).await;
    let bare = org.someone(|p| !org.holds(p, "Messaging"));
    assert_refused(&org.assign(&bare, json!([add(&org.license("Advanced Messaging"))])).await, 700003);
    assert_refused(&org.assign(&bare, json!([add(&org.license("Meeting - Webex Meeting Center"))])).await, 700004);
    assert_refused(&org.assign(&bare, json!([add(&org.license("Basic Meetings"))])).await, 700005);
    let user = org.someone(|p| org.holds(p, "Screen Share"));
    assert_refused(&org.assign(&user, json!([remove(&org.license("Screen Share"))])).await, 700006);
    assert_refused(&org.assign(&user, json!([add(&org.license("Messenger"))])).await, 400118);
    // With the prerequisites in the same request, a meeting license is fine.
    let fine = org
        .assign(
            &bare,
            json!([
                add(&org.license("Messaging")),
                add(&org.license("Basic Meetings")),
                add(&org.license("Meeting - Webex Meeting Center"))
            ]),
        )
        .await;
    assert_eq!(fine.status, StatusCode::OK, "{}", fine.body);
}

#[tokio::test]
async fn malformed_requests_are_refused_whole() {
    // 400000 unknown license, 400 unknown location, 400411 no properties, 400216 bad attendee site.
    let server = start(800, 1).await;
    let org = Org::open(&server, 0).await;
    let person = org.someone(|p| p["locationId"].is_null());
    let messaging = org.license("Messaging");
    assert_refused(&org.assign(&person, json!([add(&messaging), add("bm9wZQ")])).await, 400000);
    let pro = org.license("Webex Calling - Professional");
    assert_refused(&org.assign(&person, json!([add(&pro)])).await, 400411);
    let nowhere = "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA";
    let bad_location = json!([{"id": pro, "properties": {"locationId": nowhere, "extension": "4321"}}]);
    assert_refused(&org.assign(&person, bad_location).await, 400);
    let body =
        json!({"personId": person["id"], "siteUrls": [{"siteUrl": "elsewhere.webex.com", "accountType": "attendee"}]});
    assert_refused(&patch(&format!("{}/licenses/users", org.base), &org.admin, body).await, 400216);
    let nobody = json!({"licenses": [add(&messaging)]});
    patch(&format!("{}/licenses/users", org.base), &org.admin, nobody)
        .await
        .assert_webex_error(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn partial_success_is_206_with_what_the_user_holds() {
    let server = start(1500, 1).await;
    let org = Org::open(&server, 0).await;
    let pro_user =
        org.someone(|p| org.holds(p, "Webex Calling - Professional") && !org.holds(p, "Webex Attendant Console"));
    let console = org.license("Webex Attendant Console");
    let basic = org.license("Webex Calling - Basic");
    let reply = org.assign(&pro_user, json!([add(&console), add(&basic)])).await;
    assert_eq!(reply.status, StatusCode::PARTIAL_CONTENT, "{}", reply.body);
    let held = reply.body["licenses"].as_array().unwrap();
    assert!(held.iter().any(|l| l == console.as_str()) && !held.iter().any(|l| l == basic.as_str()));
    assert_eq!(reply.body["personId"], pro_user["id"]);
    crate::support::schema::assert_valid("webex-admin.json", "patch", "/licenses/users", 206, &reply.body);
}

#[tokio::test]
async fn units_come_from_the_oldest_subscription_first() {
    // rule T12: the oldest Professional subscription is used up, so a unit
    // comes from the next one, whatever license id the request names; once
    // the oldest has a free unit again, it gives the next one.
    let server = start(1500, 1).await;
    let mut org = Org::open(&server, 0).await;
    let pro = oldest_first(&server, &org, "Webex Calling - Professional").await;
    let free = |org: &Org, id: &str| {
        let l = org.licenses.iter().find(|l| l["id"] == id).unwrap();
        l["totalUnits"].as_u64().unwrap() - l["consumedUnits"].as_u64().unwrap()
    };
    assert_eq!(free(&org, &pro[0]), 0, "the oldest subscription starts used up");
    let first_free = pro.iter().find(|id| free(&org, id) > 0).expect("a subscription with units").clone();
    let numbers = get(
        &format!("{}/telephony/config/numbers?orgId={}&available=true&state=ACTIVE&max=20", org.base, org.id),
        &org.admin,
    )
    .await;
    let number = |n: usize| numbers.body["phoneNumbers"][n]["phoneNumber"].clone();
    let newest = pro.last().unwrap();
    let first = org.someone(|p| p["locationId"].is_null() && org.holds(p, "Messaging"));
    let line = |n: usize| json!([{"id": newest, "properties": {"phoneNumber": number(n)}}]);
    let granted = org.assign(&first, line(0)).await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);
    assert!(
        granted.body["licenses"].as_array().unwrap().iter().any(|l| l == first_free.as_str()),
        "from the oldest with units"
    );
    let holder = org.someone(|p| p["licenses"].as_array().unwrap().iter().any(|l| l == pro[0].as_str()));
    assert_eq!(org.assign(&holder, json!([remove(&pro[0])])).await.status, StatusCode::OK);
    let second = org.someone(|p| p["locationId"].is_null() && org.holds(p, "Messaging") && p["id"] != first["id"]);
    let again = org.assign(&second, line(1)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert!(again.body["licenses"].as_array().unwrap().iter().any(|l| l == pro[0].as_str()), "back to the oldest");
    org.refresh().await;
    assert_eq!(free(&org, &pro[0]), 0);
    assert_counts_are_true(&org).await;
}

/// The ids of a license's pool, by subscription start date (`/_sim/subscriptions`).
async fn oldest_first(server: &SimServer, org: &Org, name: &str) -> Vec<String> {
    let url = format!("{}/_sim/subscriptions?orgId={}", server.origin(), org.id);
    let subscriptions: Value = crate::support::client().get(url).send().await.unwrap().json().await.unwrap();
    let mut ids = Vec::new();
    for subscription in subscriptions["items"].as_array().unwrap() {
        let licenses = subscription["licenses"].as_array().unwrap();
        ids.extend(licenses.iter().filter(|l| l["name"] == name).map(|l| l["id"].as_str().unwrap().to_string()));
    }
    assert!(ids.len() >= 2, "{name} comes from several subscriptions");
    ids
}

/// Every license's `consumedByUsers` equals the users listed as holding it.
async fn assert_counts_are_true(org: &Org) {
    for license in &org.licenses {
        let url = format!("{}/licenses/{}?includeAssignedTo=user", org.base, license["id"].as_str().unwrap());
        let users = all_pages(&url, &org.admin, "users").await;
        assert_eq!(users.len() as u64, license["consumedByUsers"].as_u64().unwrap(), "{}", license["name"]);
        assert!(license["totalUnits"].as_u64() >= license["consumedUnits"].as_u64());
    }
}

#[tokio::test]
async fn a_used_up_license_is_refused_without_an_error_code() {
    // The first customer's Calling Basic has no unit left in any subscription.
    let server = start(800, 1).await;
    let org = Org::open(&server, 0).await;
    let basic = org.license("Webex Calling - Basic");
    let person = org.someone(|p| p["locationId"].is_null());
    let location = get(&format!("{}/telephony/config/locations?orgId={}", org.base, org.id), &org.admin).await;
    let location_id = location.body["locations"][0]["id"].clone();
    let reply = org
        .assign(&person, json!([{"id": basic, "properties": {"locationId": location_id, "extension": "7777"}}]))
        .await;
    reply.assert_webex_error(StatusCode::BAD_REQUEST);
    assert!(reply.body["errors"][0].get("errorCode").is_none());
    assert!(reply.body["errors"][0]["description"].as_str().unwrap().contains("No unit"));
}

#[tokio::test]
async fn attendee_sites_and_users_of_another_org() {
    // rule T9: a host of a site keeps the host account; users outside the
    // org get Meeting licenses and attendee roles as pending.
    let server = start(800, 1).await;
    let org = Org::open(&server, 0).await;
    let site = org.licenses.iter().find(|l| l["siteUrl"].is_string()).unwrap()["siteUrl"].as_str().unwrap().to_string();
    let attendee = json!([{"siteUrl": site, "accountType": "attendee", "operation": "add"}]);
    let url = format!("{}/licenses/users", org.base);
    let guest = org.someone(|p| p["siteUrls"].is_null());
    let added = patch(&url, &org.admin, json!({"personId": guest["id"], "siteUrls": attendee})).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.body["siteUrls"], json!([{"siteUrl": site, "accountType": "attendee"}]));
    let person = org.person(&guest["id"]).await;
    assert_eq!(person["siteUrls"], json!([format!("{site}#attendee")]));
    let host = org.someone(|p| p["siteUrls"].as_array().is_some_and(|s| s.iter().any(|u| u == site.as_str())));
    let kept = patch(&url, &org.admin, json!({"personId": host["id"], "siteUrls": attendee})).await;
    let accounts: Vec<&Value> =
        kept.body["siteUrls"].as_array().unwrap().iter().filter(|s| s["siteUrl"] == site.as_str()).collect();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["accountType"], "host");

    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let outsider = get(&format!("{}/people/me", org.base), &partner).await.body;
    let meeting = org.license("Meeting - Webex Meeting Center");
    let body =
        json!({"email": outsider["emails"][0], "orgId": org.id, "licenses": [add(&meeting)], "siteUrls": attendee});
    let pending = patch(&url, &partner, body).await;
    assert_eq!(pending.status, StatusCode::OK, "{}", pending.body);
    assert_eq!(pending.body["pendingLicenses"], json!([meeting]));
    assert_eq!(pending.body["pendingSiteUrls"][0]["siteUrl"], site.as_str());
    let calling = json!({"email": outsider["emails"][0], "orgId": org.id, "licenses": [add(&org.license("Webex Calling - Professional"))]});
    patch(&url, &partner, calling).await.assert_webex_error(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn license_writes_need_a_full_admin_and_people_write() {
    let server = start(300, 2).await;
    let org = Org::open(&server, 0).await;
    let person = org.someone(|_| true);
    let body = json!({"personId": person["id"], "licenses": [add(&org.license("Messaging"))]});
    let (read_only, _) = token(&server, "read_only_admin", Some(&org.id)).await;
    patch(&format!("{}/licenses/users", org.base), &read_only, body.clone())
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
    let reader = crate::support::scoped_token(
        &server,
        "customer_full_admin",
        "spark-admin:licenses_read spark-admin:people_read",
    )
    .await;
    patch(&format!("{}/licenses/users", org.base), &reader, body.clone())
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
    let other = Org::open(&server, 1).await;
    let mut elsewhere = body.clone();
    elsewhere["orgId"] = json!(other.id);
    patch(&format!("{}/licenses/users", org.base), &org.admin, elsewhere)
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
}
