//! Faults on demand over real HTTP: latency, the per-token rate limit (429
//! with `Retry-After`, well formed or not), 5xx and 504 rates, dropped
//! connections, cut-short JSON, spoiled next links; the knobs from flags and
//! from `/_sim/faults`; determinism by seed; and the change log proving a
//! change was applied exactly once even when its answer was lost.

use std::time::{Duration, Instant};

use crate::support::{changes, client, get, reply, set_faults, start, start_with, token};
use clap::Parser;
use reqwest::StatusCode;
use serde_json::{json, Value};
use webex_sim::cli::SimArgs;
use webex_sim::{Faults, RetryAfterStyle, SimConfig, SimServer};

async fn me_status(server: &SimServer, token: &str) -> u16 {
    client().get(format!("{}/people/me", server.base_url())).bearer_auth(token).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn latency_slows_api_requests_but_not_the_helpers() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    set_faults(&server, json!({"latencyMs": 150})).await;
    let started = Instant::now();
    assert_eq!(me_status(&server, &admin).await, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let started = Instant::now();
    changes(&server, 0).await;
    assert!(started.elapsed() < Duration::from_millis(150), "the /_sim/ helpers are never slowed");
}

#[tokio::test]
async fn the_rate_limit_is_per_token_with_retry_after() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let (other, _) = token(&server, "read_only_admin", None).await;
    set_faults(&server, json!({"rateLimit": 3})).await;
    let url = format!("{}/people/me", server.base_url());
    let mut limited = None;
    for _ in 0..12 {
        let answer = get(&url, &admin).await;
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(answer);
            break;
        }
    }
    let limited = limited.expect("a 429 within twelve quick requests");
    limited.assert_webex_error(StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.header("retry-after").expect("Retry-After").parse().expect("integer seconds");
    assert!((1..=2).contains(&wait));
    assert_eq!(get(&url, &other).await.status, StatusCode::OK, "another token has its own budget");
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(get(&url, &admin).await.status, StatusCode::OK, "the budget comes back after Retry-After");
}

#[tokio::test]
async fn retry_after_comes_in_the_malformed_forms_too() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    for (form, check) in [
        ("httpDate", (|v: Option<&str>| v.is_some_and(|v| v.ends_with(" GMT"))) as fn(Option<&str>) -> bool),
        ("fractional", |v| v.is_some_and(|v| v.contains('.') && v.parse::<f64>().is_ok())),
        ("missing", |v| v.is_none()),
        ("garbage", |v| v.is_some_and(|v| v.parse::<f64>().is_err())),
        ("negative", |v| v == Some("-1")),
    ] {
        set_faults(&server, json!({"rateLimit": 1, "retryAfter": form})).await;
        let url = format!("{}/people/me", server.base_url());
        let mut found = None;
        for _ in 0..6 {
            let answer = get(&url, &admin).await;
            if answer.status == StatusCode::TOO_MANY_REQUESTS {
                found = Some(answer);
                break;
            }
        }
        let answer = found.unwrap_or_else(|| panic!("no 429 for {form}"));
        assert!(check(answer.header("retry-after")), "{form}: {:?}", answer.header("retry-after"));
    }
}

/// Statuses of `n` calls to `/people/me`, after (re)setting the knobs.
async fn error_pattern(server: &SimServer, token: &str, n: usize) -> Vec<u16> {
    set_faults(server, json!({"errorRate": 0.3})).await;
    let mut statuses = Vec::new();
    for _ in 0..n {
        statuses.push(me_status(server, token).await);
    }
    statuses
}

#[tokio::test]
async fn server_errors_follow_the_seed() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let first = error_pattern(&server, &admin, 60).await;
    let again = error_pattern(&server, &admin, 60).await;
    assert_eq!(first, again, "the same requests meet the same faults");
    let failures = first.iter().filter(|&&s| s != 200).count();
    assert!((6..=30).contains(&failures), "{failures} of 60 at 30 %");
    assert!(first.iter().all(|s| [200, 500, 502, 503].contains(s)), "{first:?}");
    let other = start_with(SimConfig { people: 100, customers: 1, seed: 9, ..SimConfig::default() }).await;
    let (other_admin, _) = token(&other, "customer_full_admin", None).await;
    assert_ne!(error_pattern(&other, &other_admin, 60).await, first, "another seed, other faults");
    let failed =
        reply(client().get(format!("{}/people/me", server.base_url())).bearer_auth(&admin).send().await.unwrap()).await;
    if failed.status != StatusCode::OK {
        failed.assert_webex_error(failed.status);
    }
}

#[tokio::test]
async fn gateway_timeouts_hit_large_calling_pages_only() {
    let server = start(300, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    set_faults(&server, json!({"gatewayTimeoutRate": 1})).await;
    let people = |q: &str| format!("{}/people?{q}", server.base_url());
    get(&people("callingData=true&max=100"), &admin).await.assert_webex_error(StatusCode::GATEWAY_TIMEOUT);
    get(&people("callingData=true"), &admin).await.assert_webex_error(StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(get(&people("callingData=true&max=50"), &admin).await.status, StatusCode::OK, "a smaller page passes");
    assert_eq!(get(&people("max=100"), &admin).await.status, StatusCode::OK, "no calling data, no timeout");
    set_faults(&server, json!({"gatewayTimeoutAboveMax": 20})).await;
    get(&people("callingData=true&max=30"), &admin).await.assert_webex_error(StatusCode::GATEWAY_TIMEOUT);
}

#[tokio::test]
async fn a_dropped_answer_still_applied_the_change_exactly_once() {
    let server = start(300, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let before = changes(&server, 0).await.len() as u64;
    set_faults(&server, json!({"dropRate": 1})).await;
    let sent = client()
        .post(format!("{}/people", server.base_url()))
        .bearer_auth(&admin)
        .header("TrackingID", "SIMPLE_dropped-1")
        .json(&json!({"emails": ["lost.answer@fjordby-logistik.example"], "displayName": "Lost Answer"}))
        .send()
        .await;
    let body = match sent {
        Ok(response) => response.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the connection drops before the answer is whole");
    let log = changes(&server, before).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["trackingId"], "SIMPLE_dropped-1");
    set_faults(&server, json!({"dropRate": 0})).await;
    let found = get(&format!("{}/people?email=lost.answer@fjordby-logistik.example", server.base_url()), &admin).await;
    assert_eq!(found.items().len(), 1, "the person exists once");
}

/// `writeDropRate`: a write's answer is lost after it was applied, while
/// reads still answer whole, so a client can check what landed.
#[tokio::test]
async fn a_write_drop_loses_the_answers_to_writes_only() {
    let server = start(300, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let before = changes(&server, 0).await.len() as u64;
    set_faults(&server, json!({"writeDropRate": 1})).await;
    let email = "write.drop@fjordby-logistik.example";
    let sent = client()
        .post(format!("{}/people", server.base_url()))
        .bearer_auth(&admin)
        .header("TrackingID", "SIMPLE_write-drop-1")
        .json(&json!({"emails": [email], "displayName": "Write Drop"}))
        .send()
        .await;
    let body = match sent {
        Ok(response) => response.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the write's answer is lost");
    let found = get(&format!("{}/people?email={email}", server.base_url()), &admin).await;
    assert_eq!(found.items().len(), 1, "a read answers whole, and the person exists once");
    let log = changes(&server, before).await;
    assert_eq!((log.len(), &log[0]["trackingId"]), (1, &json!("SIMPLE_write-drop-1")));
    set_faults(&server, json!({"writeDropRate": 0})).await;
}

#[tokio::test]
async fn malformed_json_is_cut_short() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    set_faults(&server, json!({"malformedJsonRate": 1})).await;
    let response = client().get(format!("{}/people", server.base_url())).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(!text.is_empty() && serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn next_links_lose_filters_or_carry_max_null() {
    let server = start(400, 2).await;
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let orgs = get(&format!("{}/organizations", server.base_url()), &partner).await;
    let customer = orgs.items()[1]["id"].as_str().unwrap().to_string();
    let url = format!("{}/people?orgId={customer}&callingData=true&max=20", server.base_url());
    set_faults(&server, json!({"nextLinkDropsFiltersRate": 1})).await;
    let next = get(&url, &partner).await.next_link().unwrap();
    assert!(!next.contains("orgId") && !next.contains("callingData") && next.contains("cursor="), "{next}");
    set_faults(&server, json!({"nextLinkDropsFiltersRate": 0, "nextLinkMaxNullRate": 1})).await;
    let next = get(&url, &partner).await.next_link().unwrap();
    assert!(next.contains("max=null") && next.contains("orgId"), "{next}");
    get(&next, &partner).await.assert_webex_error(StatusCode::BAD_REQUEST);
    assert_eq!(get(&next.replace("&max=null", ""), &partner).await.status, StatusCode::OK, "fixed, it works");
}

#[tokio::test]
async fn the_knobs_are_read_merged_checked_and_reset() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let knobs = set_faults(&server, json!({"latencyMs": 20, "rateLimit": 50})).await;
    let merged = set_faults(&server, json!({"errorRate": 1})).await;
    assert_eq!((merged["latencyMs"].clone(), merged["rateLimit"].clone()), (knobs["latencyMs"].clone(), json!(50)));
    let url = format!("{}/_sim/faults", server.origin());
    for bad in [json!({"errorRate": 2}), json!({"noSuchKnob": 1}), json!([1])] {
        let answer = reply(client().post(&url).json(&bad).send().await.unwrap()).await;
        answer.assert_webex_error(StatusCode::BAD_REQUEST);
    }
    assert!(me_status(&server, &admin).await >= 500, "errorRate 1 fails every API call");
    assert_eq!(client().get(&url).send().await.unwrap().status(), StatusCode::OK, "helpers never fail");
    let reset: Value = client().delete(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(reset["errorRate"], 0.0);
    assert_eq!(me_status(&server, &admin).await, 200);
}

#[tokio::test]
async fn flags_set_the_same_knobs() {
    let args = SimArgs::try_parse_from([
        "webex-sim",
        "--port",
        "0",
        "--people",
        "50",
        "--customers",
        "1",
        "--error-rate",
        "1",
        "--retry-after",
        "http-date",
        "--rate-limit",
        "7",
        "--latency-ms",
        "5",
        "--token-ttl",
        "60",
    ])
    .unwrap();
    let config = args.config();
    let expected = Faults {
        error_rate: 1.0,
        retry_after: RetryAfterStyle::HttpDate,
        rate_limit: 7,
        latency_ms: 5,
        ..Faults::default()
    };
    assert_eq!(config.faults, expected);
    assert_eq!(config.token_ttl_secs, 60);
    let server = start_with(config).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    assert!(me_status(&server, &admin).await >= 500);
    let shown: Value =
        client().get(format!("{}/_sim/faults", server.origin())).send().await.unwrap().json().await.unwrap();
    assert_eq!(shown["rateLimit"], 7);
}
