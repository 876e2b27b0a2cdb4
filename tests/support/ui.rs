//! Reading and driving the page by CSS selector.
//!
//! Texts are read with one script per call rather than one WebDriver
//! exchange per element: it is faster, and a virtualized table that
//! re-renders between two exchanges cannot hand back a stale element.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

use super::session::{step, wait_until};

/// Lets the UI finish painting: a WebDriver screenshot can lag a frame.
const SETTLE: Duration = Duration::from_millis(500);

/// The text of every rendered element matching `css`, in document order
/// (elements hidden with `display: none` are left out).
pub async fn texts(client: &Client, css: &str) -> Result<Vec<String>> {
    const SCRIPT: &str = "return Array.from(document.querySelectorAll(arguments[0]))\
        .filter(e => e.getClientRects().length > 0).map(e => e.innerText);";
    let value = step(&format!("read {css}"), client.execute(SCRIPT, vec![json!(css)])).await?;
    serde_json::from_value(value).with_context(|| format!("texts of {css}"))
}

/// The `name` attribute of the first rendered element matching `css`
/// (`None` if there is no such element or it lacks the attribute).
pub async fn attribute(client: &Client, css: &str, name: &str) -> Result<Option<String>> {
    const SCRIPT: &str = "const e = Array.from(document.querySelectorAll(arguments[0]))\
        .find(e => e.getClientRects().length > 0); return e ? e.getAttribute(arguments[1]) : null;";
    let value = step(&format!("read {css} [{name}]"), client.execute(SCRIPT, vec![json!(css), json!(name)])).await?;
    serde_json::from_value(value).with_context(|| format!("attribute {name} of {css}"))
}

/// Waits until at least one element matches `css` and returns all texts.
pub async fn wait_for_texts(client: &Client, css: &str, limit: Duration) -> Result<Vec<String>> {
    wait_until(&format!("{css} is shown"), limit, async || {
        let found = texts(client, css).await?;
        Ok((!found.is_empty()).then_some(found))
    })
    .await
}

/// Waits until an element matching `css` shows some text and returns it.
pub async fn wait_for_text(client: &Client, css: &str, limit: Duration) -> Result<String> {
    wait_until(&format!("{css} shows text"), limit, async || {
        let found = texts(client, css).await?;
        Ok(found.into_iter().map(|text| text.trim().to_string()).find(|text| !text.is_empty()))
    })
    .await
}

/// Clicks the first element matching `css` once it is shown. A click that
/// fails because the page re-rendered under it (a stale element, or a
/// toast passing over it) is tried again until `limit`.
pub async fn click(client: &Client, css: &str, limit: Duration) -> Result<()> {
    wait_for_texts(client, css, limit).await?;
    let mut last_error = None;
    let clicked = wait_until(&format!("{css} can be clicked"), limit, async || {
        let attempt = async {
            let element = step(&format!("find {css}"), client.find(Locator::Css(css))).await?;
            step(&format!("click {css}"), element.click()).await
        };
        match attempt.await {
            Ok(()) => Ok(Some(())),
            Err(error) => {
                last_error = Some(error);
                Ok(None)
            }
        }
    })
    .await;
    clicked.map_err(|timeout| last_error.map_or(timeout, |error| error.context(format!("{css} stayed unclickable"))))
}

pub async fn type_into(client: &Client, css: &str, text: &str) -> Result<()> {
    let element = step(&format!("find {css}"), client.find(Locator::Css(css))).await?;
    step(&format!("type into {css}"), element.send_keys(text)).await
}

/// Deletes `count` characters before the cursor, as a user would: the
/// input events fire, unlike with WebDriver's own "clear".
pub async fn erase(client: &Client, css: &str, count: usize) -> Result<()> {
    let backspaces: String = std::iter::repeat_n(char::from(Key::Backspace), count).collect();
    type_into(client, css, &backspaces).await
}

/// Saves a screenshot of the window once the UI has settled. Written next
/// to `path` first, so a failed run never leaves half a PNG behind.
pub async fn save_screenshot(client: &Client, path: &Path) -> Result<()> {
    tokio::time::sleep(SETTLE).await;
    let png = step("take a screenshot", client.screenshot()).await?;
    std::fs::create_dir_all(path.parent().expect("screenshot path has a parent"))?;
    let partial = path.with_extension("tmp.png");
    std::fs::write(&partial, png)?;
    std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))
}

/// Runs `script` in the page with `args` (`arguments[0]`, ...), for what
/// WebDriver cannot do by selector alone (picking an option by its text).
pub async fn run_script(
    client: &Client,
    what: &str,
    script: &str,
    args: Vec<serde_json::Value>,
) -> Result<serde_json::Value> {
    step(what, client.execute(script, args)).await
}
