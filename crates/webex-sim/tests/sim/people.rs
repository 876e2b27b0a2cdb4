//! `GET /v1/people` and friends over real HTTP (webex-api.md §2.2, §3):
//! paging to the end, `max` caps, filters, Calling data, determinism.

use std::collections::HashSet;

use base64::Engine;

use crate::support::{get, start, start_with, token, Reply};
use reqwest::StatusCode;
use serde_json::Value;
use url::Url;
use webex_sim::{SimConfig, SimServer};

/// Every person of every org, following `Link rel="next"`; also checks that
/// each next link is absolute on the simulator's origin.
async fn all_people(server: &SimServer, token: &str, max: usize) -> Vec<Value> {
    let orgs = get(&format!("{}/organizations", server.base_url()), token).await;
    let mut people = Vec::new();
    for org in orgs.items() {
        let mut url = people_url(server, &[("orgId", org["id"].as_str().unwrap()), ("max", &max.to_string())]);
        loop {
            let page = get(&url, token).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            assert!(page.items().len() <= max);
            people.extend(page.items().iter().cloned());
            match page.next_link() {
                Some(next) => {
                    assert!(next.starts_with(&format!("{}/v1/people?", server.origin())), "{next}");
                    assert_eq!(page.items().len(), max, "only the last page is short");
                    url = next;
                }
                None => break,
            }
        }
    }
    people
}

fn people_url(server: &SimServer, params: &[(&str, &str)]) -> String {
    let mut url = Url::parse(&format!("{}/people", server.base_url())).unwrap();
    url.query_pairs_mut().extend_pairs(params);
    url.into()
}

#[tokio::test]
async fn paging_yields_every_person_exactly_once() {
    let server = start(1234, 3).await;
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let people = all_people(&server, &partner, 97).await;
    let ids: HashSet<&str> = people.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(people.len(), 1234);
    assert_eq!(ids.len(), 1234, "a person came twice");
}

#[tokio::test]
async fn max_has_a_default_and_silent_caps() {
    let server = start(3000, 2).await;
    let (admin, org) = token(&server, "customer_full_admin", None).await;
    let count = |reply: Reply| reply.items().len();
    assert_eq!(count(get(&people_url(&server, &[]), &admin).await), 100);
    assert_eq!(count(get(&people_url(&server, &[("max", "5000")]), &admin).await), 1000);
    assert_eq!(count(get(&people_url(&server, &[("max", "500"), ("callingData", "true")]), &admin).await), 100);
    let someone = get(&people_url(&server, &[("callingData", "true"), ("max", "100")]), &admin).await;
    let location = someone.items().iter().find_map(|p| p["locationId"].as_str()).expect("a Calling user").to_string();
    let at_location =
        get(&people_url(&server, &[("locationId", &location), ("max", "500"), ("orgId", &org)]), &admin).await;
    assert_eq!(count(at_location), 50);
    let zero = get(&people_url(&server, &[("max", "0")]), &admin).await;
    zero.assert_webex_error(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn filters_by_email_name_id_and_location() {
    let server = start(1500, 2).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let first_page = get(&people_url(&server, &[("max", "50"), ("callingData", "true")]), &admin).await;
    let sample = &first_page.items()[7];
    let email = sample["emails"][0].as_str().unwrap();

    let by_email = get(&people_url(&server, &[("email", &email.to_uppercase())]), &admin).await;
    assert_eq!(by_email.items().len(), 1);
    assert_eq!(by_email.items()[0]["id"], sample["id"]);

    let by_name = get(&people_url(&server, &[("displayName", "sø"), ("max", "1000")]), &admin).await;
    assert!(!by_name.items().is_empty());
    for person in by_name.items() {
        let names = ["displayName", "firstName", "lastName"].map(|k| person[k].as_str().unwrap().to_lowercase());
        assert!(names.iter().any(|n| n.starts_with("sø")), "{names:?}");
    }

    let known: Vec<&str> = first_page.items()[..3].iter().map(|p| p["id"].as_str().unwrap()).collect();
    let bogus = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8wMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA";
    let list = format!("{},{bogus}", known.join(","));
    let by_id = get(&people_url(&server, &[("id", &list)]), &admin).await;
    let found: Vec<&str> = by_id.items().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(found, known);
    assert_eq!(by_id.body["notFoundIds"], serde_json::json!([bogus]));
    let looked_up = &by_id.items()[0];
    assert!(
        looked_up.get("status").is_none() && looked_up.get("lastActivity").is_none(),
        "presence is left out of id lookups"
    );
    assert!(looked_up.get("licenses").is_none(), "admin fields are left out of id lookups");
    let sign_in_name = first_page.items()[0]["emails"][0].as_str().unwrap();
    assert_eq!(looked_up["userName"].as_str(), Some(sign_in_name), "an id lookup names the user's sign-in name");
    assert!(first_page.items().iter().all(|p| p.get("userName").is_none()), "a plain list does not");
    let too_many = vec![known[0]; 86].join(",");
    get(&people_url(&server, &[("id", &too_many)]), &admin).await.assert_webex_error(StatusCode::BAD_REQUEST);

    let location = first_page.items().iter().find_map(|p| p["locationId"].as_str()).unwrap();
    let at_location = get(&people_url(&server, &[("locationId", location), ("callingData", "true")]), &admin).await;
    assert!(!at_location.items().is_empty());
    assert!(at_location.items().iter().all(|p| p["locationId"].as_str() == Some(location)));
}

#[tokio::test]
async fn calling_details_come_only_with_calling_data() {
    let server = start(600, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let with = get(&people_url(&server, &[("callingData", "true"), ("max", "100")]), &admin).await;
    let caller = with.items().iter().find(|p| p["extension"].is_string()).expect("a Calling user with an extension");
    assert!(caller["locationId"].is_string());
    let numbers = caller["phoneNumbers"].as_array().unwrap();
    assert!(numbers.iter().any(|n| n["type"] == "work_extension"));
    let id = caller["id"].as_str().unwrap();
    let plain = get(&format!("{}/people/{id}", server.base_url()), &admin).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.body.get("extension").is_none() && plain.body.get("locationId").is_none());
    let detailed = get(&format!("{}/people/{id}?callingData=true", server.base_url()), &admin).await;
    assert_eq!(detailed.body["extension"], caller["extension"]);
    for field in
        ["licenses", "roles", "created", "lastModified", "invitePending", "loginEnabled", "orgId", "displayName"]
    {
        assert!(detailed.body.get(field).is_some(), "{field} missing");
    }
}

#[tokio::test]
async fn a_person_is_found_by_bare_uuid_as_by_webex_id() {
    let server = start(200, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let page = get(&people_url(&server, &[("max", "5")]), &admin).await;
    let someone = &page.items()[3];
    let id = someone["id"].as_str().unwrap();
    let decoded = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(id).unwrap()).unwrap();
    let uuid = decoded.rsplit('/').next().unwrap();
    assert_eq!(uuid.len(), 36, "{decoded}");
    let by_id = get(&format!("{}/people/{id}", server.base_url()), &admin).await;
    let by_uuid = get(&format!("{}/people/{uuid}", server.base_url()), &admin).await;
    assert_eq!(by_uuid.status, StatusCode::OK, "{}", by_uuid.body);
    assert_eq!(by_uuid.body["id"], someone["id"], "the answer carries the Webex id");
    assert_eq!(by_uuid.body, by_id.body);
    let unknown = get(&format!("{}/people/00000000-0000-4000-8000-000000000000", server.base_url()), &admin).await;
    unknown.assert_webex_error(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_same_seed_serves_the_same_people() {
    let cfg = SimConfig { people: 400, customers: 2, seed: 21, ..SimConfig::default() };
    let snapshot = |server: SimServer| async move {
        let (partner, _) = token(&server, "partner_full_admin", None).await;
        let people = all_people(&server, &partner, 100).await;
        server.shutdown().await;
        people.iter().map(|p| format!("{} {} {}", p["id"], p["displayName"], p["emails"][0])).collect::<Vec<_>>()
    };
    let a = snapshot(start_with(cfg.clone()).await).await;
    let b = snapshot(start_with(cfg.clone()).await).await;
    let c = snapshot(start_with(SimConfig { seed: 22, ..cfg }).await).await;
    assert_eq!(a, b);
    assert_ne!(a, c);
}
