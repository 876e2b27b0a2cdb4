//! Exit codes scripts can branch on, from the error's stable code, and the
//! standard output every subcommand prints its results through.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use hubdesk_api::{ApiError, ErrorCode};

pub const HELP: &str = "\
Exit codes:
  0  done
  1  failed (the message says why)
  2  the command line is wrong
  3  not signed in, or the token was refused: sign in with the app or set HUBDESK_TOKEN
  4  Webex cannot be reached, did not answer in time, or throttled us too long: nothing was lost, try again
  5  the input was refused (a file, an id, a missing confirmation): nothing was sent
  6  done in part: some orgs or changes failed (the output says which)
130 cancelled with Ctrl-C: `hubdesk templates resume` finishes a run";

/// Several things were attempted and some failed: reported, exit 6.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Partial(pub String);

/// Set once the reader of standard output has gone.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to standard output. A reader that leaves early (`hubdesk
/// templates plan ... | head`) ends the output, not the command: the rest
/// of the output is dropped and the command finishes its work and exits as
/// it would have (`println!` would panic instead).
pub fn write_out(text: std::fmt::Arguments) -> anyhow::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_fmt(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => Ok(other?),
    }
}

/// `println!` through [`write_out`]; every subcommand prints its results with it.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::exit::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use outln;

pub fn report(result: anyhow::Result<()>) -> ExitCode {
    let Err(err) = result else { return ExitCode::SUCCESS };
    let code = code_of(&err);
    report_as(Err(err), code)
}

/// As `report`, exiting with `code` on an error whatever its kind (for
/// commands such as `meetings diagnose` whose codes are 0, 1 and 2).
pub fn report_as(result: anyhow::Result<()>, code: u8) -> ExitCode {
    let Err(err) = result else { return ExitCode::SUCCESS };
    // `hubdesk export ... | head`: the reader left, which is not an error.
    if format!("{err:#}").contains("Broken pipe") {
        return ExitCode::SUCCESS;
    }
    eprintln!("error: {err:#}");
    // The technical detail the window keeps behind "Details".
    if let Some(api) = err.chain().find_map(|e| e.downcast_ref::<ApiError>()) {
        if let Some(detail) = &api.detail {
            eprintln!("  detail: {detail}");
        }
        if let Some(tracking_id) = &api.tracking_id {
            eprintln!("  tracking id: {tracking_id}");
        }
    }
    ExitCode::from(code)
}

fn code_of(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<Partial>().is_some() {
        return 6;
    }
    let Some(api) = err.chain().find_map(|e| e.downcast_ref::<ApiError>()) else { return 1 };
    match api.code {
        ErrorCode::NotSignedIn | ErrorCode::Unauthorized | ErrorCode::Forbidden | ErrorCode::KeyringUnavailable => 3,
        ErrorCode::Network | ErrorCode::Offline | ErrorCode::RateLimited => 4,
        ErrorCode::InvalidInput
        | ErrorCode::InvalidTemplate
        | ErrorCode::ConfirmationRequired
        | ErrorCode::NotFound
        | ErrorCode::PreviewExpired => 5,
        ErrorCode::Cancelled => 130,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_error() {
        let api = |code| anyhow::Error::new(ApiError::new(code, "x"));
        assert_eq!(code_of(&api(ErrorCode::Offline)), 4);
        assert_eq!(code_of(&api(ErrorCode::ConfirmationRequired)), 5);
        assert_eq!(code_of(&api(ErrorCode::Unauthorized).context("syncing")), 3, "through context");
        assert_eq!(code_of(&anyhow::Error::new(Partial("1 of 3 orgs failed".into()))), 6);
        assert_eq!(code_of(&anyhow::anyhow!("no file")), 1);
    }
}
