//! End-to-end tests: the built app (`CARGO_BIN_EXE_hubdesk`) in a private
//! X server, driven through tauri-driver and WebKitWebDriver against the
//! built-in demo tenant. Run them inside the D-Bus session and throwaway
//! keyring that scripts/test.sh sets up; see tests/support for the harness.

#[path = "e2e_broadworks.rs"]
mod broadworks;
#[path = "e2e_calling.rs"]
mod calling;
#[path = "e2e_calling_keyboard.rs"]
mod calling_keyboard;
#[path = "e2e_calling_screenshots.rs"]
mod calling_screenshots;
#[path = "e2e_keyboard.rs"]
mod keyboard;
#[path = "e2e_meetings.rs"]
mod meetings;
mod support;
#[path = "e2e_templates.rs"]
mod templates;
#[path = "e2e_users_table.rs"]
mod users_table;

use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Client;

use support::driver::repo_root;
use support::profile::Profile;
use support::run_e2e;
use support::session::{wait_until, AppSession};
use support::ui;

// The data-testid values the UI and these tests agree on.
const SIGN_IN_DEMO: &str = "[data-testid=sign-in-demo]";
const USER_ROWS: &str = "[data-testid=users-table] [data-testid=user-row]";
const USERS_COUNT: &str = "[data-testid=users-count]";
const CALLING_CELLS: &str = "[data-testid=users-table] [data-testid=users-col-calling]";
const USERS_SEARCH: &str = "[data-testid=users-search]";
const LAST_SYNCED: &str = "[data-testid=last-synced]";

/// The app shows its first screen.
const APP_READY: Duration = Duration::from_secs(30);
/// Sign-in plus the first full sync of the demo tenant.
const FIRST_SYNC: Duration = Duration::from_secs(60);
/// The table reacts to a change of the search text.
const FILTERING: Duration = Duration::from_secs(10);

#[test]
fn demo_sign_in_lists_and_filters_users() -> Result<()> {
    run_e2e("demo_sign_in", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, SIGN_IN_DEMO, APP_READY).await?;
            let rows = ui::wait_for_texts(client, USER_ROWS, FIRST_SYNC).await?;
            let full_count = ui::wait_for_text(client, USERS_COUNT, FILTERING).await?;
            // The Calling column: the rows drawn ask for their status (C3,
            // C5, C7) from the Calling report kept in the cache.
            let calling = wait_until("the first row's Calling status is read", FILTERING, async || {
                let status = ui::attribute(client, CALLING_CELLS, "data-calling").await?;
                Ok(status.filter(|s| s != "unknown"))
            })
            .await?;
            ensure!(["calling", "missing", "mismatch"].contains(&calling.as_str()), "Calling status {calling:?}");

            let fragment = name_fragment(&rows[0])?;
            ui::type_into(client, USERS_SEARCH, &fragment).await?;
            wait_for_filtered_rows(client, &fragment, &full_count).await?;

            ui::erase(client, USERS_SEARCH, fragment.chars().count()).await?;
            wait_for_count(client, &full_count).await?;
            // The README shows this one: the rows, not the moment before.
            ui::wait_for_texts(client, USER_ROWS, FILTERING).await?;
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/users.png")).await
        })
        .await?;
        app.close().await
    })
}

#[test]
fn restart_opens_on_cache() -> Result<()> {
    run_e2e("restart", async |profile| {
        let first = AppSession::launch(profile).await?;
        first
            .drive(async |client| {
                ui::click(client, SIGN_IN_DEMO, APP_READY).await?;
                ui::wait_for_texts(client, USER_ROWS, FIRST_SYNC).await?;
                wait_for_sync_time(client, FIRST_SYNC).await
            })
            .await?;
        first.close().await?;
        ensure_data_dir_used(profile)?;

        // Same data dir, same keyring service, and no click: the cache and
        // the stored token must bring the users back on their own.
        let second = AppSession::launch(profile).await?;
        second
            .drive(async |client| {
                ui::wait_for_texts(client, USER_ROWS, APP_READY)
                    .await
                    .context("the relaunched app did not show the cached users")?;
                wait_for_sync_time(client, APP_READY).await
            })
            .await?;
        second.close().await
    })
}

/// The first word of at least four letters in a row (a name, as the name
/// column comes first), cut to four letters so the search is a substring.
fn name_fragment(row: &str) -> Result<String> {
    let word = row.split(|c: char| !c.is_alphabetic()).find(|word| word.chars().count() >= 4);
    match word {
        Some(word) => Ok(word.chars().take(4).collect()),
        None => bail!("no name of four letters or more in the first row: {row:?}"),
    }
}

fn contains_ignoring_case(text: &str, fragment: &str) -> bool {
    text.to_lowercase().contains(&fragment.to_lowercase())
}

/// Waits until the count differs from the unfiltered one and every row
/// shown contains the search text.
async fn wait_for_filtered_rows(client: &Client, fragment: &str, full_count: &str) -> Result<()> {
    let what = format!("searching {fragment:?} changes {USERS_COUNT} and keeps only matching rows");
    wait_until(&what, FILTERING, async || {
        let count = ui::wait_for_text(client, USERS_COUNT, FILTERING).await?;
        let rows = ui::texts(client, USER_ROWS).await?;
        let all_match = !rows.is_empty() && rows.iter().all(|row| contains_ignoring_case(row, fragment));
        Ok((count != full_count && all_match).then_some(()))
    })
    .await
}

async fn wait_for_count(client: &Client, expected: &str) -> Result<()> {
    wait_until(&format!("{USERS_COUNT} is back to {expected:?}"), FILTERING, async || {
        let count = ui::wait_for_text(client, USERS_COUNT, FILTERING).await?;
        Ok((count == expected).then_some(()))
    })
    .await
}

/// Waits until [`LAST_SYNCED`] is shown with text and with the exact time of
/// the last sync in its `title`, which the UI sets only once the org has
/// synced ("Never synced" is text too, so text alone would prove nothing).
async fn wait_for_sync_time(client: &Client, limit: Duration) -> Result<()> {
    ui::wait_for_text(client, LAST_SYNCED, limit).await?;
    wait_until(&format!("{LAST_SYNCED} has the time of a sync in its title"), limit, async || {
        let title = ui::attribute(client, LAST_SYNCED, "title").await?;
        Ok(title.filter(|title| !title.trim().is_empty()))
    })
    .await
    .map(drop)
}

/// The app honoured HUBDESK_DATA_DIR: its files are there, not in a
/// default location.
fn ensure_data_dir_used(profile: &Profile) -> Result<()> {
    let entries = std::fs::read_dir(profile.data_dir())?.count();
    ensure!(entries > 0, "the app wrote nothing to HUBDESK_DATA_DIR ({})", profile.data_dir().display());
    Ok(())
}
