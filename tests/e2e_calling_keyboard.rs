//! The Calling screen by keyboard alone, in the real window: `g l`, a
//! reason's count pressed to filter, a user chosen with the arrows, their
//! suggested fix previewed and applied (C1), Escape giving focus back where
//! it was, and C7's reprovision with C8's typed confirmation. Nothing is
//! clicked; every step checks where focus is and what the screen shows.

use std::time::Duration;

use anyhow::{bail, ensure, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;

use crate::support::run_e2e;
use crate::support::session::{step, wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);
/// A run through the journal, then the report read again.
const RUN: Duration = Duration::from_secs(60);
const MOST_TABS: usize = 40;

const TABLE: &str = "[data-testid=calling-table]";
const SELECTED_ROW: &str = "[data-testid=calling-table] [role=row][aria-selected=true]";
const DETAIL: &str = "[data-testid=calling-detail]";
const PREVIEW: &str = "[data-testid=calling-fix-preview]";
const DIALOG: &str = "[data-testid=calling-fix-dialog][open]";
const APPLY: &str = "[data-testid=calling-fix-apply]";
const CONFIRMATION: &str = "[data-testid=calling-confirmation]";
const FIXED: &str = "[data-testid=calling-detail-fixed]";

fn key(key: Key) -> char {
    char::from(key)
}

/// Presses `keys` one after the other, to whatever has focus.
async fn press(client: &Client, keys: &[char]) -> Result<()> {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    step(&format!("press {keys:?}"), client.perform_actions(actions)).await
}

async fn press_shift_tab(client: &Client) -> Result<()> {
    let (shift, tab) = (key(Key::Shift), key(Key::Tab));
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    step("press Shift+Tab", client.perform_actions(actions)).await
}

/// Whether focus is inside the element matching `css`.
async fn focus_within(client: &Client, css: &str) -> Result<bool> {
    let script = "const e = document.activeElement; return !!(e && e.closest(arguments[0]));";
    Ok(ui::run_script(client, "where is focus", script, vec![css.into()]).await?.as_bool().unwrap_or(false))
}

/// What has focus, for an error message.
async fn focused(client: &Client) -> Result<String> {
    let script = "const e = document.activeElement; if (!e) return 'nothing'; \
        return e.tagName.toLowerCase() + (e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : '') \
        + (e.id ? `#${e.id}` : '') + ` \"${(e.innerText || '').slice(0, 40)}\"`;";
    Ok(ui::run_script(client, "what has focus", script, vec![]).await?.as_str().unwrap_or("?").to_string())
}

/// Tabs (forwards, or backwards with `back`) until focus is inside `css`.
async fn tab_to(client: &Client, css: &str, back: bool) -> Result<()> {
    for _ in 0..MOST_TABS {
        if focus_within(client, css).await? {
            return Ok(());
        }
        if back {
            press_shift_tab(client).await?;
        } else {
            press(client, &[key(Key::Tab)]).await?;
        }
    }
    bail!("{MOST_TABS} presses of Tab never reached {css}; focus is on {}", focused(client).await?)
}

/// Whether the focused element shows that it has focus: an outline or a
/// ring drawn as a shadow (what :focus-visible gives buttons and fields).
async fn focus_ring_shown(client: &Client) -> Result<bool> {
    let script = "const s = getComputedStyle(document.activeElement); \
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';";
    Ok(ui::run_script(client, "is the focus ring shown", script, vec![]).await?.as_bool().unwrap_or(false))
}

async fn ensure_focus_ring(client: &Client, what: &str) -> Result<()> {
    ensure!(focus_ring_shown(client).await?, "{what} shows no focus ring: {}", focused(client).await?);
    Ok(())
}

/// Waits until focus is inside `css`.
async fn wait_for_focus(client: &Client, css: &str, what: &str) -> Result<()> {
    let outcome = wait_until(what, STEP, async || Ok(focus_within(client, css).await?.then_some(()))).await;
    match outcome {
        Ok(()) => Ok(()),
        Err(error) => Err(error.context(format!("focus is on {}", focused(client).await?))),
    }
}

async fn shown(client: &Client, css: &str) -> Result<bool> {
    Ok(!ui::texts(client, css).await?.is_empty())
}

async fn wait_gone(client: &Client, css: &str, what: &str) -> Result<()> {
    wait_until(what, STEP, async || Ok((!shown(client, css).await?).then_some(()))).await
}

/// The number in the "N users" count beside the search box.
async fn shown_count(client: &Client) -> Result<u64> {
    let text = ui::wait_for_text(client, "[data-testid=calling-count]", STEP).await?;
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().map_err(|_| anyhow::anyhow!("no number in the count {text:?}"))
}

/// Tabs to a reason's chip and presses `press_key` on it: the chip is
/// pressed and every row shown is of that reason.
async fn filter_by(client: &Client, reason: &str, press_key: char, back: bool, rows: &str) -> Result<()> {
    let chip = format!("[data-testid=calling-reason-{reason}]");
    tab_to(client, &chip, back).await?;
    ensure_focus_ring(client, "the reason's chip").await?;
    press(client, &[press_key]).await?;
    wait_until(&format!("{reason}'s chip is pressed and filters the list"), STEP, async || {
        let pressed = ui::attribute(client, &chip, "aria-pressed").await?.is_some_and(|p| p == "true");
        let label = ui::wait_for_text(client, &chip, STEP).await?;
        let count = shown_count(client).await?;
        let rows = ui::texts(client, rows).await?;
        // The chip's label ends with its count; the list shows that many.
        let chip_count: String = label.chars().rev().take_while(|c| c.is_ascii_digit() || c.is_whitespace()).collect();
        let chip_count: String = chip_count.chars().filter(char::is_ascii_digit).rev().collect();
        Ok((pressed && !rows.is_empty() && chip_count == count.to_string()).then_some(()))
    })
    .await?;
    ensure!(
        focus_within(client, &chip).await?,
        "focus stays on the chip after pressing it: {}",
        focused(client).await?
    );
    Ok(())
}

/// From the list: Tab into the table, the arrows move the selection, Enter
/// opens the selected user. Answers their name as the detail shows it.
async fn open_with_arrows(client: &Client, back: bool) -> Result<String> {
    tab_to(client, TABLE, back).await?;
    let first = ui::wait_for_text(client, SELECTED_ROW, STEP).await?;
    press(client, &[key(Key::Down)]).await?;
    let second = ui::wait_for_text(client, SELECTED_ROW, STEP).await?;
    let rows = ui::texts(client, &format!("{TABLE} [role=row][aria-rowindex]:not([aria-rowindex='1'])")).await?;
    if rows.len() > 1 {
        ensure!(first != second, "ArrowDown moves the selection off {first:?}");
        press(client, &[key(Key::Up)]).await?;
        let back_up = ui::wait_for_text(client, SELECTED_ROW, STEP).await?;
        ensure!(back_up == first, "ArrowUp brings it back to {first:?}, not {back_up:?}");
    }
    let chosen = ui::wait_for_text(client, SELECTED_ROW, STEP).await?;
    press(client, &[key(Key::Enter)]).await?;
    let name = ui::wait_for_text(client, &format!("{DETAIL} h2"), STEP).await?;
    ensure!(chosen.contains(&name), "Enter opens the selected user: {name:?} is not in {chosen:?}");
    ensure!(
        focus_within(client, TABLE).await?,
        "focus stays in the list when a user opens: {}",
        focused(client).await?
    );
    Ok(name)
}

/// Not every changed number can be reprovisioned (one in no inventory):
/// with focus in the list, ArrowDown moves the details on to the next user
/// until one has a fix to preview.
async fn next_user_with_a_fix(client: &Client, users: u64) -> Result<()> {
    for _ in 0..users {
        let name = ui::wait_for_text(client, &format!("{DETAIL} h2"), STEP).await?;
        if shown(client, PREVIEW).await? {
            return Ok(());
        }
        press(client, &[key(Key::Down)]).await?;
        wait_until("ArrowDown shows the next user's details", STEP, async || {
            let next = ui::wait_for_text(client, &format!("{DETAIL} h2"), STEP).await?;
            Ok((next != name).then_some(()))
        })
        .await?;
    }
    bail!("none of the {users} users listed has a fix to preview")
}

/// Enter on the focused Preview: its dialog opens with focus inside it.
async fn open_preview(client: &Client) -> Result<()> {
    press(client, &[key(Key::Enter)]).await?;
    ui::wait_for_texts(client, DIALOG, STEP).await?;
    wait_for_focus(client, DIALOG, "focus moves into the preview dialog").await?;
    ui::wait_for_texts(client, "[data-testid=calling-preview-change]", STEP).await.map(drop)
}

/// The user's fix is applied: the run finishes, the report read again no
/// longer lists them, the list is one shorter and focus is not lost.
async fn wait_fixed(client: &Client, before: u64) -> Result<()> {
    wait_gone(client, DIALOG, "Apply closes the dialog").await?;
    let fixed = ui::wait_for_text(client, FIXED, RUN).await?;
    ensure!(fixed.contains("no longer lists"), "the report read again: {fixed}");
    wait_until("the run panel says the run finished, every step done", RUN, async || {
        let panel = ui::texts(client, "[data-testid=run-panel] h2").await?.join(" ");
        let numbers = ui::texts(client, "[data-testid=run-numbers]").await?.join(" ");
        // "2 of 2 changes": a reprovision is two steps (C7).
        let all_done = numbers.split_once(" of ").is_some_and(|(done, rest)| rest.starts_with(done.trim()));
        Ok((panel.starts_with("Finished") && all_done).then_some(()))
    })
    .await?;
    let after = shown_count(client).await?;
    ensure!(after + 1 == before, "the list had {before} users and has {after}");
    wait_for_focus(client, DETAIL, "focus is in the details after the fix, not lost to the page").await
}

/// The demo's customers, unlike the partner's own org, seed every reason
/// and C7's changed numbers: the org switcher, by keyboard, picks the
/// first customer, and its first sync ends.
async fn choose_first_customer(client: &Client) -> Result<()> {
    const SWITCHER: &str = "[data-testid=org-switcher]";
    let value = "return document.querySelector(arguments[0]).value;";
    let home = ui::run_script(client, "the org shown", value, vec![SWITCHER.into()]).await?;
    tab_to(client, SWITCHER, false).await?;
    press(client, &[key(Key::Down)]).await?;
    ui::wait_for_texts(client, "[data-testid=org-option]", STEP).await?;
    press(client, &[key(Key::Down), key(Key::Enter)]).await?;
    let customer = wait_until("Enter picks another org", STEP, async || {
        let now = ui::run_script(client, "the org shown", value, vec![SWITCHER.into()]).await?;
        Ok((now != home && !shown(client, "[data-testid=org-switcher-popup]").await?).then_some(now))
    })
    .await?;
    wait_until(&format!("{customer} has synced"), FIRST_SYNC, async || {
        let synced = ui::attribute(client, "[data-testid=last-synced]", "title").await?.is_some_and(|t| !t.is_empty());
        Ok((synced && !shown(client, "[data-testid=sync-panel]").await?).then_some(()))
    })
    .await?;
    // Out of the switcher's text box, where "g l" would be typed.
    press(client, &[key(Key::Tab)]).await?;
    ensure!(!focus_within(client, SWITCHER).await?, "Tab leaves the org switcher");
    Ok(())
}

#[test]
fn the_calling_screen_by_keyboard_alone() -> Result<()> {
    run_e2e("calling_keyboard", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::wait_for_texts(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            tab_to(client, "[data-testid=sign-in-demo]", false).await?;
            press(client, &[key(Key::Enter)]).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;

            choose_first_customer(client).await?;
            press(client, &['g', 'l']).await?;
            ui::wait_for_texts(client, "[data-testid=calling-table] [data-testid=calling-row]", STEP).await?;
            wait_for_focus(client, "main", "g l moves focus into the Calling screen").await?;

            // C1: an eligible user's suggested fix, previewed, and first
            // Escaped: the dialog closes and focus is back on Preview.
            filter_by(client, "eligible", key(Key::Enter), false, "[data-testid=calling-row]").await?;
            let before = shown_count(client).await?;
            open_with_arrows(client, false).await?;
            tab_to(client, PREVIEW, false).await?;
            ensure_focus_ring(client, "Preview").await?;
            let suggested = ui::wait_for_text(client, "[data-testid=calling-fix-suggested]", STEP).await?;
            ensure!(suggested.contains('+'), "the suggested fix names the number: {suggested}");
            open_preview(client).await?;
            press(client, &[key(Key::Escape)]).await?;
            wait_gone(client, DIALOG, "Escape closes the preview").await?;
            wait_for_focus(client, PREVIEW, "focus goes back to Preview after Escape").await?;
            ensure!(shown(client, DETAIL).await?, "Escape in the dialog leaves the details open");

            open_preview(client).await?;
            tab_to(client, APPLY, false).await?;
            ensure_focus_ring(client, "Apply").await?;
            press(client, &[key(Key::Enter)]).await?;
            wait_fixed(client, before).await?;

            // Escape closes the details; focus goes back to the list.
            press(client, &[key(Key::Escape)]).await?;
            wait_gone(client, DETAIL, "Escape closes the details").await?;
            wait_for_focus(client, TABLE, "focus goes back to the list after the details close").await?;

            // C7/C8: a number that differs, reprovisioned. The preview asks
            // for the typed confirmation; a wrong text keeps Apply off and
            // Enter in the field sends nothing.
            filter_by(client, "mismatch", ' ', true, "[data-testid=calling-mismatch-row]").await?;
            let mismatches = shown_count(client).await?;
            open_with_arrows(client, false).await?;
            next_user_with_a_fix(client, mismatches).await?;
            tab_to(client, PREVIEW, false).await?;
            open_preview(client).await?;
            tab_to(client, CONFIRMATION, false).await?;
            ensure_focus_ring(client, "the confirmation field").await?;
            let phrase = ui::wait_for_text(client, "[data-testid=calling-calling-danger] code", STEP).await?;
            press(client, &"not it".chars().collect::<Vec<_>>()).await?;
            press(client, &[key(Key::Enter)]).await?;
            ensure!(shown(client, DIALOG).await?, "Enter in the confirmation field sends nothing");
            ensure!(ui::attribute(client, APPLY, "disabled").await?.is_some(), "a wrong confirmation keeps Apply off");
            press(client, &vec![key(Key::Backspace); "not it".len()]).await?;
            press(client, &phrase.chars().collect::<Vec<_>>()).await?;
            wait_until("the typed confirmation turns Apply on", STEP, async || {
                Ok(ui::attribute(client, APPLY, "disabled").await?.is_none().then_some(()))
            })
            .await?;
            tab_to(client, APPLY, false).await?;
            press(client, &[key(Key::Enter)]).await?;
            wait_fixed(client, mismatches).await?;
            Ok(())
        })
        .await?;
        app.close().await
    })
}
