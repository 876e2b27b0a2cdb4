//! The onboarding check (B1, B2). Customer templates have no public API
//! (webex-api.md §7.3), so per provisioning id hubdesk lists what to verify
//! in Partner Hub (untrusted emails allowed; the share link points at the
//! activation portal), remembers what the admin ticked (the ledger), and
//! warns when many of the template's subscribers wait in
//! `pending_email_input`: with untrusted emails a subscriber leaves that
//! status by entering their email on the activation portal (B1), so many
//! waiting there is the sign that the share link does not lead to it.

use std::collections::BTreeMap;

use crate::Core;
use hubdesk_api::{ApiError, ErrorCode, OnboardingCheck, OnboardingItem, PendingWarning};

/// Fewest subscribers waiting in `pending_email_input` that warn: one or
/// two are people who have not got round to it yet.
pub const PENDING_WARN_MIN: u32 = 5;
/// Least share of the template's subscribers waiting that warns: a
/// template of thousands always has a few dozen waiting.
pub const PENDING_WARN_SHARE_PERCENT: u32 = 20;

/// B2: the warning, when at least [`PENDING_WARN_MIN`] subscribers and at
/// least [`PENDING_WARN_SHARE_PERCENT`] % of the template's wait for an email.
pub fn pending_warning(pending_email_input: u32, subscribers: u32) -> Option<PendingWarning> {
    let many = pending_email_input >= PENDING_WARN_MIN;
    let share = u64::from(pending_email_input) * 100 >= u64::from(subscribers) * u64::from(PENDING_WARN_SHARE_PERCENT);
    (many && share).then_some(PendingWarning { pending_email_input, subscribers })
}

impl Core {
    /// Every customer template the enterprises or the subscribers name, by
    /// customer name, then provisioning id.
    pub fn broadworks_onboarding(&self) -> Result<Vec<OnboardingCheck>, ApiError> {
        let mut checks: BTreeMap<String, OnboardingCheck> = BTreeMap::new();
        for e in self.store.broadworks_templates()? {
            let check = checks.entry(e.provisioning_id.clone()).or_insert_with(|| empty(&e.provisioning_id));
            check.customer_org_id.get_or_insert(e.customer_org_id);
            if check.customer_name.is_none() {
                check.customer_name = e.customer_name;
            }
            check.sp_enterprise_ids.extend(e.sp_enterprise_id);
        }
        for counts in self.store.broadworks_template_counts()? {
            let check = checks.entry(counts.provisioning_id.clone()).or_insert_with(|| empty(&counts.provisioning_id));
            check.subscribers = counts.subscribers;
            check.pending_email_input = counts.pending_email_input;
        }
        let mut checks: Vec<OnboardingCheck> = checks.into_values().collect();
        for check in &mut checks {
            check.ticks = self.ledger.onboarding_ticks(&check.provisioning_id)?;
            check.warning = pending_warning(check.pending_email_input, check.subscribers);
        }
        checks.sort_by_cached_key(|c| {
            (c.customer_name.is_none(), c.customer_name.as_deref().map(str::to_lowercase), c.provisioning_id.clone())
        });
        Ok(checks)
    }

    /// Ticks or unticks one item, named after the signed-in admin.
    pub async fn broadworks_onboarding_tick(
        &self,
        provisioning_id: &str,
        item: OnboardingItem,
        checked: bool,
    ) -> Result<OnboardingCheck, ApiError> {
        let known = self.broadworks_onboarding()?;
        if !known.iter().any(|c| c.provisioning_id == provisioning_id) {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "No customer template with this provisioning id is in the cache. Refresh the subscribers, then try again.",
            )
            .with_detail(format!("unknown provisioning id {provisioning_id}")));
        }
        let actor = self.signed_in_email().await.unwrap_or_default();
        self.ledger.set_onboarding_tick(provisioning_id, item, checked, crate::store::now_ms(), &actor)?;
        let checks = self.broadworks_onboarding()?;
        Ok(checks.into_iter().find(|c| c.provisioning_id == provisioning_id).expect("found above"))
    }
}

fn empty(provisioning_id: &str) -> OnboardingCheck {
    OnboardingCheck {
        provisioning_id: provisioning_id.to_owned(),
        sp_enterprise_ids: Vec::new(),
        customer_org_id: None,
        customer_name: None,
        ticks: Vec::new(),
        subscribers: 0,
        pending_email_input: 0,
        warning: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b2_many_waiting_for_an_email_warns_a_few_do_not() {
        assert_eq!(pending_warning(4, 4), None, "fewer than five never warn");
        assert!(pending_warning(5, 25).is_some(), "five of 25 is a fifth");
        assert_eq!(pending_warning(5, 26), None, "under a fifth");
        assert_eq!(pending_warning(100, 5000), None, "a few dozen of thousands is normal");
        assert_eq!(pending_warning(0, 0), None);
        let warning = pending_warning(12, 30).unwrap();
        assert_eq!((warning.pending_email_input, warning.subscribers), (12, 30));
    }
}
