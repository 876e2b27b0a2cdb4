//! The main screens by keyboard alone, in the real window: sign in, go from
//! screen to screen with the shortcuts, open the shortcuts list, open a user
//! from the table and come back, and sync, without a click.

use std::time::Duration;

use anyhow::Result;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;

use crate::support::run_e2e;
use crate::support::session::{step, wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);
const MOST_TABS: usize = 30;

/// Presses `keys` one after the other, as a keyboard does (to whatever has
/// focus; nothing is clicked first).
async fn press(client: &Client, keys: &[char]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    step(&format!("press {keys:?}"), client.perform_actions(actions)).await
}

/// Whether focus is inside the element matching `css`.
async fn focus_within(client: &Client, css: &str) -> Result<bool> {
    let script = "const e = document.activeElement; return !!(e && e.closest(arguments[0]));";
    Ok(ui::run_script(client, "where is focus", script, vec![css.into()]).await?.as_bool().unwrap_or(false))
}

/// Tabs until focus is inside `css`, as someone who only has a keyboard.
async fn tab_to(client: &Client, css: &str) -> Result<()> {
    for _ in 0..MOST_TABS {
        if focus_within(client, css).await? {
            return Ok(());
        }
        press(client, &[char::from(Key::Tab)]).await?;
    }
    anyhow::bail!("{MOST_TABS} presses of Tab never reached {css}")
}

async fn shown(client: &Client, css: &str) -> Result<bool> {
    Ok(!ui::texts(client, css).await?.is_empty())
}

/// "g" then `letter`: the screen `testid` shows, and focus moves into it.
async fn go_to(client: &Client, letter: char, testid: &str) -> Result<()> {
    press(client, &['g', letter]).await?;
    let css = format!("[data-testid={testid}]");
    wait_until(&format!("g {letter} shows {testid} with focus in it"), STEP, async || {
        Ok((shown(client, &css).await? && focus_within(client, "main, [role=main]").await?).then_some(()))
    })
    .await
}

#[test]
fn the_main_screens_by_keyboard_alone() -> Result<()> {
    run_e2e("keyboard", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::wait_for_texts(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            tab_to(client, "[data-testid=sign-in-demo]").await?;
            press(client, &[char::from(Key::Enter)]).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;

            go_to(client, 't', "templates-screen").await?;
            go_to(client, 'c', "changes-screen").await?;
            go_to(client, 's', "settings-screen").await?;
            go_to(client, 'u', "users-screen").await?;

            // "?" lists the shortcuts in a dialog; Escape closes it.
            press(client, &['?']).await?;
            wait_until("? opens the shortcuts list", STEP, async || {
                Ok(shown(client, "[data-testid=shortcuts-dialog][open]").await?.then_some(()))
            })
            .await?;
            press(client, &[char::from(Key::Escape)]).await?;
            wait_until("Escape closes it", STEP, async || {
                Ok((!shown(client, "[data-testid=shortcuts-dialog][open]").await?).then_some(()))
            })
            .await?;

            // A user from the table: arrows and Enter open them; Escape
            // closes the pane and gives focus back to the table.
            tab_to(client, "[data-testid=users-table]").await?;
            press(client, &[char::from(Key::Down), char::from(Key::Enter)]).await?;
            wait_until("Enter opens the selected user", STEP, async || {
                Ok(shown(client, "[data-testid=person-detail] h2").await?.then_some(()))
            })
            .await?;
            press(client, &[char::from(Key::Escape)]).await?;
            wait_until("Escape closes the user and focus is back on the table", STEP, async || {
                let closed = !shown(client, "[data-testid=person-detail]").await?;
                Ok((closed && focus_within(client, "[data-testid=users-table]").await?).then_some(()))
            })
            .await?;

            // Shift+S syncs the organization: its progress shows (a sync of
            // the demo org is quick, so the page notes that it appeared).
            let watch = "window.__synced = false; new MutationObserver(() => { \
                if (document.querySelector('[data-testid=sync-panel]')) window.__synced = true; \
            }).observe(document.body, { childList: true, subtree: true });";
            ui::run_script(client, "watch for the sync's progress", watch, vec![]).await?;
            press(client, &['S']).await?;
            wait_until("Shift+S syncs: its progress shows", FIRST_SYNC, async || {
                let seen = ui::run_script(client, "did it show", "return window.__synced === true;", vec![]).await?;
                Ok(seen.as_bool().unwrap_or(false).then_some(()))
            })
            .await?;
            wait_until("and the sync ends", FIRST_SYNC, async || {
                Ok((!shown(client, "[data-testid=sync-panel]").await?).then_some(()))
            })
            .await?;
            Ok(())
        })
        .await?;
        app.close().await
    })
}
