//! Every number a request names is bounded: list positions (`start`,
//! `startIndex`, cursors), page sizes, time filters, the change log's
//! `since`, the clock's `advanceSeconds`, the fault knobs, ids in the path.
//! Out of range is a 400 in the Webex error shape; no request can panic a
//! handler (a dropped connection) or wedge the simulator for the requests
//! after it.

use std::time::{Duration, Instant};

use crate::support::{client, get, helpers, reply, start, token, Reply};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::json;
use webex_sim::SimServer;

/// What a careless or hostile client puts where a number goes.
fn extremes() -> Vec<String> {
    let mut values: Vec<String> = [
        "18446744073709551615", // u64::MAX
        "18446744073709551616", // u64::MAX + 1
        "9223372036854775807",  // i64::MAX
        "-9223372036854775808", // i64::MIN
        "-1",
        "0",
        "1e309",
        "NaN",
        "inf",
        "0x10",
        "%00",
        "%FF",
    ]
    .map(String::from)
    .to_vec();
    values.push("9".repeat(20_000));
    values
}

/// A GET that must be answered (not dropped), never with a 5xx, and in the
/// Webex error shape when refused.
async fn assert_webex_answer(url: &str, token: &str) -> Reply {
    let shown: String = url.chars().take(160).collect();
    let sent = client().get(url).bearer_auth(token).send().await;
    let answer = reply(sent.unwrap_or_else(|e| panic!("{shown}: no answer ({e})"))).await;
    assert!(!answer.status.is_server_error(), "{shown}: {} {}", answer.status, answer.body);
    if !answer.status.is_success() {
        answer.assert_webex_error(answer.status);
        let message = answer.body["message"].as_str().unwrap();
        assert!(message.chars().count() <= 501, "{shown}: a message that repeats a huge input whole");
    }
    answer
}

/// The API still answers: nothing a refused request did wedged the server.
async fn assert_still_serving(server: &SimServer, token: &str) {
    let me = get(&format!("{}/people/me", server.base_url()), token).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
}

async fn first_id(url: &str, token: &str, key: &str) -> String {
    let page = get(url, token).await;
    page.body[key][0]["id"].as_str().unwrap_or_else(|| panic!("{url}: {}", page.body)).to_string()
}

#[tokio::test]
async fn list_positions_beyond_the_bound_are_refused_not_a_dropped_connection() {
    let server = start(300, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let base = server.base_url();
    let group = first_id(&format!("{base}/groups"), &admin, "groups").await;
    for url in [
        format!("{base}/groups?startIndex=18446744073709551615"),
        format!("{base}/groups/{group}/members?startIndex=18446744073709551615"),
        format!("{base}/telephony/config/numbers?start=18446744073709551615"),
        format!("{base}/telephony/config/locations?start=18446744073709551615"),
        format!("{base}/groups?startIndex=10000001"),
    ] {
        assert_webex_answer(&url, &admin).await.assert_webex_error(StatusCode::BAD_REQUEST);
    }
    // The furthest position allowed is simply past the end of the list: an empty page.
    let far = get(&format!("{base}/telephony/config/numbers?start=10000000"), &admin).await;
    assert_eq!((far.status, far.body["phoneNumbers"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    assert_still_serving(&server, &admin).await;
}

#[tokio::test]
async fn a_clock_advance_past_a_hundred_years_is_refused_and_time_keeps_working() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let url = format!("{}/_sim/clock", server.origin());
    for seconds in [json!(u64::MAX), json!(3_155_760_001u64)] {
        let refused = reply(client().post(&url).json(&json!({"advanceSeconds": seconds})).send().await.unwrap()).await;
        refused.assert_webex_error(StatusCode::BAD_REQUEST);
    }
    for bad in [json!(-1), json!(i64::MIN), json!(1.5), json!("NaN"), json!("9".repeat(20_000))] {
        let refused = reply(client().post(&url).json(&json!({"advanceSeconds": bad})).send().await.unwrap()).await;
        refused.assert_webex_error(StatusCode::BAD_REQUEST);
        assert!(refused.body["message"].as_str().unwrap().chars().count() <= 501, "a huge input repeated whole");
    }
    let overflow = reply(
        client()
            .post(&url)
            .header("content-type", "application/json")
            .body(r#"{"advanceSeconds": 1e309}"#)
            .send()
            .await
            .unwrap(),
    )
    .await;
    overflow.assert_webex_error(StatusCode::BAD_REQUEST);
    assert_still_serving(&server, &admin).await;
    let clock = reply(client().get(&url).send().await.unwrap()).await;
    assert_eq!(clock.body["offsetMs"], 0, "a refused advance moves nothing");
    helpers(&server).advance_clock(3_155_760_000).await.expect("exactly 100 years is allowed");
    let moved = reply(client().get(&url).send().await.unwrap()).await;
    assert!(moved.body["now"].as_str().is_some_and(|now| now.starts_with("21")), "{}", moved.body);
    assert!(helpers(&server).advance_clock(1).await.is_err(), "no further than 100 years ahead");
    // Tokens issued now expire on the simulated clock; the API still answers.
    let (fresh, _) = token(&server, "customer_full_admin", None).await;
    assert_still_serving(&server, &fresh).await;
}

#[tokio::test]
async fn fault_knobs_out_of_range_are_refused_so_no_call_hangs() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let url = format!("{}/_sim/faults", server.origin());
    for knobs in [
        json!({"latencyMs": u64::MAX}),
        json!({"latencyMs": 60_001}),
        json!({"latencyMs": -1}),
        json!({"rateLimit": u32::MAX}),
        json!({"rateLimit": u64::MAX}),
        json!({"gatewayTimeoutAboveMax": 1001}),
        json!({"errorRate": -0.5}),
        json!({"dropRate": "NaN"}),
        json!({"latencyMs": "9".repeat(20_000)}),
    ] {
        let refused = reply(client().post(&url).json(&knobs).send().await.unwrap()).await;
        refused.assert_webex_error(StatusCode::BAD_REQUEST);
        assert!(refused.body["message"].as_str().unwrap().chars().count() <= 501, "a huge input repeated whole");
    }
    let knobs = reply(client().get(&url).send().await.unwrap()).await;
    assert_eq!(knobs.body["latencyMs"], 0, "nothing refused was applied: {}", knobs.body);
    let started = Instant::now();
    assert_still_serving(&server, &admin).await;
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Every endpoint the routers serve, with each of its numeric query
/// parameters set to each extreme value.
#[tokio::test]
async fn extreme_values_in_every_numeric_parameter_get_a_webex_answer() {
    let server = start(300, 1).await;
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let base = server.base_url();
    let group = first_id(&format!("{base}/groups"), &admin, "groups").await;
    let license = first_id(&format!("{base}/licenses"), &admin, "items").await;
    let endpoints: Vec<(String, &str, &[&str])> = vec![
        (format!("{base}/people?"), &admin, &["max", "cursor"]),
        (format!("{base}/people?callingData=true&"), &admin, &["max", "cursor"]),
        (format!("{base}/licenses/{license}?includeAssignedTo=user&"), &admin, &["limit", "next"]),
        (format!("{base}/groups?"), &admin, &["startIndex", "count"]),
        (format!("{base}/groups/{group}/members?"), &admin, &["startIndex", "count"]),
        (format!("{base}/locations?"), &admin, &["max", "cursor"]),
        (format!("{base}/telephony/config/locations?"), &admin, &["start", "max"]),
        (format!("{base}/telephony/config/numbers?"), &admin, &["start", "max", "extension", "phoneNumber"]),
        (format!("{base}/broadworks/subscribers?"), &partner, &["max", "cursor", "lastStatusChange", "after"]),
        (format!("{base}/broadworks/enterprises?"), &partner, &["max"]),
        (format!("{}/_sim/changes?", server.origin()), &admin, &["since"]),
    ];
    for (url, token, names) in &endpoints {
        for name in names.iter() {
            for value in extremes() {
                assert_webex_answer(&format!("{url}{name}={value}"), token).await;
            }
        }
    }
    // A forged cursor that decodes to a far position is refused like a garbled one.
    let forged = URL_SAFE_NO_PAD.encode(format!("pos:{}", u64::MAX));
    for url in [format!("{base}/people?cursor={forged}"), format!("{base}/locations?cursor={forged}")] {
        assert_webex_answer(&url, &admin).await.assert_webex_error(StatusCode::BAD_REQUEST);
    }
    assert_still_serving(&server, &admin).await;
}

/// Ids in the path are strings to the simulator; extreme ones are unknown
/// ids (404) or not valid in a URL (400), always in the Webex shape.
#[tokio::test]
async fn extreme_values_as_path_ids_get_a_webex_answer() {
    let server = start(200, 1).await;
    let (partner, _) = token(&server, "partner_full_admin", None).await;
    let base = server.base_url();
    for path in [
        "people",
        "organizations",
        "licenses",
        "groups",
        "locations",
        "telephony/config/locations",
        "meetings/sessionTypes",
        "broadworks/subscribers",
    ] {
        for value in extremes() {
            let answer = assert_webex_answer(&format!("{base}/{path}/{value}"), &partner).await;
            assert!(answer.status.is_client_error(), "{path}/{}: {}", &value[..value.len().min(30)], answer.status);
        }
    }
    let members = assert_webex_answer(&format!("{base}/groups/%FF/members"), &partner).await;
    members.assert_webex_error(StatusCode::BAD_REQUEST);
}
