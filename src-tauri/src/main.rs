//! `hubdesk`: the window, or a headless subcommand (see `cli`).

// Release builds on Windows would otherwise open a console next to the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
