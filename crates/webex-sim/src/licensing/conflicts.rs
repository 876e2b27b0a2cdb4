//! The conflicts and prerequisites of `PATCH /licenses/users` (webex-api.md
//! §4.3), checked for one license to add against what the person will hold.

use crate::tenant::LicenseKind as K;

/// What the person holds after the request's accepted removals plus the
/// adds accepted so far, and what the request asks for as a whole.
pub struct Holding<'a> {
    pub after: &'a [K],
    /// Kinds the request adds (prerequisites may come in the same request).
    pub adding: &'a [K],
    /// Kinds the request removes that the person holds.
    pub removing: &'a [K],
}

impl Holding<'_> {
    fn has(&self, kind: K) -> bool {
        self.after.contains(&kind)
    }

    fn will_have(&self, kind: K) -> bool {
        self.has(kind) || self.adding.contains(&kind)
    }
}

/// The error code refusing `kind`, if any.
pub fn refusal_code(kind: K, holding: &Holding) -> Option<u32> {
    match kind {
        K::Messenger => Some(400118),
        K::CallingWorkspaces => Some(400000),
        K::CallingBasic if holding.has(K::CallingProfessional) => {
            Some(if holding.removing.contains(&K::CallingProfessional) { 400112 } else { 400404 })
        }
        K::CallingBasic if holding.has(K::CxEssentials) => {
            Some(if holding.removing.contains(&K::CxEssentials) { 400410 } else { 400407 })
        }
        K::CallingBasic if holding.has(K::AttendantConsole) => Some(400406),
        K::CallingProfessional if holding.has(K::CallingBasic) => Some(400404),
        K::CxEssentials if holding.has(K::CallingBasic) => Some(400407),
        K::AttendantConsole if holding.has(K::CallingBasic) => Some(400406),
        K::AttendantConsole if !holding.will_have(K::CallingProfessional) => Some(400408),
        K::ContactCenterPremiumAgent if holding.has(K::ContactCenterStandardAgent) => Some(400413),
        K::ContactCenterStandardAgent if holding.has(K::ContactCenterPremiumAgent) => Some(400413),
        K::AdvancedMessaging if !holding.will_have(K::Messaging) => Some(700003),
        K::Meeting if !holding.will_have(K::BasicMeetings) => Some(700004),
        K::Meeting | K::BasicMeetings if !holding.will_have(K::Messaging) => Some(700005),
        _ => None,
    }
}

/// Removals refused outright.
pub fn removal_refusal_code(kind: K) -> Option<u32> {
    match kind {
        K::ScreenShare => Some(700006),
        K::Messenger => Some(400118),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: K, after: &[K], adding: &[K], removing: &[K]) -> Option<u32> {
        refusal_code(kind, &Holding { after, adding, removing })
    }

    #[test]
    fn calling_conflicts_and_downgrades() {
        assert_eq!(code(K::CallingBasic, &[K::CallingProfessional], &[], &[]), Some(400404));
        assert_eq!(code(K::CallingBasic, &[K::CallingProfessional], &[], &[K::CallingProfessional]), Some(400112));
        assert_eq!(code(K::CallingBasic, &[K::CxEssentials], &[], &[K::CxEssentials]), Some(400410));
        assert_eq!(code(K::CallingBasic, &[K::CxEssentials], &[], &[]), Some(400407));
        assert_eq!(code(K::CallingProfessional, &[K::CallingBasic], &[], &[]), Some(400404));
        assert_eq!(code(K::CallingProfessional, &[], &[], &[K::CallingBasic]), None, "an upgrade is fine");
    }

    #[test]
    fn prerequisites_may_come_in_the_same_request() {
        assert_eq!(code(K::AttendantConsole, &[], &[], &[]), Some(400408));
        assert_eq!(code(K::AttendantConsole, &[], &[K::CallingProfessional], &[]), None);
        assert_eq!(code(K::Meeting, &[K::Messaging], &[], &[]), Some(700004));
        assert_eq!(code(K::Meeting, &[K::BasicMeetings], &[], &[]), Some(700005));
        assert_eq!(code(K::Meeting, &[K::Messaging], &[K::BasicMeetings], &[]), None);
        assert_eq!(code(K::AdvancedMessaging, &[], &[], &[]), Some(700003));
        assert_eq!(code(K::ContactCenterStandardAgent, &[K::ContactCenterPremiumAgent], &[], &[]), Some(400413));
        assert_eq!(removal_refusal_code(K::ScreenShare), Some(700006));
    }
}
