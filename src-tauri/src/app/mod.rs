//! The window: Tauri glue only. It opens the core, hands every command to
//! it (`invoke`), and sends its events to the window.

mod invoke;
mod logging;

use std::process::ExitCode;
use std::sync::Arc;

use hubdesk_core::auth::Vault;
use hubdesk_core::demo::{DemoClient, SpawnedDemo};
use hubdesk_core::{default_data_dir, Core, CoreFiles};
use tauri::Manager;

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Sign in to the demo tenant at start if nobody is signed in.
    pub demo: bool,
}

pub fn run(options: AppOptions) -> ExitCode {
    let data_dir = default_data_dir();
    let _log_guard = logging::init(&data_dir);
    let core = match tauri::async_runtime::block_on(open_core(&data_dir, &options)) {
        Ok(core) => Arc::new(core),
        Err(e) => {
            tracing::error!("cannot start: {e}");
            eprintln!("hubdesk cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut builder = tauri::Builder::default();
    // One window per data folder: a second launch focuses the first. Test
    // runs with their own HUBDESK_DATA_DIR are separate instances.
    if std::env::var_os("HUBDESK_DATA_DIR").is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_focus();
            }
        }));
    }
    let exit_core = core.clone();
    let result = builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(invoke::handler(core))
        .build(tauri::generate_context!("../tauri.conf.json"))
        .map(|app| {
            app.run(move |_handle, event| {
                if let tauri::RunEvent::Exit = event {
                    tauri::async_runtime::block_on(exit_core.shutdown());
                }
            })
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("the window failed: {e}");
            eprintln!("hubdesk: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the cache and restores the remembered session before the window
/// asks for it, so the first screen is already the right one.
async fn open_core(data_dir: &std::path::Path, options: &AppOptions) -> Result<Core, hubdesk_api::ApiError> {
    let mut core = Core::open(&CoreFiles::in_data_dir(data_dir), Vault::from_env())?;
    // The demo tenant is this binary's `sim`, a process that outlives the
    // window (a crash, a quick restart).
    if let Ok(exe) = std::env::current_exe() {
        let client = DemoClient { id: webex_sim::DEMO_CLIENT_ID.into(), secret: webex_sim::DEMO_CLIENT_SECRET.into() };
        core = core.with_demo(Arc::new(SpawnedDemo::new(exe, client)));
    }
    if let Err(e) = core.restore_session().await {
        tracing::warn!("the remembered session could not be restored: {e}");
    }
    if options.demo && core.session_info().await.user.is_none() {
        if let Err(e) = core.sign_in_demo().await {
            tracing::warn!("the demo sign-in at start failed: {e}");
        }
    }
    Ok(core)
}

#[cfg(test)]
mod policy_tests;
