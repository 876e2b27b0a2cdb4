//! Groups over real HTTP (webex-api.md §5.2): SCIM-style paging, filters,
//! members with nested groups (rule T3) and distribution groups (rule T17),
//! create / change / delete with their refusals, scopes and read-only admins.

use crate::support::{all_pages, delete, get, patch, post, scoped_token, start, token};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn groups_page_with_start_index_and_count() {
    let server = start(800, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let first = get(&format!("{base}/groups?count=4"), &admin).await;
    assert_eq!(first.status, StatusCode::OK);
    let total = first.body["totalResults"].as_u64().unwrap() as usize;
    assert!(total > 8, "{total} groups");
    assert_eq!((first.body["startIndex"].as_u64(), first.body["itemsPerPage"].as_u64()), (Some(1), Some(4)));
    assert!(first.next_link().unwrap().contains("startIndex=5"));
    let all = all_pages(&format!("{base}/groups?count=4"), &admin, "groups").await;
    assert_eq!(all.len(), total);
    let second = get(&format!("{base}/groups?startIndex=5&count=4"), &admin).await;
    assert_eq!(second.body["groups"][0]["id"], all[4]["id"]);
    assert!(first.body["groups"][0].get("members").is_none(), "members only with includeMembers");
}

#[tokio::test]
async fn filters_and_sorting() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let url = |q: &str| format!("{base}/groups?{q}");
    let exact = get(&url("filter=displayName%20eq%20%22calling%20pilot%22"), &admin).await;
    assert_eq!(exact.body["groups"].as_array().unwrap().len(), 1);
    assert_eq!(exact.body["groups"][0]["displayName"], "Calling pilot");
    let prefix = get(&url("filter=displayName%20sw%20%22All%20staff%22&count=100"), &admin).await;
    let staff = prefix.body["groups"].as_array().unwrap();
    assert!(staff.len() >= 2 && staff.iter().all(|g| g["usage"] == "distribution"), "rule T17: distribution lists");
    get(&url("filter=name%20co%20%22x%22"), &admin).await.assert_webex_error(StatusCode::BAD_REQUEST);
    let sorted = get(&url("sortBy=displayName&sortOrder=descending&count=1000"), &admin).await;
    let names: Vec<String> = sorted.body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["displayName"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] >= w[1]), "{names:?}");
}

#[tokio::test]
async fn nested_groups_are_members_of_type_group() {
    // rule T3: a nested group is listed as a member, its people are not.
    let server = start(600, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let found = get(&format!("{base}/groups?filter=displayName%20eq%20%22Sales%20%26%20Support%22"), &admin).await;
    let group = &found.body["groups"][0];
    let members =
        all_pages(&format!("{base}/groups/{}/members?count=2", group["id"].as_str().unwrap()), &admin, "members").await;
    assert_eq!(members.len() as u64, group["memberSize"].as_u64().unwrap());
    let nested: Vec<&Value> = members.iter().filter(|m| m["type"] == "group").collect();
    assert_eq!(nested.len(), 2);
    let inner = get(&format!("{base}/groups/{}", nested[0]["id"].as_str().unwrap()), &admin).await;
    assert_eq!(inner.status, StatusCode::OK);
    assert!(inner.body["memberSize"].as_u64().unwrap() > members.iter().filter(|m| m["type"] == "user").count() as u64);
}

#[tokio::test]
async fn create_change_and_delete_a_group() {
    let server = start(400, 1).await;
    let base = server.base_url();
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let people = get(&format!("{base}/people?max=3"), &admin).await;
    let ids: Vec<Value> = people.items().iter().map(|p| p["id"].clone()).collect();
    let body =
        json!({"displayName": "Pilote Calling", "description": "essai", "members": [{"id": ids[0]}, {"id": ids[1]}]});
    let created = post(&format!("{base}/groups"), &admin, body.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["memberSize"], 2);
    post(&format!("{base}/groups"), &admin, body).await.assert_webex_error(StatusCode::CONFLICT);
    let url = format!("{base}/groups/{}", created.body["id"].as_str().unwrap());
    let changed =
        patch(&url, &admin, json!({"members": [{"id": ids[2]}, {"id": ids[0], "operation": "delete"}]})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let member_ids: Vec<&Value> = changed.body["members"].as_array().unwrap().iter().map(|m| &m["id"]).collect();
    assert_eq!(member_ids, vec![&ids[1], &ids[2]]);
    let pilot = get(&format!("{base}/groups?filter=displayName%20eq%20%22Calling%20pilot%22"), &admin).await;
    let pilot_id = pilot.body["groups"][0]["id"].clone();
    let nested = patch(&url, &admin, json!({"members": [{"id": pilot_id}]})).await;
    assert!(nested.body["members"].as_array().unwrap().iter().any(|m| m["type"] == "group"));
    let cycle = patch(
        &format!("{base}/groups/{}", pilot_id.as_str().unwrap()),
        &admin,
        json!({"members": [{"id": created.body["id"]}]}),
    )
    .await;
    cycle.assert_webex_error(StatusCode::BAD_REQUEST);
    patch(&url, &admin, json!({"members": [{"id": created.body["id"]}]}))
        .await
        .assert_webex_error(StatusCode::BAD_REQUEST);
    let purge = crate::support::client()
        .patch(&url)
        .bearer_auth(&admin)
        .body(r#"purgeAllValues:{"attributes":["members"]}"#)
        .send()
        .await
        .unwrap();
    let purged: Value = purge.json().await.unwrap();
    assert_eq!(purged["memberSize"], 0);
    assert_eq!(delete(&url, &admin).await.status, StatusCode::NO_CONTENT);
    get(&url, &admin).await.assert_webex_error(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn group_scopes_and_roles() {
    let server = start(300, 1).await;
    let base = server.base_url();
    let reader = scoped_token(&server, "customer_full_admin", "identity:groups_read").await;
    assert_eq!(get(&format!("{base}/groups"), &reader).await.status, StatusCode::OK);
    let body = json!({"displayName": "Nope"});
    post(&format!("{base}/groups"), &reader, body.clone()).await.assert_webex_error(StatusCode::FORBIDDEN);
    let none = scoped_token(&server, "customer_full_admin", "spark-admin:people_read").await;
    get(&format!("{base}/groups"), &none).await.assert_webex_error(StatusCode::FORBIDDEN);
    let (read_only, _) = token(&server, "read_only_admin", None).await;
    assert_eq!(get(&format!("{base}/groups"), &read_only).await.status, StatusCode::OK);
    post(&format!("{base}/groups"), &read_only, body).await.assert_webex_error(StatusCode::FORBIDDEN);
}
