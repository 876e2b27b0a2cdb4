//! The licenses each org owns, and their unit counts once people hold them.

use rand::Rng;

use super::super::license::{License, LicenseKind};
use super::super::OrgIdx;
use super::{Generator, Thing};

/// Where an org's licenses sit in its slots, by what they are for.
pub struct LicenseSlots {
    pub messaging: usize,
    pub screen_share: usize,
    /// One meeting license per site, in site order.
    pub meeting: Vec<usize>,
    /// Calling Professional, once per subscription that carries it.
    pub calling_professional: Vec<usize>,
    pub calling_basic: Option<usize>,
    pub cx_essentials: Option<usize>,
    pub contact_center: Option<ContactCenterSlots>,
}

pub struct ContactCenterSlots {
    pub premium: usize,
    pub standard: usize,
}

/// The license left with no free unit, so "no unit left" paths can be tried:
/// Calling Basic of the first customer org.
const FULL_LICENSE_ORG: usize = 1;

impl Generator {
    pub(super) fn add_partner_licenses(&mut self, org: OrgIdx) -> LicenseSlots {
        let subscription = self.subscription_id();
        LicenseSlots {
            messaging: self.add_license(org, LicenseKind::Messaging, None, None),
            screen_share: self.add_license(org, LicenseKind::ScreenShare, None, None),
            meeting: vec![self.add_license(org, LicenseKind::Meeting, Some(&subscription), Some(0))],
            calling_professional: vec![self.add_license(
                org,
                LicenseKind::CallingProfessional,
                Some(&subscription),
                None,
            )],
            calling_basic: None,
            cx_essentials: None,
            contact_center: None,
        }
    }

    /// Customers differ by `ordinal`: every other one has Calling Professional
    /// in a second subscription; the others have CX Essentials; one in four
    /// has Contact Center.
    pub(super) fn add_customer_licenses(&mut self, org: OrgIdx, ordinal: usize) -> LicenseSlots {
        let main = self.subscription_id();
        let messaging = self.add_license(org, LicenseKind::Messaging, None, None);
        let screen_share = self.add_license(org, LicenseKind::ScreenShare, None, None);
        let site_count = self.tenant.org(org).sites.len();
        let meeting =
            (0..site_count).map(|site| self.add_license(org, LicenseKind::Meeting, Some(&main), Some(site))).collect();
        let mut calling_professional = vec![self.add_license(org, LicenseKind::CallingProfessional, Some(&main), None)];
        if ordinal.is_multiple_of(2) {
            let second = self.subscription_id();
            calling_professional.push(self.add_license(org, LicenseKind::CallingProfessional, Some(&second), None));
        }
        let calling_basic = Some(self.add_license(org, LicenseKind::CallingBasic, Some(&main), None));
        self.add_license(org, LicenseKind::CallingWorkspaces, Some(&main), None);
        let cx_essentials =
            (!ordinal.is_multiple_of(2)).then(|| self.add_license(org, LicenseKind::CxEssentials, Some(&main), None));
        let contact_center = (ordinal.is_multiple_of(4)).then(|| ContactCenterSlots {
            premium: self.add_license(org, LicenseKind::ContactCenterPremiumAgent, Some(&main), None),
            standard: self.add_license(org, LicenseKind::ContactCenterStandardAgent, Some(&main), None),
        });
        LicenseSlots {
            messaging,
            screen_share,
            meeting,
            calling_professional,
            calling_basic,
            cx_essentials,
            contact_center,
        }
    }

    /// Adds a license and returns its slot in the org.
    fn add_license(
        &mut self,
        org: OrgIdx,
        kind: LicenseKind,
        subscription: Option<&str>,
        site: Option<usize>,
    ) -> usize {
        let uuid = self.uuid(Thing::License, org.get(), self.tenant.org(org).licenses.len());
        let mut license = License::new(org, &self.tenant.org(org).uuid, kind, uuid);
        license.subscription_id = subscription.map(str::to_string);
        license.site = site;
        self.tenant.push_license(license);
        self.tenant.org(org).licenses.len() - 1
    }

    fn subscription_id(&mut self) -> String {
        format!("Sub{}", self.rng.random_range(100_000..1_000_000))
    }

    /// Workspaces take some Calling units; every license gets a total with
    /// some headroom above what is consumed, except the one left full.
    pub(super) fn settle_units(&mut self) {
        let full = self.tenant.org_indices().nth(FULL_LICENSE_ORG).and_then(|org| {
            let slot = self.license_slots[org.get()].calling_basic?;
            Some(self.tenant.org(org).licenses[slot])
        });
        for i in 0..self.tenant.licenses.len() {
            let kind = self.tenant.licenses[i].kind;
            let workspaces = match kind {
                LicenseKind::CallingWorkspaces => self.rng.random_range(3..40),
                kind if kind.counts_workspaces() => self.rng.random_range(0..6),
                _ => 0,
            };
            let consumed = self.tenant.licenses[i].consumed_by_users + workspaces;
            let headroom = if full.is_some_and(|f| f.get() == i) {
                0
            } else {
                (consumed * self.rng.random_range(5..30) / 100).max(2)
            };
            let license = &mut self.tenant.licenses[i];
            license.consumed_by_workspaces = workspaces;
            license.total_units = consumed + headroom;
        }
    }
}
