//! The BroadWorks onboarding check (B1, B2): customer templates have no
//! public API, so the admin ticks what they verified in Partner Hub, per
//! provisioning id, and hubdesk remembers it here (not in the cache, which
//! can be thrown away).

use rusqlite::params;

use super::{Ledger, Result};
use hubdesk_api::{OnboardingItem, OnboardingTick};

impl Ledger {
    /// Every item of the template's check, in `OnboardingItem::ALL`'s
    /// order; never ticked ones unchecked.
    pub fn onboarding_ticks(&self, provisioning_id: &str) -> Result<Vec<OnboardingTick>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT item, checked, at_ms, actor FROM onboarding_checks WHERE provisioning_id = ?1")?;
        let stored: Vec<(String, bool, i64, String)> = stmt
            .query_map([provisioning_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(OnboardingItem::ALL
            .into_iter()
            .map(|item| match stored.iter().find(|(name, ..)| name == item.as_str()) {
                Some((_, checked, at, by)) => {
                    OnboardingTick { item, checked: *checked, at_ms: Some(*at), by: Some(by.clone()) }
                }
                None => OnboardingTick { item, checked: false, at_ms: None, by: None },
            })
            .collect())
    }

    pub fn set_onboarding_tick(
        &self,
        provisioning_id: &str,
        item: OnboardingItem,
        checked: bool,
        at_ms: i64,
        actor: &str,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO onboarding_checks (provisioning_id, item, checked, at_ms, actor)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![provisioning_id, item.as_str(), checked, at_ms, actor],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::ledger::temp_ledger;
    use hubdesk_api::OnboardingItem;

    #[test]
    fn b1_b2_ticks_are_remembered_per_template_and_can_be_undone() {
        let (_dir, ledger) = temp_ledger();
        let fresh = ledger.onboarding_ticks("PROV-1").unwrap();
        assert_eq!(fresh.len(), 2);
        assert!(fresh.iter().all(|t| !t.checked && t.at_ms.is_none()));
        ledger.set_onboarding_tick("PROV-1", OnboardingItem::ShareLink, true, 5, "mette@x").unwrap();
        let ticks = ledger.onboarding_ticks("PROV-1").unwrap();
        assert_eq!(ticks[0].item, OnboardingItem::UntrustedEmails);
        assert!(!ticks[0].checked);
        assert!(ticks[1].checked);
        assert_eq!((ticks[1].at_ms, ticks[1].by.as_deref()), (Some(5), Some("mette@x")));
        assert!(ledger.onboarding_ticks("PROV-2").unwrap().iter().all(|t| !t.checked), "per template");
        ledger.set_onboarding_tick("PROV-1", OnboardingItem::ShareLink, false, 6, "mette@x").unwrap();
        assert!(!ledger.onboarding_ticks("PROV-1").unwrap()[1].checked);
    }
}
