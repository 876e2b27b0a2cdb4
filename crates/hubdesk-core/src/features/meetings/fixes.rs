//! The troubleshooter's one-click fix for missing paid types (S1, S2): the
//! whole set to send is worked out here from what Webex holds now, not by
//! the window, so a set changed meanwhile is not overwritten with a stale one.

use hubdesk_api::{ApiError, MeetingsSaved};
use hubdesk_rules::meetings;

use super::set::{hosted_site, offline, refused_offline};
use crate::Core;

impl Core {
    /// Adds the site's missing paid types to the user's set (keeping the
    /// free type if they have it), saves the whole set and reads it back.
    pub async fn meetings_enable_missing(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
    ) -> Result<MeetingsSaved, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await.map_err(refused_offline)?;
        let site_url = hosted_site(&target, site)?;
        let (site_types, user_types) = self.read_site(&client, &target, &site_url).await;
        let (site_types, user_types) = (site_types.map_err(offline)?, user_types.map_err(offline)?);
        let wanted = meetings::set_with_missing(&site_types, &user_types);
        self.save_types(&client, &target, &site_url, &wanted).await
    }
}
