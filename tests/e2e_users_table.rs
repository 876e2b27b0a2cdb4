//! The users table sorted and filtered in the real window: a header's sort
//! button turns the order and says so in `aria-sort`, a filter narrows the
//! rows and the count, and clearing it brings everyone back.

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

const USER_ROWS: &str = "[data-testid=users-table] [data-testid=user-row]";
const USERS_COUNT: &str = "[data-testid=users-count]";
const SORT_EMAIL: &str = "[data-testid=users-table-sort-email]";
const EMAIL_HEADER: &str = "[role=columnheader]:has([data-testid=users-table-sort-email])";
/// The email and status cells of the rows showing (the table's second and
/// third columns).
const EMAILS: &str = "[data-testid=user-row] [role=gridcell]:nth-child(2)";
const STATUSES: &str = "[data-testid=user-row] [role=gridcell]:nth-child(3)";

/// Picks the option of value `value` in the select `css`, as choosing it from
/// the list does (WebDriver cannot click into a closed native list).
async fn choose(client: &Client, css: &str, value: &str) -> Result<()> {
    let script = "const s = document.querySelector(arguments[0]); s.value = arguments[1]; \
        s.dispatchEvent(new Event('change', { bubbles: true })); return s.value;";
    let chosen =
        ui::run_script(client, &format!("choose {value} in {css}"), script, vec![css.into(), value.into()]).await?;
    ensure!(chosen.as_str() == Some(value), "{css} has no option {value}");
    Ok(())
}

async fn wait_for_sort(client: &Client, direction: &str) -> Result<Vec<String>> {
    wait_until(&format!("the email header says {direction}"), STEP, async || {
        let said = ui::attribute(client, EMAIL_HEADER, "aria-sort").await?;
        Ok((said.as_deref() == Some(direction)).then_some(()))
    })
    .await?;
    // The rows follow the header once the new order's first page is in.
    wait_until(&format!("the emails are {direction}"), STEP, async || {
        let emails: Vec<String> = ui::texts(client, EMAILS).await?.iter().map(|e| e.to_lowercase()).collect();
        let mut sorted = emails.clone();
        sorted.sort();
        if direction == "descending" {
            sorted.reverse();
        }
        Ok((emails.len() > 1 && emails == sorted).then_some(emails))
    })
    .await
}

#[test]
fn the_users_table_sorts_by_a_header_and_filters_by_status() -> Result<()> {
    run_e2e("users_table", async |profile| {
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
            ui::wait_for_texts(client, USER_ROWS, FIRST_SYNC).await?;
            let everyone = ui::wait_for_text(client, USERS_COUNT, STEP).await?;
            let by_name = ui::attribute(client, "[role=columnheader]:first-child", "aria-sort").await?;
            ensure!(by_name.as_deref() == Some("ascending"), "the table starts by name: {by_name:?}");

            ui::click(client, SORT_EMAIL, STEP).await?;
            let ascending = wait_for_sort(client, "ascending").await?;
            ui::click(client, SORT_EMAIL, STEP).await?;
            let descending = wait_for_sort(client, "descending").await?;
            ensure!(ascending[0] != descending[0], "both ways start with {}", ascending[0]);

            choose(client, "[data-testid=users-filter-status]", "deactivated").await?;
            let narrowed = wait_until("the count says how many of everyone", STEP, async || {
                let count = ui::wait_for_text(client, USERS_COUNT, STEP).await?;
                Ok((count != everyone && count.contains(" of ")).then_some(count))
            })
            .await?;
            let statuses = ui::wait_for_texts(client, STATUSES, STEP).await?;
            ensure!(statuses.iter().all(|s| s.trim() == "Deactivated"), "{narrowed}: {statuses:?}");
            wait_for_sort(client, "descending").await?;
            ui::save_screenshot(client, &repo_root().join("docs/screenshots/users-sorted-filtered.png")).await?;

            ui::click(client, "[data-testid=users-filter-clear]", STEP).await?;
            wait_until("everyone is back", STEP, async || {
                Ok((ui::wait_for_text(client, USERS_COUNT, STEP).await? == everyone).then_some(()))
            })
            .await
        })
        .await?;
        app.close().await
    })
}
