//! What a license is, from its Webex name (webex-api.md §4.4; the
//! simulator's `LicenseKind`). Webex publishes no type field, so the name is
//! all there is; matching is tolerant of case and of the variants real orgs
//! show ("Meeting - Webex Enterprise Edition", "Webex Calling - Standard",
//! the CSV's "Webex Calling VAR Professional").

use super::model::{LicenseCategory, NotForUsers};

/// The editor's section for a license (T15: the free ones are `Basic`).
pub fn license_category(name: &str) -> LicenseCategory {
    Kind::of(name).category()
}

/// Whether a person can be given this license, and if not why.
pub fn not_for_users(name: &str) -> Option<NotForUsers> {
    Kind::of(name).not_for_users()
}

/// The service a license gives. Licenses of one kind (and one site, for
/// Meetings) form a pool: a user holds at most one of them (T8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// Free messaging: the prerequisite of paid messaging and of meetings.
    Messaging,
    /// Implicit: can never be removed (error 700006).
    ScreenShare,
    AdvancedMessaging,
    /// Not user-manageable (error 400118).
    Messenger,
    /// Free meetings: the prerequisite of a paid Meetings license.
    BasicMeetings,
    /// A paid Meetings (host) license of one site.
    Meeting,
    CallingProfessional,
    /// "Webex Calling - Basic" is the paid Standard license.
    CallingStandard,
    /// For workspaces, never for users.
    CallingWorkspaces,
    CxEssentials,
    AttendantConsole,
    ContactCenterPremium,
    ContactCenterStandard,
    /// Anything else: its own pool, named by its name.
    Other(LicenseCategory),
}

impl Kind {
    pub(crate) fn of(name: &str) -> Kind {
        let n = name.trim().to_ascii_lowercase();
        let has = |w: &str| n.contains(w);
        if has("screen share") || has("screenshare") {
            Kind::ScreenShare
        } else if has("messenger") {
            Kind::Messenger
        } else if has("attendant console") {
            Kind::AttendantConsole
        } else if has("customer experience") && has("essential") || has("cx essential") {
            Kind::CxEssentials
        } else if has("contact center") || has("contact centre") {
            contact_center(&n)
        } else if has("calling") || has("webex call") {
            calling(&n)
        } else if has("messaging") {
            messaging(&n)
        } else if has("meeting") || has("webinar") || has("event center") || has("training center") {
            meetings(&n)
        } else {
            Kind::Other(LicenseCategory::Other)
        }
    }

    pub(crate) fn category(self) -> LicenseCategory {
        match self {
            Kind::Messaging | Kind::ScreenShare | Kind::BasicMeetings => LicenseCategory::Basic,
            Kind::AdvancedMessaging | Kind::Messenger => LicenseCategory::Messaging,
            Kind::Meeting => LicenseCategory::Meetings,
            Kind::CallingProfessional
            | Kind::CallingStandard
            | Kind::CallingWorkspaces
            | Kind::CxEssentials
            | Kind::AttendantConsole => LicenseCategory::Calling,
            Kind::ContactCenterPremium | Kind::ContactCenterStandard => LicenseCategory::ContactCenter,
            Kind::Other(category) => category,
        }
    }

    /// Licenses that give a Calling line: a user without one needs a
    /// location and a number with them (C1).
    pub(crate) fn is_line(self) -> bool {
        matches!(self, Kind::CallingProfessional | Kind::CallingStandard | Kind::CxEssentials)
    }

    /// Whether hubdesk may give this license to a user at all: Workspaces
    /// licenses are for workspaces, Messenger is not user-manageable.
    pub(crate) fn for_users(self) -> bool {
        !matches!(self, Kind::CallingWorkspaces | Kind::Messenger)
    }

    /// `for_users`'s reason, for the editor and the refusal.
    pub(crate) fn not_for_users(self) -> Option<NotForUsers> {
        match self {
            Kind::CallingWorkspaces => Some(NotForUsers::Workspaces),
            Kind::Messenger => Some(NotForUsers::Messenger),
            _ => None,
        }
    }

    /// Never removed: Screen Share is implicit (700006), Messenger is not
    /// user-manageable (400118).
    pub(crate) fn removable(self) -> bool {
        !matches!(self, Kind::ScreenShare | Kind::Messenger)
    }

    /// The licenses `self` needs beside it (700003–700005, 400408).
    pub(crate) fn prerequisites(self) -> &'static [Kind] {
        match self {
            Kind::Meeting => &[Kind::BasicMeetings, Kind::Messaging],
            Kind::BasicMeetings | Kind::AdvancedMessaging => &[Kind::Messaging],
            Kind::AttendantConsole => &[Kind::CallingProfessional],
            _ => &[],
        }
    }

    /// Free prerequisites are added with the license that needs them; a paid
    /// one (Calling Professional for Attendant Console) never is.
    pub(crate) fn free(self) -> bool {
        self.category() == LicenseCategory::Basic
    }

    /// Two kinds a user may not hold together (400404, 400407, 400413), the
    /// stronger first: when a user's templates give both, or a user holds
    /// one and their templates give the other, the user keeps the service
    /// they have and is never downgraded (T11, 400112, 400410).
    pub(crate) fn rival(self) -> &'static [Kind] {
        match self {
            Kind::CallingProfessional | Kind::CxEssentials => &[Kind::CallingStandard],
            Kind::CallingStandard => &[Kind::CallingProfessional, Kind::CxEssentials],
            Kind::ContactCenterPremium => &[Kind::ContactCenterStandard],
            Kind::ContactCenterStandard => &[Kind::ContactCenterPremium],
            _ => &[],
        }
    }

    /// Of two rivals both wanted, whether `self` yields to `other`.
    pub(crate) fn yields_to(self, other: Kind) -> bool {
        matches!(
            (self, other),
            (Kind::CallingStandard, Kind::CallingProfessional | Kind::CxEssentials)
                | (Kind::ContactCenterStandard, Kind::ContactCenterPremium)
        )
    }
}

fn contact_center(n: &str) -> Kind {
    match n.contains("premium") {
        true => Kind::ContactCenterPremium,
        false if n.contains("agent") || n.contains("standard") => Kind::ContactCenterStandard,
        false => Kind::Other(LicenseCategory::ContactCenter),
    }
}

fn calling(n: &str) -> Kind {
    let has = |w: &str| n.contains(w);
    if has("workspace") || has("common area") || has("hot desk") {
        Kind::CallingWorkspaces
    } else if has("professional") || has(" pro") {
        Kind::CallingProfessional
    } else if has("basic") || has("standard") {
        Kind::CallingStandard
    } else {
        Kind::Other(LicenseCategory::Calling)
    }
}

fn messaging(n: &str) -> Kind {
    match n.contains("advanced") || n.contains("paid") || n.contains("premium") {
        true => Kind::AdvancedMessaging,
        false => Kind::Messaging,
    }
}

fn meetings(n: &str) -> Kind {
    match n.contains("basic") || n.contains("free") {
        true => Kind::BasicMeetings,
        false => Kind::Meeting,
    }
}
