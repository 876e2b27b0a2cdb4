//! The Calling eligibility report in the real window (rules C2–C5): every
//! user of the org without Calling with the reason, a reason's chip
//! narrowing the list, and a user's evidence with the number a work number
//! that is not E.164 could become.

use std::time::Duration;

use anyhow::{ensure, Result};

use crate::support::driver::repo_root;
use crate::support::run_e2e;
use crate::support::session::{wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);

const ROWS: &str = "[data-testid=calling-table] [data-testid=calling-row]";
const REASONS: &str = "[data-testid=calling-row] [role=gridcell]:nth-child(4)";

#[test]
fn the_calling_report_names_each_users_reason_with_its_evidence() -> Result<()> {
    run_e2e("calling", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
            ui::click(client, "[data-testid=nav-calling]", STEP).await?;
            ui::wait_for_texts(client, ROWS, STEP).await?;

            // C4: the work numbers that are not E.164.
            ui::click(client, "[data-testid=calling-reason-not_e164]", STEP).await?;
            wait_until("only numbers that are not E.164", STEP, async || {
                let reasons = ui::texts(client, REASONS).await?;
                Ok((!reasons.is_empty() && reasons.iter().all(|r| r.trim() == "Not E.164")).then_some(()))
            })
            .await?;
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
