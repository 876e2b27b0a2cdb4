//! One launch of the app: Xvfb, tauri-driver and a WebDriver session.

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use super::driver::{TauriDriver, Tools};
use super::profile::Profile;
use super::xvfb::Xvfb;

/// Upper bound of one WebDriver exchange: a hung driver fails the test.
const STEP: Duration = Duration::from_secs(30);
/// Creating a session starts the app and WebKit: slow on a cold, busy machine.
const NEW_SESSION: Duration = Duration::from_secs(90);
const RETRY: Duration = Duration::from_secs(1);
const POLL: Duration = Duration::from_millis(200);

pub struct AppSession {
    /// Where a failing [`AppSession::drive`] leaves a screenshot.
    failure_screenshot: PathBuf,
    // Fields drop in this order: the client, then the driver (and the app
    // under it), then the X server they were drawing on.
    client: Option<Client>,
    driver: TauriDriver,
    xvfb: Xvfb,
}

impl AppSession {
    pub async fn launch(profile: &Profile) -> Result<Self> {
        let tools = Tools::find()?;
        let xvfb = Xvfb::start(&profile.log("xvfb.log"))?;
        let driver = TauriDriver::start(&tools, xvfb.display(), &profile.app_env(), &profile.log("driver.log"))?;
        let client = new_session(&driver.url()).await?;
        // A test stops at its first failure, so one file per profile suffices.
        let failure_screenshot = profile.log("failure.png");
        Ok(Self { failure_screenshot, client: Some(client), driver, xvfb })
    }

    /// Runs `steps` against the app's window. If they fail, a screenshot of
    /// the window goes next to the logs and the error says where.
    pub async fn drive<T>(&self, steps: impl AsyncFnOnce(&Client) -> Result<T>) -> Result<T> {
        let client = self.client.as_ref().expect("session is open");
        let error = match steps(client).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let note = match self.save_failure_screenshot(client).await {
            Ok(()) => format!("screenshot of the window: {}", self.failure_screenshot.display()),
            Err(shot_error) => format!("no screenshot of the window: {shot_error:#}"),
        };
        Err(error.context(note))
    }

    async fn save_failure_screenshot(&self, client: &Client) -> Result<()> {
        let png = step("screenshot after the failure", client.screenshot()).await?;
        Ok(std::fs::write(&self.failure_screenshot, png)?)
    }

    /// kill -9 of the app, as a crash would; then the driver and the X
    /// server stop. The demo tenant (its own process) lives on.
    pub async fn crash(mut self, profile: &Profile) -> Result<()> {
        let pid = super::profile::app_pid(&profile.data_dir()).context("the app's process")?;
        let killed = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status()?;
        anyhow::ensure!(killed.success(), "kill -9 {pid} failed");
        drop(self.client.take());
        self.driver.stop();
        self.xvfb.stop();
        Ok(())
    }

    /// Ends the WebDriver session (WebKitWebDriver closes the app), then stops
    /// the driver and the X server and waits until all of them are gone, so
    /// the next launch on the same profile starts from a clean slate.
    pub async fn close(mut self) -> Result<()> {
        if let Some(client) = self.client.take() {
            step("end the WebDriver session", client.close()).await?;
        }
        self.driver.stop();
        self.xvfb.stop();
        Ok(())
    }
}

async fn new_session(url: &str) -> Result<Client> {
    let capabilities = json!({
        "browserName": "wry",
        "tauri:options": { "application": env!("CARGO_BIN_EXE_hubdesk") },
    });
    let Value::Object(capabilities) = capabilities else { unreachable!() };
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities);
    let deadline = Instant::now() + NEW_SESSION;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let error = match tokio::time::timeout(left, builder.connect(url)).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(error)) => error.to_string(),
            Err(_) => "no answer".to_string(),
        };
        // WebKitWebDriver may still be starting behind tauri-driver.
        if Instant::now() + RETRY > deadline {
            bail!("could not start the app through WebDriver within {NEW_SESSION:?}: {error}");
        }
        tokio::time::sleep(RETRY).await;
    }
}

/// Runs one WebDriver exchange, bounded by [`STEP`].
pub async fn step<T, E>(what: &str, exchange: impl Future<Output = Result<T, E>>) -> Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    tokio::time::timeout(STEP, exchange)
        .await
        .map_err(|_| anyhow!("WebDriver did not answer within {STEP:?}: {what}"))?
        .with_context(|| format!("WebDriver failed: {what}"))
}

/// Polls `probe` until it returns `Some`, for at most `limit`.
pub async fn wait_until<T>(
    what: &str,
    limit: Duration,
    mut probe: impl AsyncFnMut() -> Result<Option<T>>,
) -> Result<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = probe().await? {
            return Ok(value);
        }
        if Instant::now() > deadline {
            bail!("gave up after {limit:?} waiting until {what}");
        }
        tokio::time::sleep(POLL).await;
    }
}
