//! The window's one door into the core: every command the window invokes
//! is passed, by name and with its JSON arguments, to
//! `hubdesk_core::commands::dispatch`, which the declared command list
//! generates. Tauri checks each command against the capabilities before it
//! gets here (build.rs declares the list to Tauri).

use std::sync::Arc;

use futures::future::BoxFuture;
use hubdesk_api::{ApiError, ErrorCode, Event};
use hubdesk_core::commands::{dispatch, Caller};
use hubdesk_core::host::Host;
use hubdesk_core::Core;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// The window, as the core's commands see it.
struct Window(AppHandle);

impl Host for Window {
    fn open_folder(&self, path: std::path::PathBuf) -> BoxFuture<'static, Result<(), ApiError>> {
        let app = self.0.clone();
        Box::pin(async move {
            app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| {
                ApiError::new(ErrorCode::Internal, "hubdesk could not open the folder. Its path is in Settings.")
                    .with_detail(format!("cannot open {}: {e}", path.display()))
            })
        })
    }

    fn choose_save_path(&self, suggested: std::path::PathBuf) -> BoxFuture<'static, Option<std::path::PathBuf>> {
        let app = self.0.clone();
        Box::pin(async move {
            let (answer, answered) = futures::channel::oneshot::channel();
            let mut dialog = app.dialog().file().add_filter("CSV", &["csv"]);
            if let Some(name) = suggested.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            if let Some(folder) = suggested.parent() {
                dialog = dialog.set_directory(folder);
            }
            if let Some(window) = app.get_webview_window("main") {
                dialog = dialog.set_parent(&window);
            }
            dialog.save_file(move |chosen| {
                let _ = answer.send(chosen.and_then(|path| path.into_path().ok()));
            });
            answered.await.ok().flatten()
        })
    }

    fn choose_open_path(&self) -> BoxFuture<'static, Option<std::path::PathBuf>> {
        let app = self.0.clone();
        Box::pin(async move {
            let (answer, answered) = futures::channel::oneshot::channel();
            let mut dialog = app.dialog().file().add_filter("CSV", &["csv", "txt"]);
            if let Some(window) = app.get_webview_window("main") {
                dialog = dialog.set_parent(&window);
            }
            dialog.pick_file(move |chosen| {
                let _ = answer.send(chosen.and_then(|path| path.into_path().ok()));
            });
            answered.await.ok().flatten()
        })
    }

    fn emit(&self, event: Event) {
        if let Err(e) = self.0.emit(event.name(), event.payload()) {
            tracing::warn!("cannot emit {}: {e}", event.name());
        }
    }

    fn open_in_browser(&self, url: String) -> BoxFuture<'static, Result<(), ApiError>> {
        let app = self.0.clone();
        Box::pin(async move {
            app.opener()
                .open_url(url, None::<&str>)
                .map_err(|e| {
                    ApiError::new(
                        ErrorCode::SignInFailed,
                        "hubdesk could not open your web browser for the Webex sign-in. Set a default browser, then try again.",
                    )
                    .with_detail(format!("cannot open the browser: {e}"))
                })
        })
    }
}

pub fn handler(core: Arc<Core>) -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    move |invoke: Invoke| {
        let name = invoke.message.command().to_owned();
        let args = match invoke.message.payload() {
            InvokeBody::Json(value) => value.clone(),
            InvokeBody::Raw(_) => serde_json::Value::Null,
        };
        let caller = Caller::new(core.clone(), Arc::new(Window(invoke.message.webview().app_handle().clone())));
        invoke.resolver.respond_async_serialized(async move {
            match dispatch(&caller, &name, args).await {
                Ok(json) => Ok(InvokeResponseBody::Json(json)),
                Err(error) => Err(InvokeError::from(serde_json::to_value(error).unwrap_or_default())),
            }
        });
        true
    }
}
