//! `hubdesk broadworks`: Webex for BroadWorks subscribers, headless.

use std::process::ExitCode;

use super::broadworks_actions::{self, ActionArgs, DeleteArgs, PackageArgs, RetryArgs};

#[derive(clap::Subcommand, Debug)]
pub enum BroadworksCommand {
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

pub fn main(command: BroadworksCommand) -> ExitCode {
    match command {
        BroadworksCommand::Retry(a) => broadworks_actions::main(ActionArgs::Retry(a)),
        BroadworksCommand::Delete(a) => broadworks_actions::main(ActionArgs::Delete(a)),
        BroadworksCommand::Package(a) => broadworks_actions::main(ActionArgs::Package(a)),
    }
}
