//! Webex Meetings over real HTTP (webex-api.md §6; rules S1, S2): a user's
//! sites and preferred site, a site's session types, a user's session
//! types and the PUT that replaces them, and what a host can schedule with.

use crate::support::{all_pages, get, put, scoped_token, start, token};
use reqwest::StatusCode;
use serde_json::{json, Value};

struct Meetings {
    base: String,
    admin: String,
}

impl Meetings {
    async fn user_types(&self, email: &str, site: &str) -> Vec<String> {
        let url = format!("{}/admin/meeting/userconfig/sessionTypes?siteUrl={site}&email={email}", self.base);
        let reply = get(&url, &self.admin).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.items()[0]["sessionTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    }

    async fn schedulable(&self, email: &str, site: &str) -> Vec<Value> {
        let url = format!("{}/meetings/sessionTypes?hostEmail={email}&siteUrl={site}", self.base);
        get(&url, &self.admin).await.items().clone()
    }
}

/// Hosts: people holding a meeting license on `site` (from their siteUrls).
fn hosts<'a>(people: &'a [Value], site: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    people.iter().filter(move |p| p["siteUrls"].as_array().is_some_and(|s| s.iter().any(|u| u == site)))
}

#[tokio::test]
async fn a_host_without_paid_session_types_is_limited_to_free_meetings() {
    // rule S1, then S2: enabling the paid types fixes it.
    let server = start(3000, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let meetings = Meetings { base: server.base_url(), admin };
    let site_types = get(&format!("{}/admin/meeting/config/sessionTypes", meetings.base), &meetings.admin).await;
    let site = site_types.items()[0]["siteUrl"].as_str().unwrap().to_string();
    let offered: Vec<String> = site_types.items().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
    assert!(offered.contains(&"3".to_string()) && offered.contains(&"1".to_string()));
    let people = all_pages(&format!("{}/people?max=1000", meetings.base), &meetings.admin, "items").await;
    let mut limited = None;
    for host in hosts(&people, &site).take(400) {
        let email = host["emails"][0].as_str().unwrap();
        if meetings.user_types(email, &site).await == ["1"] {
            limited = Some(email.to_string());
            break;
        }
    }
    let email = limited.expect("a host lacking the paid session types (rule S1)");
    let can = meetings.schedulable(&email, &site).await;
    assert_eq!(can.len(), 1);
    assert!(can[0]["name"].as_str().unwrap().contains("40 minutes"));
    let fixed = put(
        &format!("{}/admin/meeting/userconfig/sessionTypes", meetings.base),
        &meetings.admin,
        json!({
            "siteUrl": site, "email": email, "sessionTypeIds": offered
        }),
    )
    .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    assert_eq!(meetings.user_types(&email, &site).await, offered);
    assert!(meetings.schedulable(&email, &site).await.iter().any(|t| t["id"] == "3"));
}

#[tokio::test]
async fn session_types_are_replaced_only_for_hosts_and_known_types() {
    let server = start(800, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let meetings = Meetings { base: server.base_url(), admin };
    let site = get(&format!("{}/admin/meeting/config/sessionTypes", meetings.base), &meetings.admin).await.items()[0]
        ["siteUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let people = all_pages(&format!("{}/people?max=1000", meetings.base), &meetings.admin, "items").await;
    let host = hosts(&people, &site).next().unwrap()["emails"][0].as_str().unwrap().to_string();
    let guest = people.iter().find(|p| p["siteUrls"].is_null()).unwrap()["emails"][0].as_str().unwrap().to_string();
    let url = format!("{}/admin/meeting/userconfig/sessionTypes", meetings.base);
    let put_types = |email: &str, ids: Value| {
        put(&url, &meetings.admin, json!({"siteUrl": site, "email": email, "sessionTypeIds": ids}))
    };
    put_types(&guest, json!(["3"])).await.assert_webex_error(StatusCode::BAD_REQUEST);
    put_types(&host, json!(["999"])).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let replaced = put_types(&host, json!(["3"])).await;
    assert_eq!(replaced.status, StatusCode::OK);
    assert_eq!(meetings.user_types(&host, &site).await, ["3"], "PUT replaces the set");
    let header_email = crate::support::client()
        .get(format!("{url}?siteUrl={site}"))
        .bearer_auth(&meetings.admin)
        .header("email", &host)
        .send()
        .await
        .unwrap();
    assert_eq!(header_email.status(), StatusCode::OK, "email as the header the spec lists");
    let reader = scoped_token(&server, "customer_full_admin", "meeting:admin_schedule_read").await;
    put(&url, &reader, json!({"siteUrl": site, "email": host, "sessionTypeIds": ["3"]}))
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn sites_and_the_preferred_site() {
    // The first customer has a second, events site.
    let server = start(3000, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let base = server.base_url();
    let people = all_pages(&format!("{base}/people?max=1000"), &admin, "items").await;
    let two_sites =
        people.iter().find(|p| p["siteUrls"].as_array().is_some_and(|s| s.len() == 2)).expect("someone on two sites");
    let email = two_sites["emails"][0].as_str().unwrap();
    let sites = get(&format!("{base}/meetingPreferences/sites?userEmail={email}"), &admin).await;
    let list = sites.body["sites"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|s| s["default"] == true).count(), 1);
    let other = list.iter().find(|s| s["default"] == false).unwrap()["siteUrl"].clone();
    let url = format!("{base}/meetingPreferences/sites?defaultSite=true&userEmail={email}");
    let chosen = put(&url, &admin, json!({"siteUrl": other})).await;
    assert_eq!(chosen.body, json!({"siteUrl": other, "default": true}));
    let again = get(&format!("{base}/meetingPreferences/sites?userEmail={email}"), &admin).await;
    assert!(again.body["sites"].as_array().unwrap().iter().any(|s| s["siteUrl"] == other && s["default"] == true));
    put(&url, &admin, json!({"siteUrl": "nowhere.webex.com"})).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let own = scoped_token(&server, "customer_full_admin", "meeting:preferences_read").await;
    assert_eq!(get(&format!("{base}/meetingPreferences/sites"), &own).await.status, StatusCode::OK);
    get(&format!("{base}/meetingPreferences/sites?userEmail={email}"), &own)
        .await
        .assert_webex_error(StatusCode::FORBIDDEN);
}
