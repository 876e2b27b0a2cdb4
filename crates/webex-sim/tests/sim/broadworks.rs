//! Webex for BroadWorks subscribers over real HTTP (webex-api.md §7.1;
//! rules B1, B3, B4): filters and paging, provisioning that completes over
//! simulated time, error 10022, updates shown only once applied, retry of a
//! failed subscriber, delete, the precheck and the consent email.

use crate::support::{advance_clock, all_pages, delete, get, post, put, start, start_with, token};
use reqwest::StatusCode;
use serde_json::{json, Value};
use webex_sim::{SimConfig, SimServer};

struct BroadWorks {
    base: String,
    partner: String,
}

impl BroadWorks {
    async fn open(server: &SimServer) -> BroadWorks {
        let (partner, _) = token(server, "partner_full_admin", None).await;
        BroadWorks { base: server.base_url(), partner }
    }

    async fn list(&self, query: &str) -> Vec<Value> {
        all_pages(&format!("{}/broadworks/subscribers?max=100&{query}", self.base), &self.partner, "items").await
    }

    async fn get(&self, id: &Value) -> Value {
        get(&format!("{}/broadworks/subscribers/{}", self.base, id.as_str().unwrap()), &self.partner).await.body
    }

    /// Provisions a new subscriber in the first customer's template.
    async fn provision(&self, user_id: &str, email: Option<&str>) -> crate::support::Reply {
        let template = &self.list("").await[0];
        let mut body = json!({
            "provisioningId": template["provisioningId"], "spEnterpriseId": template["spEnterpriseId"],
            "userId": user_id, "firstName": "Åke", "lastName": "Ångström", "package": "standard", "extension": "2201"
        });
        if let Some(email) = email {
            body["email"] = json!(email);
        }
        post(&format!("{}/broadworks/subscribers", self.base), &self.partner, body).await
    }
}

#[tokio::test]
async fn subscribers_filter_and_page() {
    let server = start(6000, 2).await;
    let bw = BroadWorks::open(&server).await;
    let all = bw.list("").await;
    let first_page = get(&format!("{}/broadworks/subscribers?max=1000", bw.base), &bw.partner).await;
    assert_eq!(first_page.items().len(), 100, "max is capped at 100");
    let default = get(&format!("{}/broadworks/subscribers", bw.base), &bw.partner).await;
    assert_eq!(default.items().len(), 50, "max defaults to 50");
    assert!(all.len() > 100);
    for status in [
        "pending_email_input",
        "pending_email_validation",
        "pending_user_migration",
        "provisioning",
        "provisioned",
        "updating",
        "error",
    ] {
        assert!(all.iter().any(|s| s["status"] == status), "no subscriber is {status} (rule B3)");
    }
    let failing = bw.list("status=error,pending_email_input").await;
    assert!(failing.iter().all(|s| s["status"] == "error" || s["status"] == "pending_email_input"));
    assert_eq!(
        failing.len(),
        all.iter().filter(|s| s["status"] == "error" || s["status"] == "pending_email_input").count()
    );
    for error in all.iter().filter(|s| s["status"] == "error") {
        let text = error["errors"][0]["description"].as_str().unwrap();
        assert!(text.len() > 20 && error["errors"][0]["errorCode"].as_u64().unwrap() > 1000, "{error}");
    }
    assert!(all.iter().all(|s| s["personId"].is_string() == (s["status"] == "provisioned")));
    let provisioned = all.iter().find(|s| s["status"] == "provisioned" && s["email"].is_string()).unwrap();
    let by_email = bw.list(&format!("email={}", provisioned["email"].as_str().unwrap().to_uppercase())).await;
    assert_eq!(by_email.len(), 1);
    let recent = bw.list(&format!("lastStatusChange={}", provisioned["lastStatusChange"].as_str().unwrap())).await;
    assert!(
        recent.len() < all.len()
            && recent.iter().all(|s| s["lastStatusChange"].as_str() > provisioned["lastStatusChange"].as_str())
    );
    get(&format!("{}/broadworks/subscribers?status=happy", bw.base), &bw.partner)
        .await
        .assert_webex_error(StatusCode::BAD_REQUEST);
    let (customer, _) = token(&server, "customer_full_admin", None).await;
    let own = all_pages(&format!("{}/broadworks/subscribers?max=100", bw.base), &customer, "items").await;
    assert!(!own.is_empty() && own.len() < all.len(), "a customer admin sees their org only");
}

#[tokio::test]
async fn provisioning_completes_over_simulated_time() {
    let server =
        start_with(SimConfig { people: 600, customers: 1, provisioning_delay_secs: 30, ..SimConfig::default() }).await;
    let bw = BroadWorks::open(&server).await;
    let created = bw.provision("4599000001@voip.example", Some("ake.angstrom@fjordby-logistik.example")).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["status"], "provisioning");
    assert!(created.body["personId"].is_null());
    assert_eq!(bw.get(&created.body["id"]).await["status"], "provisioning", "not before the delay");
    advance_clock(&server, 31).await;
    let done = bw.get(&created.body["id"]).await;
    assert_eq!(done["status"], "provisioned");
    let person = get(&format!("{}/people/{}", bw.base, done["personId"].as_str().unwrap()), &bw.partner).await;
    assert_eq!(person.body["emails"][0], "ake.angstrom@fjordby-logistik.example");
    let untrusted = bw.provision("4599000002@voip.example", None).await;
    assert_eq!(untrusted.body["status"], "pending_email_input", "rule B1: no email, the user enters it");
}

#[tokio::test]
async fn a_taken_user_id_fails_in_the_background_and_a_retry_fixes_it() {
    // Error 10022, then rule B4: change the details and retry.
    let server = start(600, 1).await;
    let bw = BroadWorks::open(&server).await;
    let taken = bw.list("status=provisioned").await[0]["userId"].clone();
    let created = bw.provision(taken.as_str().unwrap(), Some("dup@fjordby-logistik.example")).await;
    assert_eq!(created.status, StatusCode::OK, "validation errors are synchronous, this one is not");
    advance_clock(&server, 60).await;
    let failed = bw.get(&created.body["id"]).await;
    assert_eq!(failed["status"], "error");
    assert_eq!(failed["errors"][0]["errorCode"], 10022);
    let url = format!("{}/broadworks/subscribers/{}", bw.base, created.body["id"].as_str().unwrap());
    let retry = put(&url, &bw.partner, json!({"userId": "4599000009@voip.example", "package": "premium"})).await;
    assert_eq!(retry.body["status"], "provisioning");
    put(&url, &bw.partner, json!({"package": "basic"})).await.assert_webex_error(StatusCode::CONFLICT);
    advance_clock(&server, 60).await;
    let fixed = bw.get(&created.body["id"]).await;
    assert_eq!((fixed["status"].as_str(), fixed["package"].as_str()), (Some("provisioned"), Some("premium")));
    assert!(fixed["errors"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_update_shows_once_applied() {
    let server = start(600, 1).await;
    let bw = BroadWorks::open(&server).await;
    let subscriber = bw.list("status=provisioned").await[0].clone();
    let url = format!("{}/broadworks/subscribers/{}", bw.base, subscriber["id"].as_str().unwrap());
    let new_package = if subscriber["package"] == "premium" { "basic" } else { "premium" };
    let answer = put(&url, &bw.partner, json!({"lastName": "Nyström", "package": new_package})).await;
    assert_eq!(answer.body["status"], "updating");
    assert_eq!(answer.body["lastName"], subscriber["lastName"], "the changes are not in the answer");
    put(&url, &bw.partner, json!({"primaryPhoneNumber": "", "extension": ""}))
        .await
        .assert_webex_error(StatusCode::CONFLICT);
    advance_clock(&server, 60).await;
    let applied = bw.get(&subscriber["id"]).await;
    assert_eq!((applied["status"].as_str(), applied["lastName"].as_str()), (Some("provisioned"), Some("Nyström")));
    assert_eq!(applied["package"], new_package);
    let emptied = put(&url, &bw.partner, json!({"primaryPhoneNumber": "", "extension": ""})).await;
    emptied.assert_webex_error(StatusCode::BAD_REQUEST);
    put(&url, &bw.partner, json!({"package": "platinum"})).await.assert_webex_error(StatusCode::BAD_REQUEST);
    assert_eq!(delete(&url, &bw.partner).await.status, StatusCode::NO_CONTENT);
    get(&url, &bw.partner).await.assert_webex_error(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn precheck_and_consent_email() {
    let server = start(600, 1).await;
    let bw = BroadWorks::open(&server).await;
    let any = bw.list("").await[0].clone();
    let url = format!("{}/broadworks/subscribers/validate", bw.base);
    let fine = post(
        &url,
        &bw.partner,
        json!({"provisioningId": any["provisioningId"], "email": "new.person@fjordby-logistik.example"}),
    )
    .await;
    assert_eq!(fine.body["info"][0]["infoCode"], 100);
    post(&url, &bw.partner, json!({"provisioningId": any["provisioningId"]}))
        .await
        .assert_webex_error(StatusCode::BAD_REQUEST);
    let mapped = bw.list("status=provisioned").await[0].clone();
    let taken =
        post(&url, &bw.partner, json!({"userId": mapped["userId"], "email": "x@fjordby-logistik.example"})).await;
    assert_eq!(taken.body["errors"][0]["errorCode"], 10022);
    // A subscriber still waiting for an email holds no Webex user: its own
    // user id passes, so a retry (delete, then provision again) can check first.
    let waiting = bw.list("status=pending_email_input").await[0].clone();
    let own = json!({"provisioningId": waiting["provisioningId"], "userId": waiting["userId"], "email": "x@fjordby-logistik.example"});
    assert_eq!(post(&url, &bw.partner, own).await.body["info"][0]["infoCode"], 100);
    let waiting = bw.list("status=pending_user_migration").await[0].clone();
    let consent = |s: &Value| format!("{}/subscribers/{}/emails/consentMove", bw.base, s["id"].as_str().unwrap());
    let sent = crate::support::client().post(consent(&waiting)).bearer_auth(&bw.partner).send().await.unwrap();
    assert_eq!(sent.status(), StatusCode::NO_CONTENT);
    let provisioned = bw.list("status=provisioned").await[0].clone();
    let refused = crate::support::reply(
        crate::support::client().post(consent(&provisioned)).bearer_auth(&bw.partner).send().await.unwrap(),
    )
    .await;
    refused.assert_webex_error(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn seeded_work_finishes_by_itself() {
    // Seeded `provisioning` and `updating` subscribers complete within minutes of the start.
    let server = start(2000, 1).await;
    let bw = BroadWorks::open(&server).await;
    assert!(!bw.list("status=provisioning,updating").await.is_empty());
    advance_clock(&server, 600).await;
    assert!(bw.list("status=provisioning,updating").await.is_empty());
}

#[tokio::test]
async fn a_retry_deletes_then_provisions_the_same_user_id_with_an_email() {
    // Rule B4 through the public API: the update body has no email, so a
    // pending subscriber is deleted and provisioned again with one.
    let server = start(600, 1).await;
    let bw = BroadWorks::open(&server).await;
    let waiting = bw.list("status=pending_email_input").await[0].clone();
    let url = format!("{}/broadworks/subscribers/{}", bw.base, waiting["id"].as_str().unwrap());
    assert_eq!(delete(&url, &bw.partner).await.status, StatusCode::NO_CONTENT);
    let mut body = json!({
        "provisioningId": waiting["provisioningId"], "spEnterpriseId": waiting["spEnterpriseId"],
        "userId": waiting["userId"], "firstName": waiting["firstName"], "lastName": waiting["lastName"],
        "package": waiting["package"], "email": "retried.once@fjordby-logistik.example"
    });
    body["primaryPhoneNumber"] = waiting["primaryPhoneNumber"].clone();
    let again = post(&format!("{}/broadworks/subscribers", bw.base), &bw.partner, body).await;
    assert_eq!(again.body["status"], "provisioning", "{}", again.body);
    advance_clock(&server, 600).await;
    assert_eq!(bw.get(&again.body["id"]).await["status"], "provisioned");
}
