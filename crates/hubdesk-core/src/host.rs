//! What a command needs from whoever called it: somewhere to send events
//! (the window's `sync-progress` and `run-progress`), a browser for the
//! Webex sign-in, a save dialog for exports and an open dialog for imports. The app implements it over
//! Tauri; tests record events.

use std::path::PathBuf;

use futures::future::BoxFuture;
use hubdesk_api::{ApiError, Event};

pub trait Host: Send + Sync + 'static {
    /// Sends an event to the window (or wherever the caller shows them).
    fn emit(&self, event: Event);

    /// Shows `url` in the system browser (the Webex sign-in page).
    fn open_in_browser(&self, url: String) -> BoxFuture<'static, Result<(), ApiError>>;

    /// Shows a folder in the system's file manager (the log folder).
    fn open_folder(&self, path: PathBuf) -> BoxFuture<'static, Result<(), ApiError>>;

    /// Asks where to save a file (the window's save dialog), proposing
    /// `suggested`; `None` when the user cancels.
    fn choose_save_path(&self, suggested: PathBuf) -> BoxFuture<'static, Option<PathBuf>>;

    /// Asks which CSV file to read (the window's open dialog); `None` when
    /// the user cancels.
    fn choose_open_path(&self) -> BoxFuture<'static, Option<PathBuf>>;
}
