//! `hubdesk meetings show|set|diagnose|refresh|reassign`: the Meetings tab,
//! its Save, the troubleshooter and its fixes (rules S1–S5, T16), headless,
//! through the same core. Each subcommand parses, calls the core and prints.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use hubdesk_api::{
    ApiError, CheckStatus, Diagnosis, ErrorCode, MeetingsReassigned, MeetingsRole, MeetingsSaved, MeetingsView,
    RunAction,
};
use hubdesk_core::features::meetings::reassign_consequence;
use hubdesk_core::webex::WEBEX_API_BASE;
use hubdesk_core::Core;

use super::exit::{self, outln};
use super::session;

/// What `diagnose` exits with, as scripts branch on it.
const DIAGNOSE_EXIT: &str = "\
Exit codes: 0 every check passes, 1 a check fails (the verdict names the
cause), 2 an error (the message says which: unknown person, site, token...).";

#[derive(clap::Subcommand, Debug)]
pub enum MeetingsCommand {
    /// A user's Meetings sites: the role on each, the site's session types
    /// and the user's set, read live.
    Show(ShowArgs),
    /// Replace the user's session types on a site with --types (the whole
    /// set: S2), then print what Webex holds, read again.
    Set(SetArgs),
    /// The troubleshooter for "cannot schedule after we paid": each check
    /// with its evidence, and the verdict.
    #[command(after_help = DIAGNOSE_EXIT)]
    Diagnose(DiagnoseArgs),
    /// Force an update (S5): the user's paid session types off, save, back
    /// on (with any missing ones), save; each step's answer printed.
    Refresh(SiteArgs),
    /// Remove the user's paid Meetings license on the site and assign it
    /// again (S5), through the apply journal: in order, and a run stopped in
    /// between is resumed by running this again. Needs --yes.
    Reassign(ReassignArgs),
    /// Session types for many users on one site: --plan prints who gains
    /// and loses which types, --apply sends each changed user's whole set
    /// once through the journal (S1, S2).
    #[command(after_help = super::meetings_bulk::BULK_HELP)]
    Bulk(super::meetings_bulk::BulkArgs),
}

/// Who is looked at, where, and how to reach Webex.
#[derive(clap::Args, Debug, Clone)]
pub struct Target {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// The user's org (its id as Webex gives it); default: the token's own org.
    #[arg(long)]
    pub org: Option<String>,
    /// The user: an email address or a person id.
    #[arg(long)]
    pub person: String,
    /// Seconds one request may take before it is given up (1 to 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// A cache file to sign in with, its ledger (the audit log) beside it;
    /// default: the app's own, so the window's audit log lists the change.
    #[arg(long)]
    pub db: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ShowArgs {
    #[command(flatten)]
    pub target: Target,
    /// Only this site (one the user is on).
    #[arg(long)]
    pub site: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::Args, Debug, Clone)]
pub struct SetArgs {
    #[command(flatten)]
    pub target: Target,
    /// The site, one the user hosts on.
    #[arg(long)]
    pub site: String,
    /// The whole new set: session type ids or short names, e.g. 3,11 or FRE,PRO,PRV.
    #[arg(long, value_delimiter = ',', required = true, num_args = 1..)]
    pub types: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::Args, Debug, Clone)]
pub struct DiagnoseArgs {
    #[command(flatten)]
    pub target: Target,
    /// The site to check; default: the user's sites and the org's first
    /// site, the first with a failing check shown.
    #[arg(long)]
    pub site: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::Args, Debug, Clone)]
pub struct SiteArgs {
    #[command(flatten)]
    pub target: Target,
    /// The site, one the user hosts on.
    #[arg(long)]
    pub site: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ReassignArgs {
    #[command(flatten)]
    pub on: SiteArgs,
    /// Go ahead: the user goes without the license until it is assigned again.
    #[arg(long)]
    pub yes: bool,
}

/// `diagnose` and `bulk` exit 0, 1 or 2 (any error); the others as every subcommand.
pub fn main(command: MeetingsCommand) -> ExitCode {
    match command {
        MeetingsCommand::Show(args) => exit::report(super::run_async(show(args))),
        MeetingsCommand::Set(args) => exit::report(super::run_async(set(args))),
        MeetingsCommand::Refresh(args) => exit::report(super::run_async(refresh(args))),
        MeetingsCommand::Reassign(args) => exit::report(super::run_async(reassign(args))),
        MeetingsCommand::Diagnose(args) => match super::run_async(diagnose(args)) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(err) => exit::report_as(Err(err), 2),
        },
        MeetingsCommand::Bulk(args) => super::meetings_bulk::main(args),
    }
}

async fn signed_in(target: &Target) -> anyhow::Result<Arc<Core>> {
    let core = match &target.db {
        Some(db) => session::open(db, None, false)?,
        None => session::open_app()?,
    };
    session::sign_in(&core, &target.api, Duration::from_secs(target.timeout)).await?;
    Ok(core)
}

async fn show(args: ShowArgs) -> anyhow::Result<()> {
    let core = signed_in(&args.target).await?;
    let view = core.meetings_show(args.target.org.as_deref(), &args.target.person, args.site.as_deref()).await?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&view)?),
        Format::Text => print_view(&view),
    }
}

async fn set(args: SetArgs) -> anyhow::Result<()> {
    let core = signed_in(&args.target).await?;
    let t = &args.target;
    let saved = core.meetings_set(t.org.as_deref(), &t.person, &args.site, &args.types).await?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&saved)?),
        Format::Text => print_saved(&saved),
    }
}

/// Whether every check passes.
async fn diagnose(args: DiagnoseArgs) -> anyhow::Result<bool> {
    let core = signed_in(&args.target).await?;
    let t = &args.target;
    let diagnosis = core.meetings_diagnose(t.org.as_deref(), &t.person, args.site.as_deref(), None).await?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&diagnosis)?)?,
        Format::Text => print_diagnosis(&diagnosis)?,
    }
    Ok(diagnosis.passes())
}

async fn refresh(args: SiteArgs) -> anyhow::Result<()> {
    let core = signed_in(&args.target).await?;
    let t = &args.target;
    let steps = core.meetings_force_refresh(t.org.as_deref(), &t.person, &args.site).await?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&steps)?),
        Format::Text => {
            for (step, saved) in ["paid types off", "paid types back on"].iter().zip(&steps) {
                outln!("{step}:")?;
                print_saved(saved)?;
            }
            Ok(())
        }
    }
}

async fn reassign(args: ReassignArgs) -> anyhow::Result<()> {
    let (t, site) = (&args.on.target, &args.on.site);
    if !args.yes {
        // Refused before anything is read or sent: the admin first learns what it costs.
        let message = format!(
            "Re-assigning removes the paid Meetings license of {site} from {}, then assigns it again. {} Nothing \
             was sent: run it again with --yes to go ahead.",
            t.person,
            reassign_consequence(site).replace("the user", "they")
        );
        return Err(ApiError::new(ErrorCode::ConfirmationRequired, message).into());
    }
    let core = signed_in(t).await?;
    let message = "cancelling after the request in flight; run `hubdesk meetings reassign` again to finish";
    session::on_ctrl_c(&core, message, |core| {
        for run_id in core.ledger.unfinished_runs().unwrap_or_default() {
            core.run_cancel(&run_id);
        }
    });
    let done = core.meetings_reassign_license(t.org.as_deref(), &t.person, site).await?;
    match args.on.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&done)?)?,
        Format::Text => print_reassigned(&done)?,
    }
    match done.warning {
        Some(warning) => Err(anyhow::anyhow!(warning)),
        None => Ok(()),
    }
}

fn role_text(role: &MeetingsRole) -> String {
    match role {
        MeetingsRole::Host { license_name, .. } => format!("host, with {license_name}"),
        MeetingsRole::Attendee => "attendee (joins meetings, cannot host)".to_owned(),
        MeetingsRole::None => "not on this site".to_owned(),
    }
}

fn print_view(view: &MeetingsView) -> anyhow::Result<()> {
    outln!("{} <{}>", view.display_name, view.email)?;
    if view.sites.is_empty() {
        outln!("  on no Meetings site")?;
    }
    for site in &view.sites {
        outln!("\n{}: {}", site.site_url, role_text(&site.role))?;
        if let Some(why) = &site.unread {
            outln!("  the user's set could not be read: {why}")?;
        }
        let width = site.types.iter().map(|r| r.session_type.name.chars().count()).max().unwrap_or(0);
        for row in &site.types {
            let mark = match row.enabled {
                Some(true) => "[x]",
                Some(false) => "[ ]",
                None => "[?]",
            };
            let t = &row.session_type;
            let paid = if row.paid { "paid" } else { "free" };
            outln!("  {mark} {:>4}  {:<4} {:<width$}  {paid}", t.id, t.short_name, t.name)?;
        }
    }
    outln!("\n[x] the user has it. Webex marks no type as paid: the free one is \"Free Meeting\" (FRE), every other needs a paid license.")
}

fn print_saved(saved: &MeetingsSaved) -> anyhow::Result<()> {
    let check = &saved.check;
    outln!("sent to {}: {}", check.site_url, ids_text(&check.sent))?;
    let held: Vec<String> = saved.held.iter().map(|t| format!("{} {} ({})", t.id, t.short_name, t.name)).collect();
    outln!("Webex now holds: {}", if held.is_empty() { "nothing".to_owned() } else { held.join(", ") })?;
    if !check.matches() {
        outln!("Webex holds something other than what was sent: read back {}.", ids_text(&check.read_back))?;
    }
    outln!("tracking id: {}", saved.tracking_id)
}

fn print_reassigned(done: &MeetingsReassigned) -> anyhow::Result<()> {
    let run = &done.run;
    let state = serde_json::to_value(run.state)?;
    outln!(
        "run {}: {}, {} of {} sent and confirmed",
        run.run_id,
        state.as_str().unwrap_or_default(),
        run.succeeded,
        run.total
    )?;
    for (step, tracking_id) in ["removed", "assigned again"].iter().zip(&done.tracking_ids) {
        outln!("{step}: {} on {}, tracking id {tracking_id}", done.license_name, done.site_url)?;
    }
    let held = if done.license_held { "holds" } else { "does NOT hold" };
    let who = match &run.action {
        RunAction::MeetingsLicenseReassigned { email, .. } => email.as_str(),
        _ => "the user",
    };
    outln!("{who} now {held} a paid Meetings license on {}", done.site_url)?;
    outln!("licenses: {}", done.licenses.join(", "))?;
    match &done.session_types {
        Some(types) => {
            let types: Vec<String> = types.iter().map(|t| format!("{} {} ({})", t.id, t.short_name, t.name)).collect();
            outln!(
                "session types on {}: {}",
                done.site_url,
                if types.is_empty() { "none".into() } else { types.join(", ") }
            )
        }
        None => outln!("session types on {}: could not be read", done.site_url),
    }
}

fn ids_text(ids: &[String]) -> String {
    if ids.is_empty() {
        return "no types".to_owned();
    }
    ids.join(",")
}

fn print_diagnosis(d: &Diagnosis) -> anyhow::Result<()> {
    outln!("{}", d.site_url)?;
    for check in &d.checks {
        let status = match check.status {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "FAIL",
            CheckStatus::Skipped => "skipped",
        };
        let name = serde_json::to_value(check.name)?;
        outln!("  {status:<8} {:<22} {}", name.as_str().unwrap_or_default(), check.evidence)?;
        if check.status == CheckStatus::Fail && !check.fixes.is_empty() {
            let fixes: Vec<String> =
                check.fixes.iter().map(|f| serde_json::to_value(f).map(|v| v.to_string())).collect::<Result<_, _>>()?;
            outln!("  {:<31} fixes: {}", "", fixes.join(", ").replace('"', ""))?;
        }
    }
    outln!("\n{}", d.verdict_text)?;
    // The text for the user (S3, S4) once nothing fails; JSON always has it, in four languages.
    if let Some(english) = d.user_message.iter().find(|m| m.language == "en").filter(|_| d.passes()) {
        outln!("\nFor the user: {}", english.text)?;
    }
    Ok(())
}
