//! `hubdesk calling fix`: the Calling fixes headless (C1, C4, C7, C8),
//! through the same core as the window. The org is synced first, so the
//! fixes are those of the report as Webex holds it now; each user's fix is
//! the report's suggestion, or a number (or extension) at a location the
//! admin names. `--plan` prints what would be sent; otherwise the changes
//! are journaled and sent once each, and the org is synced again.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use hubdesk_api::{
    ApiError, ApplyRequest, CallingFix, CallingFixAsk, CallingFixPreview, CallingReason, ErrorCode, RunState,
    RunSummary,
};
use hubdesk_core::webex::WEBEX_API_BASE;

use super::exit::{self, outln};
use super::meetings::Format;
use super::session;

pub const FIX_HELP: &str = "\
Exit codes: 0 applied, or nothing to do; 1 some change failed or the run
stopped (run the same command again: each change is sent once); 2 an error
(the message says which: org, reason, number, confirmation, token...).";

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["person", "reason", "all"]))]
pub struct FixArgs {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// The org's id; default: the token's own org.
    #[arg(long)]
    pub org: Option<String>,
    /// Users to fix, by email (repeat the option or separate with commas).
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    pub person: Vec<String>,
    /// Every user with this reason: no_work_number, not_e164,
    /// not_in_inventory, location_not_calling, number_taken, eligible, or
    /// c7 (users with Calling whose work number differs from it).
    #[arg(long)]
    pub reason: Option<String>,
    /// Every user of the report, and every C7 mismatch.
    #[arg(long)]
    pub all: bool,
    /// Assign Calling with this number (E.164) at --location, instead of the suggestion.
    #[arg(long, requires = "location", conflicts_with = "extension")]
    pub number: Option<String>,
    /// Assign Calling with this extension at --location, instead of the suggestion.
    #[arg(long, requires = "location")]
    pub extension: Option<String>,
    /// The location (id) of --number or --extension.
    #[arg(long)]
    pub location: Option<String>,
    /// Print what would be sent. Sends nothing.
    #[arg(long)]
    pub plan: bool,
    /// C8: the text the plan asks for when a change removes Calling.
    #[arg(long)]
    pub confirm: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// A cache file, its ledger (journal, audit log) beside it; default:
    /// the app's own, so the window lists the run.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// 0 done or nothing to do, 1 some change failed or the run stopped, 2 an error.
pub fn main(args: FixArgs) -> ExitCode {
    match super::run_async(fix(args)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => exit::report_as(Err(err), 2),
    }
}

fn refused(message: String) -> anyhow::Error {
    ApiError::new(ErrorCode::InvalidInput, message).into()
}

/// Whether everything asked was done.
async fn fix(args: FixArgs) -> anyhow::Result<bool> {
    let core = match &args.db {
        Some(db) => session::open(db, None, false)?,
        None => session::open_app()?,
    };
    session::sign_in(&core, &args.api, Duration::from_secs(args.timeout)).await?;
    let org = match &args.org {
        Some(org) => org.clone(),
        None => core.home_org_id().await?,
    };
    eprintln!("syncing {org} so the fixes are those of Webex now");
    core.sync_org(&org, &|_| {}).await?;
    let asks = asks(&core, &org, &args)?;
    let preview = core.calling_fix_preview(&org, &asks)?;
    if args.plan {
        print_plan(&preview, args.format)?;
        return Ok(true);
    }
    let request = ApplyRequest { preview_id: preview.preview_id.clone(), typed_confirmation: args.confirm.clone() };
    let Some(run) = core.calling_fix_journal(&request).await? else {
        print_plan(&preview, args.format)?;
        eprintln!("nothing to send");
        return Ok(true);
    };
    eprintln!("journaled {} change(s) for {} user(s); sending", run.total, preview.changes.len());
    if !preview.skipped.is_empty() {
        eprintln!("{} user(s) skipped, nothing sent for them (--plan says why)", preview.skipped.len());
    }
    let id = run.run_id.clone();
    let message = "cancelling after the requests in flight; run the same command again to finish";
    session::on_ctrl_c(&core, message, move |core| core.run_cancel(&id));
    let summary = core.run_apply(&run.run_id, &super::sync::print_run_progress).await?;
    report(&summary, args.format)
}

/// The users asked for, each with the admin's fix or none (the suggestion).
fn asks(core: &hubdesk_core::Core, org: &str, args: &FixArgs) -> anyhow::Result<Vec<CallingFixAsk>> {
    let report = core.calling_diagnose(org)?;
    let mut people: Vec<(String, String)> =
        report.users.iter().map(|u| (u.person_id.clone(), u.email.clone())).collect();
    people.extend(report.mismatches.iter().map(|m| (m.person_id.clone(), m.email.clone())));
    let chosen: Vec<String> = if !args.person.is_empty() {
        let id_of = |email: &str| people.iter().find(|(_, e)| e.eq_ignore_ascii_case(email.trim())).map(|(i, _)| i);
        let mut ids = Vec::new();
        for email in &args.person {
            let id = id_of(email).ok_or_else(|| {
                refused(format!(
                    "{email} is not in the Calling report of this org: it has Calling, or is not a user here."
                ))
            })?;
            ids.push(id.clone());
        }
        ids
    } else if let Some(code) = &args.reason {
        let code = code.trim().to_ascii_lowercase();
        if code == "c7" {
            report.mismatches.iter().map(|m| m.person_id.clone()).collect()
        } else {
            let reason = CallingReason::ALL.into_iter().find(|r| r.code() == code).ok_or_else(|| {
                refused(format!(
                    "{code} is not a reason. Use one of: {}, c7.",
                    CallingReason::ALL.map(|r| r.code()).join(", ")
                ))
            })?;
            report.users.iter().filter(|u| u.reason == reason).map(|u| u.person_id.clone()).collect()
        }
    } else {
        people.iter().map(|(id, _)| id.clone()).collect()
    };
    if chosen.len() > hubdesk_core::features::calling::MAX_ASKS {
        return Err(refused(format!("{} users is more than one run takes; fix them by reason.", chosen.len())));
    }
    let fix = match (&args.location, &args.number, &args.extension) {
        (Some(location_id), number, extension) => {
            let license_id = core.calling_fix_license(org)?.ok_or_else(|| {
                refused(
                    "The org has no Calling Professional license with units left, so Calling cannot be assigned."
                        .into(),
                )
            })?;
            Some(CallingFix::AssignCalling {
                license_id,
                location_id: location_id.clone(),
                phone_number: number.clone(),
                extension: extension.clone(),
            })
        }
        (None, None, None) => None,
        _ => return Err(refused("--number and --extension need --location.".into())),
    };
    Ok(chosen.into_iter().map(|person_id| CallingFixAsk { person_id, fix: fix.clone() }).collect())
}

fn describe(fix: &CallingFix) -> String {
    match fix {
        CallingFix::SetWorkNumber { number } => format!("set the work number to {number}"),
        CallingFix::AssignCalling { location_id, phone_number, extension, .. } => {
            let line: Vec<String> = [phone_number.clone(), extension.as_ref().map(|x| format!("extension {x}"))]
                .into_iter()
                .flatten()
                .collect();
            format!("assign Calling at {location_id} with {}", line.join(" and "))
        }
        CallingFix::Reprovision { phone_number, .. } => {
            format!("remove Calling and assign it again with {phone_number} (loses voicemail and call settings)")
        }
    }
}

fn print_plan(p: &CallingFixPreview, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return outln!("{}", serde_json::to_string_pretty(p)?);
    }
    outln!("{} change(s), {} user(s) skipped (nothing sent for them)", p.changes.len(), p.skipped.len())?;
    for c in &p.changes {
        let reason = c.reason.map_or("c7", |r| r.code());
        outln!("  {} <{}> [{reason}]: {}", c.display_name, c.email, describe(&c.fix))?;
    }
    for s in &p.skipped {
        let why = serde_json::to_value(s.why)?;
        outln!(
            "  skipped {}: {}",
            if s.email.is_empty() { &s.person_id } else { &s.email },
            why.as_str().unwrap_or("")
        )?;
    }
    if let Some(text) = &p.calling_confirmation {
        outln!("C8: this removes Calling; to apply, add --confirm \"{text}\"")?;
    }
    Ok(())
}

/// Prints the run's end; whether it finished with nothing failed.
fn report(summary: &RunSummary, format: Format) -> anyhow::Result<bool> {
    match format {
        Format::Json => outln!("{}", serde_json::to_string(summary)?)?,
        Format::Text => outln!(
            "{}: {} of {} changes done, {} failed",
            if summary.state == RunState::Finished { "finished" } else { "stopped" },
            summary.succeeded,
            summary.total,
            summary.failed
        )?,
    }
    Ok(summary.state == RunState::Finished && summary.failed == 0 && summary.partial == 0)
}
