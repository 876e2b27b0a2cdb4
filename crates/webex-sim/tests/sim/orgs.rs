//! Organizations, Licenses, org confinement, tracking ids and error bodies
//! over real HTTP (webex-api.md §2.5–2.6, §4.1–4.2, §5.1).

use std::collections::HashSet;

use crate::support::{client, get, reply, start, token};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_partner_sees_its_customers_and_a_customer_only_itself() {
    let server = start(300, 3).await;
    let base = server.base_url();
    let (partner, partner_org) = token(&server, "partner_full_admin", None).await;
    let orgs = get(&format!("{base}/organizations"), &partner).await;
    assert_eq!(orgs.status, StatusCode::OK);
    assert_eq!(orgs.items().len(), 4);
    for org in orgs.items() {
        let mut keys: Vec<&str> = org.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["created", "displayName", "id"]);
    }
    assert!(orgs.items().iter().any(|o| o["id"] == partner_org.as_str()));
    let second_customer =
        orgs.items().iter().filter(|o| o["id"] != partner_org.as_str()).nth(1).unwrap()["id"].as_str().unwrap();

    let (customer, customer_org) = token(&server, "customer_full_admin", None).await;
    let own = get(&format!("{base}/organizations"), &customer).await;
    assert_eq!(own.items().len(), 1);
    assert_eq!(own.items()[0]["id"], customer_org.as_str());
    for url in [
        format!("{base}/organizations/{second_customer}"),
        format!("{base}/people?orgId={second_customer}"),
        format!("{base}/licenses?orgId={second_customer}"),
    ] {
        get(&url, &customer).await.assert_webex_error(StatusCode::FORBIDDEN);
        assert_eq!(get(&url, &partner).await.status, StatusCode::OK, "{url}");
    }
    let stranger =
        get(&format!("{base}/people?orgId={second_customer}&max=1"), &partner).await.items()[0]["id"].clone();
    get(&format!("{base}/people/{}", stranger.as_str().unwrap()), &customer)
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn licenses_add_up_and_list_their_users() {
    let server = start(900, 2).await;
    let base = server.base_url();
    let (admin, org) = token(&server, "customer_full_admin", None).await;
    let licenses = get(&format!("{base}/licenses?orgId={org}"), &admin).await;
    assert_eq!(licenses.status, StatusCode::OK);
    let names: Vec<&str> = licenses.items().iter().map(|l| l["name"].as_str().unwrap()).collect();
    for expected in
        ["Messaging", "Meeting - Webex Meeting Center", "Webex Calling - Professional", "Webex Calling - Basic"]
    {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let pro_subscriptions: HashSet<&str> = licenses
        .items()
        .iter()
        .filter(|l| l["name"] == "Webex Calling - Professional")
        .map(|l| l["subscriptionId"].as_str().unwrap())
        .collect();
    assert!(pro_subscriptions.len() >= 2, "Professional comes from several subscriptions (rule T12)");
    for license in licenses.items() {
        let units = |k: &str| license[k].as_u64().unwrap_or(0);
        assert_eq!(units("consumedUnits"), units("consumedByUsers") + units("consumedByWorkspaces"));
        assert!(units("totalUnits") >= units("consumedUnits"));
        assert_eq!(license["siteUrl"].is_string(), license["name"] == "Meeting - Webex Meeting Center");
    }
    let messaging = licenses.items().iter().find(|l| l["name"] == "Messaging").unwrap();
    assert_eq!(
        count_assigned_users(&admin, &format!("{base}/licenses/{}", messaging["id"].as_str().unwrap())).await,
        messaging["consumedByUsers"].as_u64().unwrap()
    );
    let one = get(&format!("{base}/licenses/{}", messaging["id"].as_str().unwrap()), &admin).await;
    assert_eq!(one.body["name"], "Messaging");
    assert!(one.body.get("users").is_none());
}

/// Follows `includeAssignedTo=user` pages of 40 and counts distinct users.
async fn count_assigned_users(token: &str, license_url: &str) -> u64 {
    let mut url = format!("{license_url}?includeAssignedTo=user&limit=40");
    let mut users = HashSet::new();
    loop {
        let page = get(&url, token).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let batch = page.body["users"].as_array().unwrap();
        assert!(batch.len() <= 40);
        for user in batch {
            assert_eq!(user["type"], "INTERNAL");
            assert!(users.insert(user["id"].as_str().unwrap().to_string()), "a user came twice");
        }
        match page.next_link() {
            Some(next) => url = next,
            None => return users.len() as u64,
        }
    }
}

#[tokio::test]
async fn every_response_has_a_tracking_id_and_errors_the_webex_shape() {
    let server = start(100, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let ok = get(&format!("{base}/people/me"), &admin).await;
    assert!(ok.header("trackingid").is_some_and(|t| !t.is_empty()));

    let anonymous = reply(client().get(format!("{base}/people")).send().await.unwrap()).await;
    anonymous.assert_webex_error(StatusCode::UNAUTHORIZED);
    get(&format!("{base}/people"), "not-a-token").await.assert_webex_error(StatusCode::UNAUTHORIZED);
    get(&format!("{base}/people/nobody"), &admin).await.assert_webex_error(StatusCode::NOT_FOUND);
    get(&format!("{base}/no-such-thing"), &admin).await.assert_webex_error(StatusCode::NOT_FOUND);
    get(&format!("{base}/people?callingData=maybe"), &admin).await.assert_webex_error(StatusCode::BAD_REQUEST);

    let echoed = client().get(format!("{base}/people/me")).bearer_auth(&admin).header("TrackingID", "SIMPLE_test-42");
    assert_eq!(reply(echoed.send().await.unwrap()).await.header("trackingid"), Some("SIMPLE_test-42"));
}

#[tokio::test]
async fn sim_tokens_pick_a_seeded_admin_by_role_and_org() {
    let server = start(200, 2).await;
    let url = format!("{}/_sim/tokens", server.origin());
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let orgs = get(&format!("{}/organizations", server.base_url()), &partner).await;
    let last = orgs.items().last().unwrap()["id"].as_str().unwrap();
    let (read_only, org) = token(&server, "read_only_admin", Some(last)).await;
    assert_eq!(org, last);
    let me = get(&format!("{}/people/me", server.base_url()), &read_only).await;
    assert_eq!(me.body["orgId"], last);
    let roles: Vec<Value> = me.body["roles"].as_array().unwrap().clone();
    assert_eq!(roles.len(), 1);
    let bad = reply(client().post(&url).json(&serde_json::json!({"role": "owner"})).send().await.unwrap()).await;
    bad.assert_webex_error(StatusCode::BAD_REQUEST);
}
