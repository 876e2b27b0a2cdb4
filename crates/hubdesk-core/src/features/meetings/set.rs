//! Saving a user's session types on one site (S2: the PUT replaces the
//! whole set), reading them back (S5: was it saved where intended?), and
//! the forced refresh (S5: off, save, on, save). Each PUT is sent once and
//! written to the audit log with its tracking id; offline, nothing is sent.

use hubdesk_api::{ApiError, EntryState, ErrorCode, MeetingsRole, MeetingsSaved};
use hubdesk_rules::meetings::{self, SaveCheck, SessionType};

use super::{not_on_site, to_rule_type, Target};
use crate::webex::{WebexClient, WebexError};
use crate::Core;

const NOTHING_SAVED: &str = "Webex cannot be reached, so nothing was saved. Try again when you are online.";

pub(super) fn offline(e: WebexError) -> ApiError {
    match e {
        e @ WebexError::Network { .. } => ApiError::new(ErrorCode::Offline, NOTHING_SAVED).with_detail(e),
        e => e.into(),
    }
}

/// A write whose first reads found Webex unreachable: refused as offline
/// (writes are never queued), nothing sent.
pub(super) fn refused_offline(e: ApiError) -> ApiError {
    match e.code {
        ErrorCode::Network => {
            let detail = e.detail.clone().unwrap_or_else(|| e.message.clone());
            ApiError::new(ErrorCode::Offline, NOTHING_SAVED).with_detail(detail)
        }
        _ => e,
    }
}

impl Core {
    /// Replaces the user's set on `site` with `types` (ids or short names)
    /// and says what Webex holds afterwards.
    pub async fn meetings_set(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
        types: &[String],
    ) -> Result<MeetingsSaved, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await.map_err(refused_offline)?;
        let site_url = hosted_site(&target, site)?;
        let mut site_types = self.site_types(&client, &target.org_id, &site_url).await.map_err(offline)?;
        let mut ids = meetings::resolve_types(&site_types, types);
        if ids.is_err() {
            // The cache may predate a type the site has gained since the last sync.
            site_types = self.live_site_types(&client, &site_url).await.map_err(offline)?;
            ids = meetings::resolve_types(&site_types, types);
        }
        let ids = ids.map_err(|unknown| {
            let offered = meetings::type_names(&site_types);
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("{site_url} offers no session type {unknown}. It offers: {offered}. Nothing was changed."),
            )
        })?;
        self.save_types(&client, &target, &site_url, &ids).await
    }

    /// S5: the paid types off, save, back on (with any missing ones), save;
    /// both answers are returned.
    pub async fn meetings_force_refresh(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: &str,
    ) -> Result<Vec<MeetingsSaved>, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await.map_err(refused_offline)?;
        let site_url = hosted_site(&target, site)?;
        let (site_types, user_types) = self.read_site(&client, &target, &site_url).await;
        let (site_types, user_types) = (site_types.map_err(offline)?, user_types.map_err(offline)?);
        let off: Vec<String> = user_types.iter().filter(|t| meetings::is_free(t)).map(|t| t.id.clone()).collect();
        let on = meetings::set_with_missing(&site_types, &user_types);
        let first = self.save_types(&client, &target, &site_url, &off).await?;
        let second = self.save_types(&client, &target, &site_url, &on).await?;
        Ok(vec![first, second])
    }

    /// One PUT with its own tracking id, the read-back, and the audit entry.
    pub(crate) async fn save_types(
        &self,
        client: &WebexClient,
        target: &Target,
        site_url: &str,
        ids: &[String],
    ) -> Result<MeetingsSaved, ApiError> {
        let actor = self.signed_in_email().await?;
        let tracking_id = format!("HUBDESK_{}", uuid::Uuid::new_v4());
        client.put_user_session_types(&target.person.id, site_url, ids, &tracking_id).await.map_err(offline)?;
        let summary = format!("session types on {site_url}: {}", ids.join(","));
        self.ledger.record_person_change(
            &target.org_id,
            &actor,
            &target.person.id,
            &target.email,
            &summary,
            EntryState::Done,
            &tracking_id,
            crate::store::now_ms(),
        )?;
        // Read again rather than trust the PUT's echo (S5).
        let held: Vec<SessionType> = client
            .user_session_types(&target.person.id, site_url)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .map(to_rule_type)
            .collect();
        let read_back: Vec<String> = held.iter().map(|t| t.id.clone()).collect();
        Ok(MeetingsSaved { check: SaveCheck::new(site_url, ids, &read_back), held, tracking_id })
    }
}

/// The site as the user's sites spell it, if they host there: session
/// types are a host's (Webex refuses them to anyone else).
pub(super) fn hosted_site(target: &Target, site: &str) -> Result<String, ApiError> {
    let on =
        target.sites.iter().find(|s| s.site_url.eq_ignore_ascii_case(site)).ok_or_else(|| not_on_site(target, site))?;
    match on.role {
        MeetingsRole::Host { .. } => Ok(on.site_url.clone()),
        _ => Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} has no paid Meetings license on {}, so session types cannot be set there. Nothing was changed.",
                target.email, on.site_url
            ),
        )),
    }
}
