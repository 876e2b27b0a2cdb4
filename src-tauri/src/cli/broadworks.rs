//! `hubdesk broadworks`: Webex for BroadWorks subscribers, headless. `list`
//! is the status view (B3, B5) from the cache, as CSV or JSON: the same
//! columns and rows as the window's export; `retry`, `delete` and `package`
//! are the actions (B4), in `broadworks_actions`.

use std::path::PathBuf;
use std::process::ExitCode;

use hubdesk_api::{SubscriberPackage, SubscriberQuery, SubscriberStatus};
use hubdesk_core::features::broadworks::SubscriberFormat;

use super::broadworks_actions::{self, ActionArgs, DeleteArgs, PackageArgs, RetryArgs};
use super::exit;
use super::session;

#[derive(clap::Subcommand, Debug)]
pub enum BroadworksCommand {
    /// Every customer's subscribers from the cache (sync first), newest
    /// status change first, with their customer, package, status and errors.
    List(ListArgs),
    /// Retry a subscriber's activation with a valid email (B4): checked, prechecked by Webex, then the
    /// subscriber is deleted and provisioned again with the email, through the journal and the audit log.
    #[command(after_help = broadworks_actions::HELP)]
    Retry(RetryArgs),
    /// Delete a subscriber (B4): the Webex user stays and the subscriber can onboard again. Needs --yes.
    #[command(after_help = broadworks_actions::HELP)]
    Delete(DeleteArgs),
    /// Change a subscriber's package (softphone, basic, standard, premium); `updating` until it settles.
    #[command(after_help = broadworks_actions::HELP)]
    Package(PackageArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct ListArgs {
    /// The cache `hubdesk sync` wrote.
    #[arg(long)]
    pub db: PathBuf,
    /// Only this customer's subscribers (the customer org's id).
    #[arg(long)]
    pub customer: Option<String>,
    /// Only these statuses, comma-separated (error, pending_email_input,
    /// pending_email_validation, pending_user_migration, provisioning,
    /// updating, provisioned).
    #[arg(long, value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<SubscriberStatus>,
    /// Only this package: softphone, basic, standard or premium.
    #[arg(long, value_parser = parse_package)]
    pub package: Option<SubscriberPackage>,
    /// Leave out provisioned subscribers: only those with a pending
    /// requirement or an error (B5).
    #[arg(long)]
    pub exclude_provisioned: bool,
    /// Only those whose user id, name, email or number starts with these words.
    #[arg(long, default_value = "")]
    pub search: String,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Format {
    Csv,
    Json,
}

fn parse_status(value: &str) -> Result<SubscriberStatus, String> {
    SubscriberStatus::parse(value.trim()).ok_or_else(|| {
        let known: Vec<&str> = SubscriberStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("there is no subscriber status '{value}'; use one of {}", known.join(", "))
    })
}

fn parse_package(value: &str) -> Result<SubscriberPackage, String> {
    SubscriberPackage::parse(value.trim()).ok_or_else(|| {
        let known: Vec<&str> = SubscriberPackage::ALL.iter().map(|p| p.as_str()).collect();
        format!("there is no package '{value}'; use one of {}", known.join(", "))
    })
}

/// Exit codes as the rest (0 done, 2 a bad value, 5 no such cache...).
pub fn main(command: BroadworksCommand) -> ExitCode {
    match command {
        BroadworksCommand::List(args) => match list(args) {
            Err(e) if is_bad_value(&e) => exit::report_as(Err(e), 2),
            result => exit::report(result),
        },
        BroadworksCommand::Retry(a) => broadworks_actions::main(ActionArgs::Retry(a)),
        BroadworksCommand::Delete(a) => broadworks_actions::main(ActionArgs::Delete(a)),
        BroadworksCommand::Package(a) => broadworks_actions::main(ActionArgs::Package(a)),
    }
}

/// A customer the cache does not know: as wrong as an unknown status.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadValue(String);

fn is_bad_value(e: &anyhow::Error) -> bool {
    e.downcast_ref::<BadValue>().is_some()
}

fn list(args: ListArgs) -> anyhow::Result<()> {
    let core = session::open_read_only(&args.db, None)?;
    if let Some(customer) = &args.customer {
        let options = core.broadworks_options()?;
        if !options.customers.iter().any(|c| &c.org_id == customer) {
            let known: Vec<String> = options.customers.iter().map(|c| format!("{} ({})", c.org_id, c.name)).collect();
            let hint = if known.is_empty() { "none are cached: sync first".to_owned() } else { known.join(", ") };
            anyhow::bail!(BadValue(format!(
                "no customer with the org id {customer} has BroadWorks subscribers in this cache; customers: {hint}"
            )));
        }
    }
    let query = SubscriberQuery {
        text: args.search,
        customer_org_id: args.customer,
        package: args.package,
        statuses: args.status,
        exclude_provisioned: args.exclude_provisioned,
        offset: 0,
        limit: 0,
    };
    let format = match args.format {
        Format::Csv => SubscriberFormat::Csv,
        Format::Json => SubscriberFormat::Json,
    };
    let mut out = Vec::new();
    let count = core.broadworks_list(&query, format, &mut out)?;
    exit::write_out(format_args!("{}", String::from_utf8_lossy(&out)))?;
    eprintln!("listed {count} subscribers");
    Ok(())
}
