//! The `/_sim/` helpers mint tokens and break the API on demand, so only a
//! local test or tool may call them: bodies must be `application/json` (a
//! web page can post `text/plain` to any address without a CORS preflight,
//! 415 otherwise) and `Host` must name the simulator by a loopback name and
//! its port (a page reached through DNS rebinding names its own host, 403
//! otherwise). The Webex API itself answers any loopback client.

use crate::support::{client, get, reply, start, token, Reply};
use reqwest::{Method, StatusCode};
use webex_sim::SimServer;

async fn helper(
    server: &SimServer,
    method: Method,
    path: &str,
    host: Option<&str>,
    body: Option<(&str, &str)>,
) -> Reply {
    let mut request = client().request(method, format!("{}/_sim/{path}", server.origin()));
    if let Some(host) = host {
        request = request.header("host", host);
    }
    if let Some((content_type, text)) = body {
        request = request.header("content-type", content_type).body(text.to_string());
    }
    reply(request.send().await.expect("the helper answers")).await
}

fn port(server: &SimServer) -> u16 {
    server.origin().rsplit(':').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn helper_bodies_must_be_json() {
    let server = start(100, 1).await;
    let role = r#"{"role":"partner_full_admin"}"#;
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
        for (method, path, body) in [
            (Method::POST, "tokens", role),
            (Method::POST, "faults", r#"{"errorRate":1}"#),
            (Method::POST, "clock", r#"{"advanceSeconds":60}"#),
            (Method::DELETE, "faults", "{}"),
        ] {
            let refused = helper(&server, method.clone(), path, None, Some((content_type, body))).await;
            refused.assert_webex_error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
    }
    let bare = reply(client().post(format!("{}/_sim/tokens", server.origin())).body(role).send().await.unwrap()).await;
    bare.assert_webex_error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let knobs = helper(&server, Method::GET, "faults", None, None).await;
    assert_eq!(knobs.body["errorRate"], 0.0, "a refused body changed nothing: {}", knobs.body);
    let clock = helper(&server, Method::GET, "clock", None, None).await;
    assert_eq!(clock.body["offsetMs"], 0);
    // JSON passes, with a charset too; a DELETE without a body needs no type.
    let issued = helper(&server, Method::POST, "tokens", None, Some(("application/json; charset=utf-8", role))).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    assert_eq!(helper(&server, Method::DELETE, "faults", None, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn helpers_answer_only_requests_addressed_to_a_loopback_name_and_their_port() {
    let server = start(100, 1).await;
    let port = port(&server);
    let json_role = Some(("application/json", r#"{"role":"partner_full_admin"}"#));
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost:{port}0"),
        "127.0.0.1".to_string(),
    ] {
        for (method, path, body) in [
            (Method::POST, "tokens", json_role),
            (Method::GET, "faults", None),
            (Method::POST, "faults", Some(("application/json", r#"{"errorRate":1}"#))),
            (Method::DELETE, "faults", None),
            (Method::GET, "changes", None),
            (Method::GET, "clock", None),
            (Method::GET, "subscriptions", None),
        ] {
            let refused = helper(&server, method, path, Some(&host), body).await;
            refused.assert_webex_error(StatusCode::FORBIDDEN);
        }
    }
    assert_eq!(helper(&server, Method::GET, "faults", None, None).await.body["errorRate"], 0.0);
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LocalHost:{port}"), format!("[::1]:{port}")]
    {
        let issued = helper(&server, Method::POST, "tokens", Some(&host), json_role).await;
        assert_eq!(issued.status, StatusCode::OK, "{host}: {}", issued.body);
    }
}

#[tokio::test]
async fn the_api_answers_any_loopback_client_whatever_its_host_header() {
    let server = start(100, 1).await;
    let (admin, _) = token(&server, "customer_full_admin", None).await;
    let url = format!("{}/people/me", server.base_url());
    let me = client().get(&url).bearer_auth(&admin).header("host", "hubdesk.example:443").send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(get(&url, &admin).await.status, StatusCode::OK);
}
