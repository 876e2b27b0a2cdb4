//! How the Calling screen looks, light and dark, at 1280x800: the report
//! narrowed to a reason with a user's evidence and fix (C2–C5), the fix's
//! preview (C1), the preview of an edited users CSV with its refused lines,
//! and C7's reprovision asking for C8's typed confirmation. Saved as
//! docs/screenshots/calling-<what>-<light|dark>.png; each shot first checks
//! that what it is meant to show is there. Nothing is sent.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Client;

use crate::support::driver::repo_root;
use crate::support::profile::{app_pid, Profile};
use crate::support::run_e2e;
use crate::support::session::{wait_until, AppSession};
use crate::support::ui;

const APP_READY: Duration = Duration::from_secs(30);
const FIRST_SYNC: Duration = Duration::from_secs(60);
const STEP: Duration = Duration::from_secs(15);

const ROWS: &str = "[data-testid=calling-table] [data-testid=calling-row]";
const MISMATCH_ROWS: &str = "[data-testid=calling-table] [data-testid=calling-mismatch-row]";
const FIX_DIALOG: &str = "[data-testid=calling-fix-dialog][open]";
const IMPORT_DIALOG: &str = "[data-testid=calling-import-dialog][open]";

async fn shot(client: &Client, what: &str, theme: &str) -> Result<()> {
    // Two frames painted first: on a busy machine WebKit's screenshot can
    // miss what changed last (typed text, a dialog's layer).
    let frames = "return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));";
    ui::run_script(client, "wait for two frames", frames, vec![]).await?;
    let path = repo_root().join(format!("docs/screenshots/calling-{what}-{theme}.png"));
    ui::save_screenshot(client, &path).await
}

/// `data-theme` on <html>, as Settings › Appearance sets it.
async fn use_theme(client: &Client, theme: &str) -> Result<()> {
    let script = "document.documentElement.dataset.theme = arguments[0]; \
        return getComputedStyle(document.body).backgroundColor;";
    ui::run_script(client, &format!("the {theme} theme"), script, vec![theme.into()]).await?;
    Ok(())
}

async fn gone(client: &Client, css: &str) -> Result<()> {
    wait_until(&format!("{css} closes"), STEP, async || Ok(ui::texts(client, css).await?.is_empty().then_some(())))
        .await
}

/// Signs in, picks the demo's first customer (it seeds every reason and
/// C7's changed numbers; the partner's own org does not) and opens Calling.
async fn open_first_customer(client: &Client) -> Result<()> {
    ui::click(client, "[data-testid=sign-in-demo]", APP_READY).await?;
    ui::wait_for_texts(client, "[data-testid=users-table] [data-testid=user-row]", FIRST_SYNC).await?;
    ui::click(client, "[data-testid=org-switcher]", STEP).await?;
    ui::click(client, "[data-testid=org-option]:nth-child(2)", STEP).await?;
    wait_until("the customer's first sync ends", FIRST_SYNC, async || {
        let synced = ui::attribute(client, "[data-testid=last-synced]", "title").await?.is_some_and(|t| !t.is_empty());
        let syncing = !ui::texts(client, "[data-testid=sync-panel]").await?.is_empty();
        Ok((synced && !syncing).then_some(()))
    })
    .await?;
    ui::click(client, "[data-testid=nav-calling]", STEP).await?;
    ui::wait_for_texts(client, ROWS, STEP).await.map(drop)
}

async fn choose_reason(client: &Client, reason: &str, rows: &str) -> Result<()> {
    let chip = format!("[data-testid=calling-reason-{reason}]");
    ui::click(client, &chip, STEP).await?;
    wait_until(&format!("{reason} is chosen"), STEP, async || {
        let pressed = ui::attribute(client, &chip, "aria-pressed").await?.is_some_and(|p| p == "true");
        Ok((pressed && !ui::texts(client, rows).await?.is_empty()).then_some(()))
    })
    .await
}

/// C4: a work number that is not E.164 with the number it could become,
/// its evidence and the suggested fix; then that fix's preview.
async fn report_and_preview(client: &Client, theme: &str) -> Result<()> {
    choose_reason(client, "not_e164", ROWS).await?;
    let with_fix = "[data-testid=calling-fix-suggested]";
    let rows = ui::texts(client, ROWS).await?.len();
    for index in 1..=rows {
        ui::click(client, &format!("{ROWS}:nth-child({index})"), STEP).await?;
        ui::wait_for_text(client, "[data-testid=calling-fix] h3", STEP).await?;
        if !ui::texts(client, with_fix).await?.is_empty() {
            break;
        }
    }
    let evidence = ui::wait_for_text(client, "[data-testid=calling-evidence]", STEP).await?;
    ensure!(evidence.contains("not in E.164 form"), "the evidence says why: {evidence}");
    let suggestion = ui::wait_for_text(client, "[data-testid=calling-suggestion]", STEP).await?;
    let fix = ui::wait_for_text(client, with_fix, STEP).await?;
    ensure!(suggestion.contains('+') && fix.contains('+'), "the number it could be: {suggestion} / {fix}");
    shot(client, "report", theme).await?;

    ui::click(client, "[data-testid=calling-fix-preview]", STEP).await?;
    let change = ui::wait_for_text(client, "[data-testid=calling-preview-change]", STEP).await?;
    ensure!(change.contains('+'), "the preview shows the number sent: {change}");
    shot(client, "preview", theme).await?;
    ui::click(client, "[data-testid=calling-fix-cancel]", STEP).await?;
    gone(client, FIX_DIALOG).await
}

/// C7/C8: a changed number that can be reprovisioned, its preview asking
/// for the typed confirmation (half typed: Apply stays off).
async fn confirmation(client: &Client, theme: &str) -> Result<()> {
    choose_reason(client, "mismatch", MISMATCH_ROWS).await?;
    let rows = ui::texts(client, MISMATCH_ROWS).await?.len();
    for index in 1..=rows {
        ui::click(client, &format!("{MISMATCH_ROWS}:nth-child({index})"), STEP).await?;
        ui::wait_for_text(client, "[data-testid=calling-fix] h3", STEP).await?;
        if !ui::texts(client, "[data-testid=calling-fix-preview]").await?.is_empty() {
            break;
        }
    }
    ui::click(client, "[data-testid=calling-fix-preview]", STEP).await?;
    let phrase = ui::wait_for_text(client, "[data-testid=calling-calling-danger] code", STEP).await?;
    let half: String = phrase.chars().take(phrase.chars().count() / 2).collect();
    ui::type_into(client, "[data-testid=calling-confirmation]", &half).await?;
    ensure!(
        ui::attribute(client, "[data-testid=calling-fix-apply]", "disabled").await?.is_some(),
        "half the confirmation keeps Apply off"
    );
    shot(client, "confirm", theme).await?;
    ui::click(client, "[data-testid=calling-fix-cancel]", STEP).await?;
    gone(client, FIX_DIALOG).await
}

/// The users CSV as a spreadsheet saves it back: a corrected number with
/// its `+` stripped, and lines the import refuses (an unknown email, a
/// number that cannot be E.164, no email, the same user twice).
fn write_edited_csv(dir: &Path, emails: &[String]) -> Result<std::path::PathBuf> {
    let [first, second, third, ..] = emails else { bail!("three users to put in the CSV, not {}", emails.len()) };
    let csv = format!(
        "\u{feff}User ID/Email (Required);Phone Number;Location\r\n\
         {first};33 1 41 55 12 34;\r\n\
         {second};00 33 4 71 55 66 77;\r\n\
         nobody@boulangeries-nowhere.example;+33141551299;\r\n\
         ;+33141551298;\r\n\
         {first};+33141551297;\r\n\
         {third};12ab;\r\n"
    );
    let path = dir.join("calling-users-edited.csv");
    std::fs::write(&path, csv)?;
    Ok(path)
}

/// The open dialog is GTK's file chooser, outside the webview: xdotool on
/// the app's X display types the path into it (Ctrl+L, the path, Enter).
fn choose_file_in_gtk_dialog(profile: &Profile, path: &Path) -> Result<()> {
    let pid = app_pid(&profile.data_dir()).context("the app's process")?;
    let environ = std::fs::read(format!("/proc/{pid}/environ"))?;
    let display = environ
        .split(|b| *b == 0)
        .find_map(|kv| kv.strip_prefix(b"DISPLAY="))
        .map(|d| String::from_utf8_lossy(d).into_owned())
        .context("the app has no DISPLAY")?;
    let xdotool = |args: &[&str]| -> Result<String> {
        let out = Command::new("timeout").arg("20").arg("xdotool").args(args).env("DISPLAY", &display).output()?;
        ensure!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // The chooser can be mapped before it takes keys: type again until it
    // closes on the path.
    for _ in 0..3 {
        let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", "^Open"])?;
        let window = window.lines().next().context("no open dialog")?.to_string();
        std::thread::sleep(Duration::from_millis(500));
        xdotool(&["windowfocus", "--sync", &window])?;
        xdotool(&["key", "--clearmodifiers", "ctrl+l", "ctrl+a"])?;
        xdotool(&["type", "--delay", "10", &path.to_string_lossy()])?;
        xdotool(&["key", "Return"])?;
        for _ in 0..10 {
            std::thread::sleep(Duration::from_millis(300));
            let still_open = Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", "^Open"])
                .env("DISPLAY", &display)
                .output()?;
            if !still_open.status.success() {
                return Ok(());
            }
        }
    }
    bail!("the open dialog did not take the path {}", path.display())
}

async fn import_preview(client: &Client, profile: &Profile, csv: &Path, theme: &str) -> Result<()> {
    ui::click(client, "[data-testid=calling-import]", STEP).await?;
    choose_file_in_gtk_dialog(profile, csv)?;
    let counts = ui::wait_for_text(client, "[data-testid=calling-import-counts]", STEP).await?;
    let refused = ui::texts(client, "[data-testid=calling-import-rejection]").await?;
    ensure!(refused.len() == 4, "the four refused lines are listed: {refused:?} ({counts})");
    ensure!(counts.contains("2 work numbers change"), "the two edited numbers change: {counts}");
    shot(client, "import", theme).await?;
    ui::click(client, "[data-testid=calling-import-cancel]", STEP).await?;
    gone(client, IMPORT_DIALOG).await
}

#[test]
fn the_calling_screens_light_and_dark() -> Result<()> {
    run_e2e("calling_screens", async |profile| {
        let folder = tempfile::tempdir()?;
        let app = AppSession::launch(profile).await?;
        app.drive(async |client| {
            open_first_customer(client).await?;
            let emails = {
                choose_reason(client, "not_e164", ROWS).await?;
                let cells = ui::texts(client, &format!("{ROWS} [role=gridcell]:nth-child(2)")).await?;
                cells.into_iter().map(|c| c.trim().to_string()).collect::<Vec<_>>()
            };
            let csv = write_edited_csv(folder.path(), &emails)?;
            for theme in ["light", "dark"] {
                use_theme(client, theme).await?;
                import_preview(client, profile, &csv, theme).await?;
                report_and_preview(client, theme).await?;
                confirmation(client, theme).await?;
            }
            Ok(())
        })
        .await?;
        app.close().await
    })
}
