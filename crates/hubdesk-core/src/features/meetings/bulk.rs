//! Session types for many users on one site (S1, S2): the preview (who
//! gains and loses which types, each user's set read live, concurrently,
//! through the shared rate gate) and the journal that sends each user's
//! whole set once (`bulk_apply`). Who hosts on the site comes from the
//! org's people listed with their licenses, a thousand a page.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use hubdesk_api::{ApiError, BulkPreview, BulkSkipped, ErrorCode, RunAction, RunSummary, TypesChange};
use hubdesk_rules::meetings::{self, CurrentSet, SessionType};

use super::to_rule_type;
use crate::store::now_ms;
use crate::webex::models::{License, Person};
use crate::webex::{WebexClient, WebexError};
use crate::Core;

/// Sets read at once; the client's own limit and rate gate pace them.
const READS_AT_ONCE: usize = 16;
/// A preview is applied as seen if applied within this long; after that
/// the sets are read again.
const PREVIEW_FRESH: Duration = Duration::from_secs(15 * 60);
/// Previews kept for apply; older ones are dropped.
const KEPT_PREVIEWS: usize = 4;

/// Whom the change is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BulkPeople {
    /// Person ids or emails (the users table's filtered list, a file).
    Listed(Vec<String>),
    /// Everyone with a paid Meetings license on the site.
    AllHosts,
}

/// What a preview was made for: an apply with the same asks gets its plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Ask {
    org_id: String,
    site_url: String,
    people: BulkPeople,
    change: TypesChange,
}

/// Previews kept for `meetings_bulk_apply`, newest last.
#[derive(Default)]
pub struct BulkPreviews(std::sync::Mutex<Vec<(Ask, Instant, BulkPreview)>>);

impl BulkPreviews {
    fn keep(&self, ask: Ask, preview: BulkPreview) {
        let mut kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        kept.retain(|(a, at, _)| *a != ask && at.elapsed() < PREVIEW_FRESH);
        if kept.len() == KEPT_PREVIEWS {
            kept.remove(0);
        }
        kept.push((ask, Instant::now(), preview));
    }

    /// The fresh preview made for `ask`, taken: a second apply reads again.
    fn take(&self, ask: &Ask) -> Option<BulkPreview> {
        let mut kept = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let at = kept.iter().position(|(a, at, _)| a == ask && at.elapsed() < PREVIEW_FRESH)?;
        Some(kept.remove(at).2)
    }
}

fn offline(e: WebexError) -> ApiError {
    match e {
        e @ WebexError::Network { .. } => ApiError::new(
            ErrorCode::Offline,
            "Webex cannot be reached, so the users' session types could not be read and nothing was sent. Try again when you are online.",
        )
        .with_detail(e),
        e => e.into(),
    }
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Who gains and loses which types if `change` is made on `site` for
/// `people` of `org_id`. Sends nothing.
pub async fn preview(
    client: &WebexClient,
    org_id: &str,
    site: &str,
    people: &BulkPeople,
    change: &TypesChange,
) -> Result<BulkPreview, ApiError> {
    if change.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "Say which session types to add or remove. Nothing was changed.",
        ));
    }
    let (licenses, everyone) =
        futures::join!(client.licenses(org_id), client.people_with_licenses(org_id).collect_all());
    let (licenses, everyone) = (licenses.map_err(offline)?, everyone.map_err(offline)?);
    let (site_url, host_licenses) = site_of(&licenses, site)?;
    let site_types: Vec<SessionType> =
        client.site_session_types(&site_url).await.map_err(offline)?.into_iter().map(to_rule_type).collect();
    let resolved = change.resolve(&site_types).map_err(|unknown| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{site_url} offers no session type {unknown}. It offers: {}. Nothing was changed.",
                meetings::type_names(&site_types)
            ),
        )
    })?;
    let hosts = |p: &Person| p.licenses.iter().any(|l| host_licenses.contains(l));
    let (chosen, not_found) = choose(&everyone, people, &hosts);
    let (host_people, others): (Vec<&Person>, Vec<&Person>) = chosen.into_iter().partition(|p| hosts(p));
    let not_hosts = others
        .into_iter()
        .map(|p| skipped(p, format!("No paid Meetings license on {site_url}: session types are a host's.")))
        .collect();
    let host_people: Vec<Person> = host_people.into_iter().cloned().collect();
    let (current, unread) = read_sets(client, &site_url, host_people).await;
    let plan = meetings::plan_bulk(&site_url, &site_types, &resolved, &current);
    Ok(BulkPreview { org_id: org_id.to_owned(), site_url, site_types, plan, not_found, not_hosts, unread })
}

/// The site as the org's licenses spell it, and its host licenses.
fn site_of(licenses: &[License], site: &str) -> Result<(String, HashSet<String>), ApiError> {
    let paid = || licenses.iter().filter(|l| meetings::is_paid_meetings_license(&l.name));
    let on_site: Vec<&License> = paid().filter(|l| l.site_url.as_deref().is_some_and(|s| same(s, site))).collect();
    let Some(first) = on_site.first() else {
        let mut sites: Vec<String> = paid().filter_map(|l| l.site_url.clone()).collect();
        sites.sort();
        sites.dedup();
        let sites = if sites.is_empty() { "none".to_owned() } else { sites.join(", ") };
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{site} is not a Meetings site of this org. Its sites: {sites}. Nothing was changed."),
        ));
    };
    let url = first.site_url.clone().unwrap_or_default();
    Ok((url, on_site.iter().map(|l| l.id.clone()).collect()))
}

/// The people asked for (each once, in the order asked), and the asks that
/// match nobody.
fn choose<'a>(
    everyone: &'a [Person],
    people: &BulkPeople,
    hosts: &dyn Fn(&Person) -> bool,
) -> (Vec<&'a Person>, Vec<String>) {
    let asks = match people {
        BulkPeople::AllHosts => return (everyone.iter().filter(|p| hosts(p)).collect(), vec![]),
        BulkPeople::Listed(asks) => asks,
    };
    let by_id: HashMap<&str, &Person> = everyone.iter().map(|p| (p.id.as_str(), p)).collect();
    let by_email: HashMap<String, &Person> =
        everyone.iter().flat_map(|p| p.emails.iter().map(move |e| (e.to_ascii_lowercase(), p))).collect();
    let (mut chosen, mut seen, mut not_found) = (Vec::new(), HashSet::new(), Vec::new());
    for ask in asks.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        match by_id.get(ask).or_else(|| by_email.get(&ask.to_ascii_lowercase())) {
            Some(p) if seen.insert(p.id.as_str()) => chosen.push(*p),
            Some(_) => {}
            None => not_found.push(ask.to_owned()),
        }
    }
    (chosen, not_found)
}

fn skipped(p: &Person, reason: String) -> BulkSkipped {
    BulkSkipped {
        person_id: p.id.clone(),
        email: p.emails.first().cloned().unwrap_or_default(),
        display_name: p.display_name.clone(),
        reason,
    }
}

/// Each host's set on the site, read concurrently; those that could not be
/// read, with why. Each read owns what it needs (a future that borrows
/// across the stream is not `Send` for every lifetime, which the window's
/// command runner needs).
async fn read_sets(client: &WebexClient, site_url: &str, hosts: Vec<Person>) -> (Vec<CurrentSet>, Vec<BulkSkipped>) {
    let reads = stream::iter(hosts)
        .map(|p| {
            let (client, site_url) = (client.clone(), site_url.to_owned());
            async move {
                let read = client.user_session_types(&p.id, &site_url).await;
                (p, read)
            }
        })
        .buffered(READS_AT_ONCE)
        .collect::<Vec<_>>()
        .await;
    let (mut current, mut unread) = (Vec::new(), Vec::new());
    for (p, read) in reads {
        match read {
            Ok(types) => current.push(CurrentSet {
                person_id: p.id.clone(),
                email: p.emails.first().cloned().unwrap_or_default(),
                display_name: p.display_name.clone(),
                current: types.into_iter().map(|t| t.id).collect(),
            }),
            Err(e) => unread.push(skipped(&p, ApiError::from(e).message)),
        }
    }
    (current, unread)
}

/// The audit line of one user's change: the whole set and its difference.
pub(crate) fn summary_line(c: &hubdesk_api::UserTypesChange) -> String {
    let diff: Vec<String> =
        c.gains.iter().map(|id| format!("+{id}")).chain(c.loses.iter().map(|id| format!("−{id}"))).collect();
    format!("session types on {}: {} ({})", c.site_url, c.after.join(","), diff.join(" "))
}

impl Core {
    /// What `change` would do on `site` for `people` of `org_id` (default:
    /// the admin's own org); kept for an apply with the same asks.
    pub async fn meetings_bulk_preview(
        &self,
        org_id: Option<&str>,
        site: &str,
        people: BulkPeople,
        change: &TypesChange,
    ) -> Result<BulkPreview, ApiError> {
        let client = self.client().await?;
        let org_id = match org_id {
            Some(org) => org.to_owned(),
            None => self.home_org_id().await?,
        };
        let preview = preview(&client, &org_id, site, &people, change).await?;
        let ask = Ask { org_id, site_url: preview.site_url.to_ascii_lowercase(), people, change: change.clone() };
        self.bulk_previews.keep(ask, preview.clone());
        Ok(preview)
    }

    /// Journals one entry per user whose set changes, from the preview made
    /// for the same asks if it is fresh, else from a new one. Sends nothing
    /// (`run_apply` does); `None` when nobody's set changes. Refused offline.
    pub async fn meetings_bulk_journal(
        &self,
        org_id: Option<&str>,
        site: &str,
        people: BulkPeople,
        change: &TypesChange,
    ) -> Result<Option<RunSummary>, ApiError> {
        self.require_online().await?;
        let org_id = match org_id {
            Some(org) => org.to_owned(),
            None => self.home_org_id().await?,
        };
        let ask =
            Ask { org_id: org_id.clone(), site_url: site.trim().to_ascii_lowercase(), people, change: change.clone() };
        let preview = match self.bulk_previews.take(&ask) {
            Some(preview) => preview,
            None => preview(&self.client().await?, &org_id, site, &ask.people, change).await?,
        };
        let changes = preview.plan.changes;
        if changes.is_empty() {
            return Ok(None);
        }
        let actor = self.signed_in_email().await?;
        let action = RunAction::MeetingsTypesSet { site_url: preview.site_url, users: changes.len() as u32 };
        Ok(Some(self.ledger.create_types_run(&org_id, &action, &actor, &changes, now_ms())?))
    }
}
