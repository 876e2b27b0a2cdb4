//! Binding, routing and the server's life: `start` for the app and tests,
//! `run_foreground` for `hubdesk sim`.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::ensure;
use axum::http::StatusCode;
use axum::routing::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::http::{limits, panic, tracking, ApiError};
use super::persist::{self, Persistence, Shape};
use super::state::{Origin, Shared, SimState};
use super::tenant::{self, Tenant};
use super::SimConfig;
use super::{
    broadworks, faults, groups, helpers, licenses, listen, locations, meetings, numbers, oauth, organizations, people,
};

/// A running simulator. Dropping it leaves the server running until the
/// runtime ends; `shutdown` stops it.
pub struct SimServer {
    addr: SocketAddr,
    partner_admin_email: String,
    /// One line about the generated tenant, for `hubdesk sim`.
    summary: String,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
    /// Milliseconds after `started` of the last request.
    last_request_ms: Arc<AtomicU64>,
    started: Instant,
}

impl SimServer {
    /// `http://127.0.0.1:PORT/v1`, the Webex base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("{}/v1", self.origin())
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The seeded partner full admin: the demo sign-in's `login_hint`.
    pub fn partner_admin_email(&self) -> String {
        self.partner_admin_email.clone()
    }

    /// How long since the last request (or the start).
    pub fn idle_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_request_ms.load(Ordering::Relaxed));
        self.started.elapsed().saturating_sub(last)
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server task.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Generates the tenant, binds 127.0.0.1:`cfg.port` (0 = a free port) and
/// serves in a tokio task. Fault knobs out of range are refused here as
/// `POST /_sim/faults` refuses them.
pub async fn start(cfg: SimConfig) -> anyhow::Result<SimServer> {
    cfg.faults.validate().map_err(anyhow::Error::msg)?;
    ensure!(!cfg.read_timeout.is_zero(), "the read timeout must be longer than zero");
    let shape = Shape { seed: cfg.seed, people: cfg.people, customers: cfg.customers };
    let persistence = cfg.state_dir.as_deref().map(Persistence::open).transpose()?;
    let origin = match persistence.as_ref().and_then(|p| p.load(shape)) {
        Some(saved) => Origin::Restored(saved),
        None => Origin::Generated(
            tokio::task::spawn_blocking(move || tenant::generate(shape.seed, shape.people, shape.customers)).await?,
        ),
    };
    let (tenant, restored) = match &origin {
        Origin::Generated(tenant) => (tenant, ""),
        Origin::Restored(saved) => (&saved.tenant, ", as it was saved"),
    };
    let partner_admin_email = partner_admin_email(tenant);
    let (people, orgs, seed) = (tenant.people_count(), tenant.org_indices().count(), shape.seed);
    let summary = format!("{people} people in {orgs} orgs (seed {seed}){restored}");
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, cfg.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(SimState::new(origin, &cfg, addr, persistence.clone()));
    if let Some(persistence) = &persistence {
        persistence.spawn_writer(Arc::downgrade(&state), shape);
    }
    let (started, last_request_ms) = (Instant::now(), Arc::new(AtomicU64::new(0)));
    let touched = last_request_ms.clone();
    let app = router(state, cfg.read_timeout).layer(axum::middleware::from_fn(
        move |request, next: axum::middleware::Next| {
            touched.store(started.elapsed().as_millis() as u64, Ordering::Relaxed);
            next.run(request)
        },
    ));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(listen::serve(listener, app, cfg.read_timeout, stopped));
    Ok(SimServer { addr, partner_admin_email, summary, stop, task, last_request_ms, started })
}

/// `webex-sim` and `hubdesk sim`: the first stdout line is exactly
/// `listening on http://127.0.0.1:PORT/v1`; serves until Ctrl-C, or until
/// no request came for `exit_when_idle` (the app's durable demo tenant).
pub async fn run_foreground(cfg: SimConfig, exit_when_idle: Option<Duration>) -> anyhow::Result<()> {
    let faults = cfg.faults.clone();
    let server = start(cfg).await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on {}", server.base_url())?;
    writeln!(out, "demo tenant: {}", server.summary)?;
    writeln!(out, "partner admin: {} (login_hint for /v1/authorize)", server.partner_admin_email())?;
    writeln!(
        out,
        "test token: curl -s {}/_sim/tokens -H 'Content-Type: application/json' \
         -d '{{\"role\":\"partner_full_admin\"}}'",
        server.origin()
    )?;
    if faults.any() {
        writeln!(out, "faults: {}", serde_json::to_string(&faults)?)?;
    }
    out.flush()?;
    drop(out);
    match exit_when_idle {
        None => tokio::signal::ctrl_c().await?,
        Some(limit) => loop {
            tokio::select! {
                stopped = tokio::signal::ctrl_c() => break stopped?,
                () = tokio::time::sleep(Duration::from_secs(1)) => if server.idle_for() >= limit { break },
            }
        },
    }
    server.shutdown().await;
    Ok(())
}

fn partner_admin_email(tenant: &Tenant) -> String {
    let admin = tenant
        .seeded_admin(tenant::AdminRole::PartnerFull, tenant.partner())
        .expect("the partner admin is always seeded");
    tenant.person(admin).email.to_string()
}

/// The routes, then (innermost first) the faults, the body limits, the
/// panic catcher and the tracking id every answer carries.
fn router(state: Shared, read_timeout: Duration) -> Router {
    Router::new()
        .merge(oauth::routes())
        .merge(people::routes())
        .merge(organizations::routes())
        .merge(licenses::routes())
        .merge(groups::routes())
        .merge(locations::routes())
        .merge(numbers::routes())
        .merge(meetings::routes())
        .merge(broadworks::routes())
        .merge(helpers::routes(state.clone()))
        .fallback(|| async { ApiError::not_found("The requested resource could not be found.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "The request method is not supported by this resource.")
        })
        .with_state(state.clone())
        // Innermost: a change is on disk before any fault can drop its answer.
        .layer(axum::middleware::from_fn_with_state(state.clone(), persist::middleware))
        .layer(axum::middleware::from_fn_with_state(state, faults::middleware))
        .layer(axum::middleware::from_fn_with_state(read_timeout, limits::middleware))
        .layer(axum::middleware::from_fn(panic::middleware))
        .layer(axum::middleware::from_fn(tracking::middleware))
}
