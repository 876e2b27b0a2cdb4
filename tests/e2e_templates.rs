//! The license-templates flow in the real window on the demo tenant: a
//! group template is created, previewed (who gains what, units left) and
//! applied with progress; the run lands in History.

use std::time::Duration;

use anyhow::{ensure, Result};
use fantoccini::Client;
use serde_json::json;

use crate::support::driver::repo_root;
use crate::support::run_e2e;
use crate::support::session::{wait_until, AppSession};
use crate::support::ui;

const SIGN_IN_DEMO: &str = "[data-testid=sign-in-demo]";
const USER_ROWS: &str = "[data-testid=users-table] [data-testid=user-row]";
const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);
/// The demo's biggest group at its default pace.
const APPLY: Duration = Duration::from_secs(90);

#[test]
fn a_group_template_is_previewed_and_applied_with_progress() -> Result<()> {
    run_e2e("templates", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, SIGN_IN_DEMO, APP_READY).await?;
            ui::wait_for_texts(client, USER_ROWS, FIRST_SYNC).await?;
            ui::click(client, "[data-testid=nav-templates]", STEP).await?;
            ui::wait_for_text(client, "[data-testid=templates-enforcement]", STEP).await?;
            // No template yet: switching to per-group asks nothing.
            ui::click(client, "[data-testid=templates-mode-group]", STEP).await?;
            // The switch is done once its T7 toggle shows; it pushes the list
            // down, so clicking "New" before then could land on the toggle.
            ui::wait_for_texts(client, "[data-testid=templates-transition]", STEP).await?;
            ui::click(client, "[data-testid=templates-new]", STEP).await?;
            fill_editor(client).await?;
            ui::click(client, "[data-testid=editor-preview]", STEP).await?;

            let changed = ui::wait_for_text(client, "[data-testid=preview-total-usersChanged]", STEP).await?;
            ensure!(changed.chars().any(|c| c.is_ascii_digit() && c != '0'), "users changed: {changed:?}");
            ui::wait_for_texts(client, "[data-testid=preview-users]", STEP).await?;
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/templates-preview.png")).await?;

            ui::click(client, "[data-testid=preview-apply]", STEP).await?;
            ui::wait_for_texts(client, "[data-testid=run-panel]", STEP).await?;
            wait_until("the run finishes", APPLY, async || {
                let panel = ui::texts(client, "[data-testid=run-panel]").await?.join(" ");
                Ok(ui::texts(client, "[data-testid=run-dismiss]").await?.first().map(|_| panel))
            })
            .await?;
            ui::click(client, "[data-testid=templates-tab-history]", STEP).await?;
            let runs = ui::wait_for_texts(client, "[data-testid=history-run]", STEP).await?;
            ensure!(runs.len() == 1, "one run in history: {runs:?}");
            ui::click(client, "[data-testid=templates-tab-templates]", STEP).await?;
            let list = ui::wait_for_texts(client, "[data-testid=template-item]", STEP).await?;
            ensure!(list[0].contains("Sales"), "the saved template is listed: {list:?}");
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/templates.png")).await
        })
        .await?;
        app.close().await
    })
}

/// Names the template, picks the biggest eligible group, ticks a license
/// and "Also apply to existing users".
async fn fill_editor(client: &Client) -> Result<()> {
    ui::wait_for_texts(client, "[data-testid=editor-name]", STEP).await?;
    ui::type_into(client, "[data-testid=editor-name]", "Sales").await?;
    const PICK_GROUP: &str = "const s = document.querySelector(arguments[0]);\
        const o = Array.from(s.options).filter(o => o.value && !o.disabled)\
          .sort((a, b) => (parseInt(b.text.split('·')[1]) || 0) - (parseInt(a.text.split('·')[1]) || 0))[0];\
        s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return o.text;";
    let group = ui::run_script(client, "pick a group", PICK_GROUP, vec![json!("[data-testid=editor-group]")]).await?;
    ensure!(group.as_str().is_some_and(|g| !g.is_empty()), "an eligible group: {group}");
    // A license without a line to find: Messaging first, else any.
    const TICK: &str = "const boxes = ['messaging', 'basic', 'other'].flatMap(section => Array.from(\
          document.querySelectorAll(`[data-testid=editor-section-${section}] [data-testid=editor-license]`)));\
        const box = boxes.find(b => !b.disabled && !b.checked);\
        if (!box) return null; box.click(); return box.closest('label').innerText;";
    let ticked = ui::run_script(client, "tick a license", TICK, vec![]).await?;
    ensure!(ticked.as_str().is_some_and(|t| !t.is_empty()), "a license to give is offered");
    ui::click(client, "[data-testid=editor-existing-users]", STEP).await
}

/// The journal's promise: apply a template, kill the app halfway, restart,
/// resume, and the (same) demo tenant shows each change once.
#[test]
fn a_run_killed_halfway_resumes_after_a_restart_and_each_change_lands_once() -> Result<()> {
    run_e2e("templates_kill", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, SIGN_IN_DEMO, APP_READY).await?;
            ui::wait_for_texts(client, USER_ROWS, FIRST_SYNC).await?;
            ui::click(client, "[data-testid=nav-templates]", STEP).await?;
            ui::click(client, "[data-testid=templates-new]", STEP).await?;
            // Org-wide: everyone gets the attendee role on the org's site.
            ui::type_into(client, "[data-testid=editor-name]", "Everyone attends").await?;
            ui::click(client, "[data-testid=editor-site-attendee]", STEP).await?;
            ui::click(client, "[data-testid=editor-existing-users]", STEP).await?;
            ui::click(client, "[data-testid=editor-preview]", STEP).await?;
            ui::wait_for_texts(client, "[data-testid=preview-users]", STEP).await?;
            // Slow enough to be killed halfway: 3 requests a second.
            demo_faults(profile, json!({"rateLimit": 3})).await?;
            ui::click(client, "[data-testid=preview-apply]", STEP).await
        })
        .await?;
        wait_for_answers(profile, 2).await?;
        app.crash(profile).await?;
        let (total, open) = journal(profile)?;
        ensure!(open > 0 && open < total, "killed halfway: {open} of {total} changes still open");

        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=nav-templates]", APP_READY).await?;
            ui::click(client, "[data-testid=templates-resume]", STEP).await?;
            wait_until("the resumed run finishes", APPLY, async || {
                Ok(ui::texts(client, "[data-testid=run-dismiss]").await?.first().map(|_| ()))
            })
            .await
        })
        .await?;
        let (total, open) = journal(profile)?;
        ensure!(open == 0, "{open} of {total} changes still open after the resume");
        let changed = demo_changes(profile).await?;
        let twice: Vec<_> = changed.iter().filter(|(_, n)| **n > 1).collect();
        ensure!(twice.is_empty(), "changed twice: {twice:?}");
        ensure!(changed.len() == total, "{} people changed for {total} journaled changes", changed.len());
        app.close().await
    })
}

fn demo_origin(profile: &crate::support::profile::Profile) -> Result<String> {
    let text = std::fs::read_to_string(profile.data_dir().join("demo-tenant.json"))?;
    let record: serde_json::Value = serde_json::from_str(&text)?;
    Ok(record["origin"].as_str().unwrap_or_default().to_owned())
}

async fn demo_faults(profile: &crate::support::profile::Profile, knobs: serde_json::Value) -> Result<()> {
    let url = format!("{}/_sim/faults", demo_origin(profile)?);
    let response = reqwest::Client::new().post(url).json(&knobs).send().await?;
    ensure!(response.status().is_success(), "faults: {}", response.status());
    Ok(())
}

/// People changed by `PATCH /licenses/users` in the demo tenant, with how often.
async fn demo_changes(profile: &crate::support::profile::Profile) -> Result<std::collections::HashMap<String, usize>> {
    let url = format!("{}/_sim/changes?since=0", demo_origin(profile)?);
    let body: serde_json::Value = reqwest::get(url).await?.json().await?;
    let mut counts = std::collections::HashMap::new();
    for change in body["items"].as_array().cloned().unwrap_or_default() {
        if change["path"].as_str().unwrap_or("").ends_with("/licenses/users") {
            *counts.entry(change["target"].as_str().unwrap_or("").to_owned()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// `(entries, entries not yet answered)` of the journal.
fn journal(profile: &crate::support::profile::Profile) -> Result<(usize, usize)> {
    let conn = rusqlite::Connection::open(profile.data_dir().join("ledger.sqlite"))?;
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let total = count("SELECT COUNT(*) FROM entries")? as usize;
    let open = count("SELECT COUNT(*) FROM entries WHERE state IN ('pending', 'in_flight')")? as usize;
    Ok((total, open))
}

async fn wait_for_answers(profile: &crate::support::profile::Profile, answered: usize) -> Result<()> {
    wait_until(&format!("{answered} changes are answered"), APPLY, async || {
        Ok(journal(profile).ok().filter(|(total, open)| total - open >= answered).map(|_| ()))
    })
    .await
}
