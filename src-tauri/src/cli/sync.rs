//! `hubdesk sync`: the sync engine without a window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use tokio_util::sync::CancellationToken;

use crate::api::{SyncPhase, SyncProgress};
use crate::auth::{stored_access_token, Vault};
use crate::ledger::Ledger;
use crate::ops::templates::journal_enforcement;
use crate::store::Store;
use crate::webex::{StaticToken, WebexClient, WEBEX_API_BASE};

#[derive(clap::Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["org", "all"]))]
pub struct SyncArgs {
    /// API base URL, e.g. http://127.0.0.1:8787/v1 for `hubdesk sim`.
    #[arg(long, default_value = WEBEX_API_BASE)]
    pub api: String,
    /// Sync this org (its id as Webex gives it).
    #[arg(long)]
    pub org: Option<String>,
    /// Sync every org the token manages.
    #[arg(long)]
    pub all: bool,
    /// The SQLite cache to write (created if missing).
    #[arg(long)]
    pub db: PathBuf,
}

pub async fn run(args: SyncArgs) -> anyhow::Result<()> {
    let token = token()?;
    let client = WebexClient::new(&args.api, Arc::new(StaticToken(token)));
    let store = Store::open(&args.db)?;
    let me = client.me().await.context("the token was not accepted")?;
    let orgs = crate::sync::sync_organizations(&client, &store, &me.org_id).await?;
    let ids: Vec<String> = match &args.org {
        Some(org) => vec![org.clone()],
        None => orgs.iter().map(|o| o.id.clone()).collect(),
    };
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("cancelling; the previous cache is kept");
            on_ctrl_c.cancel();
        }
    });
    let started = std::time::Instant::now();
    crate::sync::sync_orgs(&client, &store, &me.org_id, &ids, &print_progress, &cancel).await?;
    for org in store.org_summaries()?.iter().filter(|o| ids.contains(&o.id)) {
        println!("{}\t{}\t{} people", org.id, org.display_name, org.people_count);
    }
    eprintln!("synced {} org(s) in {:.1} s", ids.len(), started.elapsed().as_secs_f64());
    enforce_templates(&client, &store, &args.db, &ids, me.primary_email()).await
}

/// Templates are enforced by hubdesk when it syncs: new and moved people
/// get theirs (when the cache has a ledger with templates beside it).
async fn enforce_templates(
    client: &WebexClient,
    store: &Store,
    db: &Path,
    ids: &[String],
    actor: &str,
) -> anyhow::Result<()> {
    let path = Ledger::path_beside(db);
    if !path.exists() {
        return Ok(());
    }
    let ledger = Ledger::open(&path)?;
    for org in ids {
        if let Some(run) = journal_enforcement(store, &ledger, org, actor)? {
            eprintln!("{org}: templates for {} new or moved user(s)", run.total);
            let summary = super::templates::send(client, store, &ledger, &run.run_id).await?;
            eprintln!("{org}: {} applied, {} partly, {} failed", summary.succeeded, summary.partial, summary.failed);
        }
    }
    Ok(())
}

/// `HUBDESK_TOKEN`, else the token the app keeps in the keyring.
pub(super) fn token() -> anyhow::Result<String> {
    if let Ok(token) = std::env::var("HUBDESK_TOKEN") {
        return Ok(token);
    }
    match stored_access_token(&Vault::from_env())? {
        Some(token) => Ok(token),
        None => bail!("no token: sign in with the app first, or set HUBDESK_TOKEN"),
    }
}

fn print_progress(p: SyncProgress) {
    let resource = p.resource.as_str();
    match p.phase {
        SyncPhase::Running => {}
        SyncPhase::Done => eprintln!("{} {resource}: {} items in {} pages", p.org_id, p.items, p.pages),
        SyncPhase::Failed => {
            eprintln!("{} {resource}: failed: {}", p.org_id, p.error.map(|e| e.message).unwrap_or_default())
        }
        SyncPhase::Cancelled => eprintln!("{} {resource}: cancelled", p.org_id),
    }
}
