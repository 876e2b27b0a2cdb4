//! The troubleshooter for one user (S1–S5, T16): the checks of every
//! candidate site run together, so the verdict takes at most three round
//! trips (find the person; person, licenses and sites; each site's types,
//! unless the cache has them, and the user's set).

use hubdesk_api::{ApiError, Diagnosis, ErrorCode, MeetingsRole, SaveCheck};
use hubdesk_rules::meetings::{self, role_on, Facts, SessionType};

use super::Target;
use crate::Core;

impl Core {
    /// Diagnoses `site`, or else the user's sites and the org's first site,
    /// the first with a failing check first. `last_save` is the troubleshooter's
    /// last save, read back (S5).
    pub async fn meetings_diagnose(
        &self,
        org_id: Option<&str>,
        person: &str,
        site: Option<&str>,
        last_save: Option<&SaveCheck>,
    ) -> Result<Diagnosis, ApiError> {
        let client = self.client().await?;
        let target = self.meetings_target(&client, org_id, person).await?;
        let candidates = candidates(&target, site)?;
        let reads = candidates.iter().map(|url| {
            let hosts = matches!(role_on(&target.facts, url), MeetingsRole::Host { .. });
            let (client, target) = (&client, &target);
            async move {
                match hosts {
                    true => Some(self.read_site(client, target, url).await),
                    false => None,
                }
            }
        });
        let reads = futures::future::join_all(reads).await;
        let diagnoses: Vec<Diagnosis> = candidates
            .iter()
            .zip(reads)
            .map(|(url, read)| {
                let (site_types, user_types): (Option<Vec<SessionType>>, Option<Vec<SessionType>>) = match read {
                    Some((s, u)) => (s.ok(), u.ok()),
                    None => (None, None),
                };
                meetings::diagnose(Facts {
                    person: &target.facts,
                    site_url: url,
                    site_types: site_types.as_deref(),
                    user_types: user_types.as_deref(),
                    last_save,
                })
            })
            .collect();
        let first_failing = diagnoses.iter().position(|d| !d.passes()).unwrap_or(0);
        let mut diagnosis = diagnoses.into_iter().nth(first_failing).expect("there is always a candidate");
        diagnosis.sites = every_site(&target);
        Ok(diagnosis)
    }
}

/// The user's sites, then the org's sites, each once.
fn every_site(target: &Target) -> Vec<String> {
    let known = target.sites.iter().map(|s| s.site_url.clone()).chain(target.org_sites.iter().cloned());
    let mut all: Vec<String> = Vec::new();
    for url in known {
        if !all.iter().any(|s| s.eq_ignore_ascii_case(&url)) {
            all.push(url);
        }
    }
    all
}

/// The sites to look at: the one asked for (a site of the org or of the
/// user), or the user's sites then the org's first site, where a paid user
/// expects to schedule.
fn candidates(target: &Target, site: Option<&str>) -> Result<Vec<String>, ApiError> {
    let all = every_site(target);
    match site {
        Some(url) => match all.iter().find(|s| s.eq_ignore_ascii_case(url)) {
            Some(found) => Ok(vec![found.clone()]),
            None => Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("{url} is not a Meetings site of this org. Its sites: {}.", target.org_sites.join(", ")),
            )),
        },
        None => {
            let mut chosen: Vec<String> = target.sites.iter().map(|s| s.site_url.clone()).collect();
            if let Some(first) = target.org_sites.first().filter(|f| !chosen.iter().any(|s| s.eq_ignore_ascii_case(f)))
            {
                chosen.push(first.clone());
            }
            match chosen.is_empty() {
                true => Err(ApiError::new(ErrorCode::NotFound, "This org has no Meetings site.")),
                false => Ok(chosen),
            }
        }
    }
}
