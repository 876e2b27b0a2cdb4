//! The Calling eligibility report in the real window (rules C2–C5): every
//! user of the org without Calling with the reason, a reason's chip
//! narrowing the list, a user's evidence with the number a work number
//! that is not E.164 could become, and a user fixed from the screen (C1).

use std::time::Duration;

use anyhow::{ensure, Result};
use fantoccini::Client;

use crate::support::driver::repo_root;
use crate::support::run_e2e;
use crate::support::session::{wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);

const ROWS: &str = "[data-testid=calling-table] [data-testid=calling-row]";
const REASONS: &str = "[data-testid=calling-row] [role=gridcell]:nth-child(4)";

/// Signs in to the demo tenant, waits for its first sync, opens Calling.
async fn open_calling_screen(client: &Client) -> Result<()> {
    ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
    ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
    ui::click(client, "[data-testid=nav-calling]", STEP).await?;
    ui::wait_for_texts(client, ROWS, STEP).await.map(drop)
}

/// Clicks the reason's chip and waits until every row shows `label`.
async fn show_only(client: &Client, reason: &str, label: &str) -> Result<()> {
    ui::click(client, &format!("[data-testid=calling-reason-{reason}]"), STEP).await?;
    wait_until(&format!("only {label} rows"), STEP, async || {
        let reasons = ui::texts(client, REASONS).await?;
        Ok((!reasons.is_empty() && reasons.iter().all(|r| r.trim() == label)).then_some(()))
    })
    .await
}

#[test]
fn the_calling_report_names_each_users_reason_with_its_evidence() -> Result<()> {
    run_e2e("calling", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            open_calling_screen(client).await?;

            // C4: the work numbers that are not E.164.
            show_only(client, "not_e164", "Not E.164").await?;
            ui::click(client, ROWS, STEP).await?;
            let evidence = ui::wait_for_text(client, "[data-testid=calling-evidence]", STEP).await?;
            ensure!(evidence.contains("is not in E.164 form"), "the evidence says why: {evidence}");
            let suggestion = ui::wait_for_text(client, "[data-testid=calling-suggestion]", STEP).await?;
            ensure!(suggestion.contains('+') || suggestion.contains("No E.164"), "a number or why none: {suggestion}");
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/calling.png")).await
        })
        .await?;
        app.close().await
    })
}

/// C1: an eligible user (a free E.164 work number in a Calling location)
/// is given Calling from the screen: the suggested fix, its preview, Apply;
/// the run finishes and the report, read again, no longer lists the user;
/// the run's details say what was sent, by name.
#[test]
fn an_eligible_user_is_given_calling_from_the_calling_screen() -> Result<()> {
    run_e2e("calling_fix", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            open_calling_screen(client).await?;
            show_only(client, "eligible", "Eligible").await?;
            ui::click(client, ROWS, STEP).await?;
            let fix = ui::wait_for_text(client, "[data-testid=calling-fix-suggested]", STEP).await?;
            ensure!(fix.contains('+'), "the suggested fix names the number: {fix}");
            ui::click(client, "[data-testid=calling-fix-preview]", STEP).await?;
            let change = ui::wait_for_text(client, "[data-testid=calling-preview-change]", STEP).await?;
            ensure!(change.contains('+'), "the preview shows what is sent: {change}");
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/calling-fix.png")).await?;
            ui::click(client, "[data-testid=calling-fix-apply]", STEP).await?;
            let fixed =
                ui::wait_for_text(client, "[data-testid=calling-detail-fixed]", Duration::from_secs(60)).await?;
            ensure!(fixed.contains("no longer lists"), "the report read again: {fixed}");

            ui::click(client, "[data-testid=run-details]", STEP).await?;
            let sent = ui::wait_for_text(client, "[data-testid=run-entry]", STEP).await?;
            ensure!(
                sent.contains("Webex Calling") && sent.contains(" at ") && sent.contains('+'),
                "license, location, number: {sent}"
            );
            ensure!(!sent.contains("Y2lzY29"), "names, not Webex ids: {sent}");
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/calling-run-detail.png")).await
        })
        .await?;
        app.close().await
    })
}
