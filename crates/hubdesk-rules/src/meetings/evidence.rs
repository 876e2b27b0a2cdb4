//! What a troubleshooter check looked at, as data: the window words it from
//! its message catalogue (`meetings.evidence.<kind>`, the fields as
//! parameters), the command line prints `text()`, the English reading.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum Evidence {
    LoginDisabled,
    /// T16.
    NeverSignedIn,
    SignedIn,
    HostWith {
        license: String,
        site: String,
    },
    /// "Meetings on other.webex.com, ..."
    LicenseElsewhere {
        site: String,
        elsewhere: String,
    },
    AttendeeOnly {
        site: String,
    },
    BasicOnly,
    NoLicense,
    NeedsPaidLicense,
    SiteTypesUnread,
    UserTypesUnread,
    /// S1: `types` names the paid ones.
    HasEveryPaidType {
        site: String,
        types: String,
    },
    /// S1: `types` names the missing ones.
    MissingTypes {
        site: String,
        types: String,
    },
    NothingSaved,
    /// S5: `saved` is where the last save went.
    SavedElsewhere {
        saved: String,
        site: String,
    },
    SavedDiffers {
        site: String,
        sent: String,
        held: String,
    },
    SavedSame {
        site: String,
        sent: String,
    },
}

impl Evidence {
    /// The English reading, for the command line and logs.
    pub fn text(&self) -> String {
        match self {
            Evidence::LoginDisabled => "loginEnabled is false: the user cannot sign in.".to_owned(),
            Evidence::NeverSignedIn => "invitePending: the user has never signed in, so licenses and session types \
                                        only take effect at the first sign-in (T16)."
                .to_owned(),
            Evidence::SignedIn => {
                "loginEnabled, no pending invitation (Webex's status is presence and is not used).".to_owned()
            }
            Evidence::HostWith { license, site } => format!("{license} on {site}."),
            Evidence::LicenseElsewhere { site, elsewhere } => {
                format!("No paid license on {site}: {elsewhere} only.")
            }
            Evidence::AttendeeOnly { site } => {
                format!("Attendee on {site}: attendees join meetings but cannot host them.")
            }
            Evidence::BasicOnly => "Basic Meetings only: the free plan, cut at 40 minutes.".to_owned(),
            Evidence::NoLicense => "No Meetings license at all.".to_owned(),
            Evidence::NeedsPaidLicense => "Session types need a paid license on the site.".to_owned(),
            Evidence::SiteTypesUnread => "The site's session types could not be read.".to_owned(),
            Evidence::UserTypesUnread => "The user's session types could not be read.".to_owned(),
            Evidence::HasEveryPaidType { site, types } => format!("Has every paid type of {site}: {types}."),
            Evidence::MissingTypes { site, types } => format!("Missing on {site}: {types}."),
            Evidence::NothingSaved => "Nothing saved yet.".to_owned(),
            Evidence::SavedElsewhere { saved, site } => format!("The last save went to {saved}, not {site}."),
            Evidence::SavedDiffers { site, sent, held } => format!("Sent [{sent}] to {site}, Webex holds [{held}]."),
            Evidence::SavedSame { site, sent } => format!("Sent [{sent}] to {site}, read back the same."),
        }
    }
}
