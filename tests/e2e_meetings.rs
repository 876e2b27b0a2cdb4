//! The helpdesk path to the Meetings troubleshooter, by keyboard alone, in
//! the real window against the demo tenant: Ctrl+K, part of a name, Enter
//! opens the user, "m" opens the troubleshooter on their site with the
//! problem (rule S1: paid session types missing), Enter applies the fix the
//! focus is on, and the checks pass with the save read back (S2, S5); the
//! license is then removed and assigned again after a confirmation (S5).
//! The Meetings tab shows what Webex holds.

use std::time::Duration;

use anyhow::{ensure, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;

use crate::support::driver::repo_root;
use crate::support::run_e2e;
use crate::support::session::{step, wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const SYNC_ALL: Duration = Duration::from_secs(120);
const STEP: Duration = Duration::from_secs(15);

const TROUBLESHOOTER: &str = "[data-testid=troubleshooter][open]";
const TYPES_CHECK: &str = "[data-testid=trouble-check][data-check=paid_types_enabled]";
const SAVED_CHECK: &str = "[data-testid=trouble-check][data-check=saved_to_site]";

/// Presses each chord in turn: the keys of a chord go down in order and
/// come up in reverse, as fingers do.
async fn press(client: &Client, chords: &[&[char]]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for chord in chords {
        for &key in chord.iter() {
            actions = actions.then(KeyAction::Down { value: key });
        }
        for &key in chord.iter().rev() {
            actions = actions.then(KeyAction::Up { value: key });
        }
    }
    step(&format!("press {chords:?}"), client.perform_actions(actions)).await
}

async fn status_of(client: &Client, check: &str) -> Result<Option<String>> {
    ui::attribute(client, check, "data-status").await
}

async fn focused_testid(client: &Client) -> Result<String> {
    let script = "return document.activeElement?.getAttribute('data-testid') ?? '';";
    Ok(ui::run_script(client, "what has focus", script, vec![]).await?.as_str().unwrap_or_default().to_owned())
}

#[test]
fn a_user_who_cannot_schedule_is_fixed_from_the_search_box_by_keyboard() -> Result<()> {
    run_e2e("meetings", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
            // The named demo users live in the customer orgs: sync them all.
            ui::click(client, "[data-testid=sync-all]", STEP).await?;
            wait_until("every customer is synced", SYNC_ALL, async || {
                let idle = ui::texts(client, "[data-testid=sync-panel]").await?.is_empty()
                    && ui::attribute(client, "[data-testid=sync-all]", "disabled").await?.is_none();
                Ok(idle.then_some(()))
            })
            .await?;

            press(client, &[&[char::from(Key::Control), 'k']]).await?;
            ui::wait_for_texts(client, "[data-testid=global-search-dialog][open]", STEP).await?;
            let typed: Vec<char> = "sam.sess".chars().collect();
            for key in typed {
                press(client, &[&[key]]).await?;
            }
            let hits = ui::wait_for_texts(client, "[data-testid=global-hit]", STEP).await?;
            ensure!(hits.iter().all(|h| h.contains("Sam Sessionless")), "only Sam matches: {hits:?}");

            // After typing: Enter opens the user, m the troubleshooter.
            press(client, &[&[char::from(Key::Enter)]]).await?;
            // The pane says "User details" until the person is read.
            wait_until("the details show Sam Sessionless", STEP, async || {
                let heading = ui::wait_for_text(client, "[data-testid=person-detail-heading]", STEP).await?;
                Ok((heading == "Sam Sessionless").then_some(()))
            })
            .await?;
            press(client, &[&['m']]).await?;
            ui::wait_for_texts(client, TROUBLESHOOTER, STEP).await?;
            let verdict = ui::wait_for_text(client, "[data-testid=trouble-verdict]", STEP).await?;
            ensure!(verdict.contains("lacks paid session types"), "the verdict names S1: {verdict}");
            ensure!(status_of(client, TYPES_CHECK).await?.as_deref() == Some("fail"), "the types check fails");
            let evidence =
                ui::wait_for_text(client, &format!("{TYPES_CHECK} [data-testid=trouble-evidence]"), STEP).await?;
            ensure!(evidence.contains("Pro Meeting (PRO)"), "the evidence names the missing types: {evidence}");
            let focused = focused_testid(client).await?;
            ensure!(focused == "trouble-fix-enable_missing_types", "focus waits on the fix, not on {focused:?}");
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/meetings-troubleshooter.png")).await?;

            // One more key: the fix, read back (S5).
            press(client, &[&[char::from(Key::Enter)]]).await?;
            wait_until("the checks pass after the fix, the save read back", STEP, async || {
                let types = status_of(client, TYPES_CHECK).await?;
                let saved = status_of(client, SAVED_CHECK).await?;
                Ok((types.as_deref() == Some("pass") && saved.as_deref() == Some("pass")).then_some(()))
            })
            .await?;
            let steps = ui::wait_for_texts(client, "[data-testid=trouble-step]", STEP).await?;
            ensure!(steps.len() == 1 && steps[0].contains("Pro Meeting (PRO)"), "what was done: {steps:?}");
            let message = ui::wait_for_text(client, "[data-testid=trouble-message]", STEP).await?;
            ensure!(message.contains("sign out of the Webex app"), "the message for the user (S3): {message}");

            // S5's last resort, after a confirmation that says what the user
            // goes without: the license removed and assigned again.
            ui::click(client, "[data-testid=trouble-fix-reassign_license]", STEP).await?;
            let asked = ui::wait_for_text(client, "[data-testid=reassign-confirm][open]", STEP).await?;
            ensure!(asked.contains("cannot host or schedule"), "the confirmation says what is lost: {asked}");
            ui::click(client, "[data-testid=reassign-confirm-confirm]", STEP).await?;
            wait_until("the license is back, as Webex says", STEP, async || {
                let steps = ui::texts(client, "[data-testid=trouble-step]").await?;
                Ok((steps.len() == 2 && steps[1].contains("again")).then_some(steps))
            })
            .await?;

            // Escape closes the troubleshooter only; the Meetings tab shows
            // the types Webex now holds.
            press(client, &[&[char::from(Key::Escape)]]).await?;
            wait_until("Escape closes the troubleshooter, not the details", STEP, async || {
                let closed = ui::texts(client, TROUBLESHOOTER).await?.is_empty();
                let pane = !ui::texts(client, "[data-testid=person-detail]").await?.is_empty();
                Ok((closed && pane).then_some(()))
            })
            .await?;
            ui::click(client, "[data-testid=person-section-meetings]", STEP).await?;
            wait_until("the Meetings tab shows Pro Meeting on", STEP, async || {
                let script = "const box = document.querySelector('[data-testid=meetings-type][data-short=PRO]'); \
                    return box ? box.checked : null;";
                let checked = ui::run_script(client, "is PRO ticked", script, vec![]).await?;
                Ok((checked.as_bool() == Some(true)).then_some(()))
            })
            .await?;
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/meetings-tab.png")).await
        })
        .await?;
        app.close().await
    })
}

/// Session types for everyone the users table shows (rules S1, S2): the
/// preview says who gains what before anything is sent, and the apply runs
/// through the journal with its progress above the table.
#[test]
fn session_types_for_the_users_shown_are_previewed_then_applied() -> Result<()> {
    run_e2e("meetings_bulk", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
            ui::click(client, "[data-testid=bulk-types-open]", STEP).await?;
            ui::click(client, "[data-testid=bulk-type][data-short=PRO]", STEP).await?;
            ui::click(client, "[data-testid=bulk-preview]", STEP).await?;
            let counts = ui::wait_for_text(client, "[data-testid=bulk-counts]", STEP).await?;
            ensure!(counts.contains("change") && counts.contains("already have it"), "the preview counts: {counts}");
            let users = ui::wait_for_texts(client, "[data-testid=bulk-user]", STEP).await?;
            ensure!(
                !users.is_empty() && users.iter().all(|u| u.contains("+ Pro Meeting (PRO)")),
                "who gains: {users:?}"
            );
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/meetings-bulk-preview.png")).await?;

            ui::click(client, "[data-testid=bulk-apply]", STEP).await?;
            let done = format!("{n} of {n}", n = users.len());
            wait_until("the run finishes, one change per user", STEP, async || {
                let panel = ui::texts(client, "[data-testid=run-panel]").await?.join(" ");
                Ok((panel.contains("Finished") && panel.contains(&done)).then_some(()))
            })
            .await?;

            // Again: everyone has it now, so there is nothing to send.
            ui::click(client, "[data-testid=bulk-types-open]", STEP).await?;
            ui::click(client, "[data-testid=bulk-type][data-short=PRO]", STEP).await?;
            ui::click(client, "[data-testid=bulk-preview]", STEP).await?;
            ui::wait_for_text(client, "[data-testid=bulk-nothing]", STEP).await?;
            let apply = ui::attribute(client, "[data-testid=bulk-apply]", "disabled").await?;
            ensure!(apply.is_some(), "nothing to apply the second time");
            Ok(())
        })
        .await?;
        app.close().await
    })
}
