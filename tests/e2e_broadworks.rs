//! The Webex for BroadWorks status view in the real window (rules B3–B5):
//! every customer's subscribers from the cache, provisioned ones hidden by
//! default, a status chip narrowing the table, a subscriber's errors with
//! the text for a ticket, a retry with a valid email followed until Webex
//! settles (B4), and the onboarding check remembering a tick (B1).

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

use crate::support::driver::repo_root;
use crate::support::run_e2e;
use crate::support::session::{wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const SYNC_ALL: Duration = Duration::from_secs(120);
const STEP: Duration = Duration::from_secs(15);
/// Webex provisions in the background: the status moves within a minute.
const SETTLING: Duration = Duration::from_secs(90);

const ROWS: &str = "[data-testid=broadworks-table] [data-testid=subscriber-row]";
/// The status and customer cells of the rows showing.
const STATUSES: &str = "[data-testid=subscriber-row] [role=gridcell]:nth-child(6)";
const CUSTOMERS: &str = "[data-testid=subscriber-row] [role=gridcell]:nth-child(4)";

#[test]
fn the_status_view_lists_every_customers_subscribers_and_narrows_by_status() -> Result<()> {
    run_e2e("broadworks", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
            ui::click(client, "[data-testid=sync-all]", STEP).await?;
            wait_until("every customer is synced", SYNC_ALL, async || {
                let idle = ui::texts(client, "[data-testid=sync-panel]").await?.is_empty()
                    && ui::attribute(client, "[data-testid=sync-all]", "disabled").await?.is_none();
                Ok(idle.then_some(()))
            })
            .await?;

            ui::click(client, "[data-testid=nav-broadworks]", STEP).await?;
            ui::wait_for_texts(client, ROWS, STEP).await?;
            // B5: provisioned subscribers are hidden until asked for.
            let statuses = ui::texts(client, STATUSES).await?;
            ensure!(statuses.iter().all(|s| s.trim() != "Provisioned"), "provisioned ones hidden: {statuses:?}");
            let customers = ui::texts(client, CUSTOMERS).await?;
            ensure!(customers.iter().any(|c| c.contains("Fjordby")), "mapped to their customers: {customers:?}");

            ui::click(client, "[data-testid=broadworks-status-error]", STEP).await?;
            let errors = wait_until("the Error chip leaves only errors", STEP, async || {
                let statuses = ui::texts(client, STATUSES).await?;
                Ok((!statuses.is_empty() && statuses.iter().all(|s| s.trim() == "Error")).then_some(statuses))
            })
            .await?;
            let count = ui::wait_for_text(client, "[data-testid=broadworks-count]", STEP).await?;
            ensure!(count.starts_with(&errors.len().to_string()), "{count} for {} rows", errors.len());

            // B4: a subscriber's errors, with the text for a ticket.
            ui::click(client, ROWS, STEP).await.context("open a subscriber")?;
            let listed =
                ui::wait_for_text(client, "[data-testid=subscriber-errors]", STEP).await.context("their errors")?;
            ensure!(!listed.is_empty(), "the errors are listed");
            ui::wait_for_texts(client, "[data-testid=subscriber-copy-errors] button", STEP).await.context("copy")?;
            // WebKit can leave a scroll area that just appeared unpainted in a
            // WebDriver screenshot: a pause lets the frame land.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/broadworks.png")).await?;

            // B4: retry a subscriber waiting for an email, with a valid one:
            // prechecked, sent through the journal, then followed live.
            ui::click(client, "[data-testid=broadworks-status-pending_email_input]", STEP).await?;
            wait_until("only those waiting for an email", STEP, async || {
                let statuses = ui::texts(client, STATUSES).await?;
                Ok((!statuses.is_empty() && statuses.iter().all(|s| s.trim() == "Waiting for email")).then_some(()))
            })
            .await?;
            ui::click(client, ROWS, STEP).await.context("open a waiting subscriber")?;
            ui::type_into(client, "[data-testid=retry-email]", "bw.retry.e2e@gota-byggnad.example").await?;
            ui::click(client, "[data-testid=retry-send]", STEP).await?;
            let settled = wait_until("the retried subscriber settles", SETTLING, async || {
                let live = ui::texts(client, "[data-testid=action-live]").await?.join(" ");
                Ok(live.contains("Webex now says").then_some(live))
            })
            .await?;
            ensure!(settled.contains("Provisioned"), "the retry ends provisioned: {settled}");

            // B4 for many: the provisioned ones moved to premium, previewed
            // (those already on premium left out), then sent through the
            // journal with the run's progress on screen.
            ui::click(client, "[data-testid=broadworks-status-provisioned]", STEP).await?;
            wait_until("only provisioned ones", STEP, async || {
                let statuses = ui::texts(client, STATUSES).await?;
                Ok((!statuses.is_empty() && statuses.iter().all(|s| s.trim() == "Provisioned")).then_some(()))
            })
            .await?;
            // By keyboard: p on the selected row goes to its package change.
            ui::click(client, ROWS, STEP).await?;
            let mut keys = KeyActions::new("keyboard".into());
            keys = keys.then(KeyAction::Down { value: 'p' }).then(KeyAction::Up { value: 'p' });
            client.perform_actions(keys).await?;
            wait_until("p focuses the package change", STEP, async || {
                let script = "return document.activeElement?.getAttribute('data-testid') ?? '';";
                let focused = ui::run_script(client, "what has focus", script, vec![]).await?;
                Ok((focused.as_str() == Some("package-to")).then_some(()))
            })
            .await?;
            ui::click(client, "[data-testid=subscriber-detail-close]", STEP).await?;

            ui::click(client, "[data-testid=broadworks-bulk-open]", STEP).await?;
            ui::click(client, "[data-testid=bw-bulk-preview]", STEP).await?;
            let sendable = ui::wait_for_texts(client, "[data-testid=bw-bulk-row]", SETTLING).await?;
            ensure!(sendable.iter().all(|r| !r.is_empty()), "who and what: {sendable:?}");
            ui::click(client, "[data-testid=bw-bulk-apply]", STEP).await?;
            let done = format!("{n} of {n}", n = sendable.len());
            wait_until("the bulk run finishes, each change once", SETTLING, async || {
                let panel = ui::texts(client, "[data-testid=run-panel]").await?.join(" ");
                Ok((panel.contains("Finished") && panel.contains(&done)).then_some(()))
            })
            .await?;

            // B1: a tick in the onboarding check is remembered with who did it.
            ui::click(client, "[data-testid=broadworks-tab-onboarding]", STEP).await.context("onboarding tab")?;
            ui::click(client, "[data-testid=onboarding-template] [data-testid=onboarding-untrustedEmails]", STEP)
                .await?;
            let who = ui::wait_for_text(client, "[data-testid=onboarding-template] .who", STEP)
                .await
                .context("who ticked")?;
            ensure!(who.contains("mette.kjaer"), "the tick says who: {who}");
            Ok(())
        })
        .await?;
        app.close().await
    })
}
