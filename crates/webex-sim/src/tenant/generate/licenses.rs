//! The licenses each org owns, the subscriptions they come from, and their
//! unit counts once people hold them.
//!
//! Several services come from more than one subscription (Calling
//! Professional from two or three, the first site's Meeting license from
//! two), with different start dates. People hold them as rule T12 would
//! have assigned them: the older subscriptions of a pool are used up, the
//! newest one has units left.

use rand::Rng;

use super::super::license::{License, LicenseKind};
use super::super::OrgIdx;
use super::{Generator, Thing, DAY_MS, REFERENCE_MS};

/// Where an org's licenses sit in its slots, by what they are for.
/// Pools list their licenses oldest subscription first.
pub struct LicenseSlots {
    pub messaging: usize,
    pub screen_share: usize,
    pub basic_meetings: usize,
    pub advanced_messaging: Option<usize>,
    /// One pool per site, in site order.
    pub meeting: Vec<Vec<usize>>,
    pub calling_professional: Vec<usize>,
    pub calling_basic: Vec<usize>,
    pub cx_essentials: Option<usize>,
    pub contact_center: Option<ContactCenterSlots>,
    pub attendant_console: Option<usize>,
}

pub struct ContactCenterSlots {
    pub premium: usize,
    pub standard: usize,
}

/// A subscription: its id and start date.
#[derive(Clone)]
pub(super) struct Subscription {
    pub(super) id: String,
    pub(super) start_ms: i64,
}

/// The org whose Calling Basic pool is left with no free unit, so "no unit
/// left" paths can be tried: the first customer.
const FULL_LICENSE_ORG: usize = 1;

impl Generator {
    pub(super) fn add_partner_licenses(&mut self, org: OrgIdx) -> LicenseSlots {
        let [main, _, _] = self.subscriptions();
        LicenseSlots {
            messaging: self.add_license(org, LicenseKind::Messaging, None, None),
            screen_share: self.add_license(org, LicenseKind::ScreenShare, None, None),
            basic_meetings: self.add_license(org, LicenseKind::BasicMeetings, None, None),
            advanced_messaging: None,
            meeting: vec![vec![self.add_license(org, LicenseKind::Meeting, Some(&main), Some(0))]],
            calling_professional: vec![self.add_license(org, LicenseKind::CallingProfessional, Some(&main), None)],
            calling_basic: Vec::new(),
            cx_essentials: None,
            contact_center: None,
            attendant_console: None,
        }
    }

    /// Customers differ by `ordinal`: odd ones have CX Essentials, every
    /// other one Contact Center agents, even ones a third Calling
    /// Professional subscription.
    pub(super) fn add_customer_licenses(&mut self, org: OrgIdx, ordinal: usize) -> LicenseSlots {
        let [oldest, middle, newest] = self.subscriptions();
        let messaging = self.add_license(org, LicenseKind::Messaging, None, None);
        let screen_share = self.add_license(org, LicenseKind::ScreenShare, None, None);
        let basic_meetings = self.add_license(org, LicenseKind::BasicMeetings, None, None);
        let advanced_messaging = Some(self.add_license(org, LicenseKind::AdvancedMessaging, Some(&oldest), None));
        self.add_license(org, LicenseKind::Messenger, Some(&oldest), None);
        let site_count = self.tenant.org(org).sites.len();
        let meeting = (0..site_count)
            .map(|site| {
                let mut pool = vec![self.add_license(org, LicenseKind::Meeting, Some(&oldest), Some(site))];
                if site == 0 {
                    pool.push(self.add_license(org, LicenseKind::Meeting, Some(&newest), Some(site)));
                }
                pool
            })
            .collect();
        let mut calling_professional = vec![
            self.add_license(org, LicenseKind::CallingProfessional, Some(&oldest), None),
            self.add_license(org, LicenseKind::CallingProfessional, Some(&middle), None),
        ];
        if ordinal.is_multiple_of(2) {
            calling_professional.push(self.add_license(org, LicenseKind::CallingProfessional, Some(&newest), None));
        }
        let mut calling_basic = vec![self.add_license(org, LicenseKind::CallingBasic, Some(&oldest), None)];
        if ordinal % 3 == 1 {
            calling_basic.push(self.add_license(org, LicenseKind::CallingBasic, Some(&middle), None));
        }
        self.add_license(org, LicenseKind::CallingWorkspaces, Some(&oldest), None);
        let cx_essentials =
            (!ordinal.is_multiple_of(2)).then(|| self.add_license(org, LicenseKind::CxEssentials, Some(&middle), None));
        let contact_center = ordinal.is_multiple_of(2).then(|| ContactCenterSlots {
            premium: self.add_license(org, LicenseKind::ContactCenterPremiumAgent, Some(&middle), None),
            standard: self.add_license(org, LicenseKind::ContactCenterStandardAgent, Some(&middle), None),
        });
        let attendant_console = Some(self.add_license(org, LicenseKind::AttendantConsole, Some(&oldest), None));
        LicenseSlots {
            messaging,
            screen_share,
            basic_meetings,
            advanced_messaging,
            meeting,
            calling_professional,
            calling_basic,
            cx_essentials,
            contact_center,
            attendant_console,
        }
    }

    /// Three subscriptions, oldest first: started about two years, one
    /// year and two months before the reference "now".
    fn subscriptions(&mut self) -> [Subscription; 3] {
        [(650, 800), (250, 400), (20, 90)].map(|(min, max)| Subscription {
            id: format!("Sub{}", self.rng.random_range(100_000..1_000_000)),
            start_ms: REFERENCE_MS - self.rng.random_range(min * DAY_MS..max * DAY_MS),
        })
    }

    /// Adds a license and returns its slot in the org.
    pub(super) fn add_license(
        &mut self,
        org: OrgIdx,
        kind: LicenseKind,
        subscription: Option<&Subscription>,
        site: Option<usize>,
    ) -> usize {
        let uuid = self.uuid(Thing::License, org.get(), self.tenant.org(org).licenses.len());
        let mut license = License::new(org, &self.tenant.org(org).uuid, kind, uuid);
        license.subscription_id = subscription.map(|s| s.id.clone());
        license.subscription_start_ms = subscription.map(|s| s.start_ms);
        license.site = site;
        self.tenant.push_license(license);
        self.tenant.org(org).licenses.len() - 1
    }

    /// Workspaces take some Calling units; totals leave headroom, except on
    /// the older subscriptions of a pool (used up first, rule T12) and on
    /// the first customer's Calling Basic (used up on purpose).
    pub(super) fn settle_units(&mut self) {
        for i in 0..self.tenant.licenses.len() {
            let license = &self.tenant.licenses[i];
            let kind = license.kind;
            let pool_has_newer =
                self.tenant.licenses.iter().any(|other| {
                    other.same_pool(license) && other.subscription_start_ms > license.subscription_start_ms
                });
            let used_up =
                pool_has_newer || (kind == LicenseKind::CallingBasic && license.org.get() == FULL_LICENSE_ORG);
            let workspaces = match kind {
                LicenseKind::CallingWorkspaces => self.rng.random_range(3..40),
                kind if kind.counts_workspaces() && !used_up => self.rng.random_range(0..6),
                _ => 0,
            };
            let consumed = self.tenant.licenses[i].consumed_by_users + workspaces;
            let headroom = match (used_up, kind) {
                (true, _) => 0,
                (false, LicenseKind::Messenger) => 25,
                (false, _) => (consumed * self.rng.random_range(5..30) / 100).max(2),
            };
            let license = &mut self.tenant.licenses[i];
            license.consumed_by_workspaces = workspaces;
            license.total_units = consumed + headroom;
        }
    }
}
