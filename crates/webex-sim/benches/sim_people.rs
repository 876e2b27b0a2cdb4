//! Simulator throughput: people served per second in full
//! pages, with the server on one core (a current-thread runtime on its own
//! thread), the client on another reading each body whole.
//!
//!   cargo bench -p webex-sim --bench sim_people
//!
//! Pages are the ones hubdesk's sync asks for (`callingData=true`, `max=100`,
//! the documented cap) and the largest plain pages (`max=1000`), walked
//! round-robin through an org of 100,000 people.

use std::sync::mpsc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;
use webex_sim::{self as sim, SimConfig};

const PEOPLE: usize = 102_000;

/// Starts the simulator on a thread of its own, one core; answers its base URL and origin.
fn serve_on_one_core() -> (String, String) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = sim::start(SimConfig { people: PEOPLE, customers: 1, ..SimConfig::default() }).await.unwrap();
            tx.send((server.base_url(), server.origin())).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

/// Every page URL of the customer's people, following `Link rel="next"`.
async fn page_urls(client: &reqwest::Client, token: &str, first: String) -> Vec<String> {
    let mut urls = vec![first];
    loop {
        let response = client.get(urls.last().unwrap()).bearer_auth(token).send().await.unwrap();
        let next = response.headers().get("link").and_then(|l| l.to_str().ok()).and_then(|l| {
            let (url, _) = l.split_once(';')?;
            Some(url.trim().trim_start_matches('<').trim_end_matches('>').to_string())
        });
        match next {
            Some(next) => urls.push(next),
            None => return urls,
        }
    }
}

fn people_pages(c: &mut Criterion) {
    let (base, origin) = serve_on_one_core();
    let client_runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = reqwest::Client::new();
    let (token, org) = client_runtime.block_on(async {
        let body = serde_json::json!({"role": "customer_full_admin"});
        let answer: Value =
            client.post(format!("{origin}/_sim/tokens")).json(&body).send().await.unwrap().json().await.unwrap();
        (answer["access_token"].as_str().unwrap().to_string(), answer["orgId"].as_str().unwrap().to_string())
    });
    let mut group = c.benchmark_group("sim_people");
    group.measurement_time(Duration::from_secs(10));
    for (name, query, size) in
        [("callingData_max100", "callingData=true&max=100", 100), ("plain_max1000", "max=1000", 1000)]
    {
        let first = format!("{base}/people?orgId={org}&{query}");
        let urls = client_runtime.block_on(page_urls(&client, &token, first));
        // Full pages only: the last one is short.
        let full = &urls[..urls.len() - 1];
        let mut at = 0;
        group.throughput(Throughput::Elements(size));
        group.bench_function(name, |b| {
            b.iter(|| {
                let url = &full[at % full.len()];
                at += 1;
                client_runtime.block_on(async {
                    let body = client.get(url).bearer_auth(&token).send().await.unwrap().bytes().await.unwrap();
                    assert!(body.len() > 1000);
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, people_pages);
criterion_main!(benches);
