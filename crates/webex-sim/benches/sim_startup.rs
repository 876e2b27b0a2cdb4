//! Simulator start-up and memory: the time to generate the
//! demo tenant and listen, for 100,000 people in 20 customer orgs (the
//! bar: under 5 s), and the resident memory with 1,000,000 people
//! (bar: at most 1 GB), printed before the timings.
//!
//!   cargo bench -p webex-sim --bench sim_startup

use std::time::{Duration, Instant};

use criterion::Criterion;
use webex_sim::{self as sim, SimConfig};

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
}

/// Starts a simulator, returns how long until it listened, and stops it.
fn start_once(runtime: &tokio::runtime::Runtime, people: usize, customers: usize) -> Duration {
    runtime.block_on(async {
        let started = Instant::now();
        let server = sim::start(SimConfig { people, customers, ..SimConfig::default() }).await.unwrap();
        let took = started.elapsed();
        server.shutdown().await;
        took
    })
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let before = peak_rss_mb().unwrap_or(0);
    let took = start_once(&runtime, 1_000_000, 20);
    let peak = peak_rss_mb().unwrap_or(0);
    println!(
        "sim_startup/1M_people_20_customers: ready in {:.1} s, peak resident memory {peak} MB ({before} MB before)",
        took.as_secs_f64()
    );
    let mut criterion =
        Criterion::default().configure_from_args().sample_size(10).measurement_time(Duration::from_secs(20));
    criterion.bench_function("sim_startup/100k_people_20_customers", |b| b.iter(|| start_once(&runtime, 100_000, 20)));
    criterion.final_summary();
}
