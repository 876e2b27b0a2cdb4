//! The BroadWorks status view's read side (rules B3, B5; B1, B2 for the
//! onboarding check): the cache's query (filters, counts that act as
//! chips, search, customer mapping, order), the refresh against the
//! simulator over HTTP, the CSV export, the onboarding check.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use hubdesk_api::{ApiError, ErrorCode, Event, OnboardingItem, SubscriberPackage, SubscriberQuery, SubscriberStatus};
use hubdesk_core::commands::{dispatch, Caller};
use hubdesk_core::host::Host;
use hubdesk_core::store::Store;
use hubdesk_core::webex::models::{Enterprise, Organization, Subscriber, SubscriberError};
use hubdesk_core::webex::{StaticToken, WebexClient};
use hubdesk_core::{Core, CoreFiles};
use serde_json::json;
use webex_sim::{self as sim, SimConfig};

use crate::support::private_vault;

const PARTNER: &str = "partner";

fn subscriber(id: &str, first: &str, last: &str, status: SubscriberStatus, minute: u32) -> Subscriber {
    Subscriber {
        id: id.into(),
        person_id: None,
        user_id: Some(format!("{}.{}@bw.example", first.to_lowercase(), id.to_lowercase())),
        sp_enterprise_id: Some("SP+fjord".into()),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: Some(format!("{}@fjordby.example", first.to_lowercase())),
        primary_phone_number: Some(format!("+45 21 00 {minute:02} 00")),
        mobile_phone_number: None,
        extension: None,
        package: Some("basic".into()),
        status: status.as_str().into(),
        errors: Vec::new(),
        last_status_change: Some(format!("2025-03-01T10:{minute:02}:00.000Z")),
        provisioning_id: Some("PROV-FJORD".into()),
    }
}

fn in_customer(mut s: Subscriber, enterprise: &str, template: &str) -> Subscriber {
    s.sp_enterprise_id = Some(enterprise.into());
    s.provisioning_id = Some(template.into());
    s
}

fn org(id: &str, name: &str) -> Organization {
    Organization { id: id.into(), display_name: name.into(), created: None }
}

fn enterprise(id: &str, org_id: &str, sp: &str, template: &str) -> Enterprise {
    Enterprise {
        id: id.into(),
        org_id: org_id.into(),
        sp_enterprise_id: Some(sp.into()),
        provisioning_id: Some(template.into()),
    }
}

/// Two customers and an unmapped enterprise; every status.
fn seeded(store: &Store) {
    use SubscriberStatus::*;
    store
        .replace_orgs(
            PARTNER,
            &[org(PARTNER, "Nordlys"), org("fjord", "Fjordby Logistik"), org("boul", "Boulangeries")],
        )
        .unwrap();
    store
        .replace_enterprises(
            PARTNER,
            &[enterprise("E1", "fjord", "SP+fjord", "PROV-FJORD"), enterprise("E2", "boul", "SP+boul", "PROV-BOUL")],
        )
        .unwrap();
    let mut søren = subscriber("S1", "Søren", "Ødegård", Error, 1);
    søren.errors = vec![SubscriberError {
        error_code: Some(10022),
        description: Some("The BroadWorks UserID is already associated with an existing user.".into()),
    }];
    let mut zoe = in_customer(subscriber("S2", "Zoé", "Lefèvre", PendingEmailInput, 2), "SP+boul", "PROV-BOUL");
    zoe.package = Some("premium".into());
    let subscribers = vec![
        søren,
        zoe,
        subscriber("S3", "Åsa", "Björk", PendingEmailValidation, 3),
        subscriber("S4", "Lars", "Holm", PendingUserMigration, 4),
        subscriber("S5", "Mette", "Kjær", Provisioning, 5),
        subscriber("S6", "Oliver", "Hughes", Updating, 6),
        subscriber("S7", "Ingrid", "Berg", Provisioned, 7),
        in_customer(subscriber("S8", "Karin", "Lund", Provisioned, 8), "SP+boul", "PROV-BOUL"),
        // An enterprise no customer has (yet): unmapped.
        in_customer(subscriber("S9", "Jean", "Martin", Error, 9), "SP+new", "PROV-NEW"),
    ];
    store.store_subscribers(PARTNER, &subscribers, true, 1).unwrap();
}

fn ids(store: &Store, query: &SubscriberQuery) -> Vec<String> {
    store.broadworks_subscribers(query).unwrap().rows.into_iter().map(|r| r.id).collect()
}

fn count_of(page: &hubdesk_api::SubscriberPage, status: SubscriberStatus) -> u32 {
    page.counts.iter().find(|c| c.status == status).unwrap().count
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).unwrap();
    (dir, store)
}

#[test]
fn b5_the_view_excludes_provisioned_by_default_newest_change_first_and_counts_every_status() {
    let (_dir, store) = temp_store();
    seeded(&store);
    let page = store.broadworks_subscribers(&SubscriberQuery::default()).unwrap();
    let shown: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(shown, ["S9", "S6", "S5", "S4", "S3", "S2", "S1"], "B5: no provisioned ones, newest change first");
    assert_eq!(page.total, 7);
    // The chips count every status, provisioned too (what clicking it shows).
    assert_eq!(count_of(&page, SubscriberStatus::Provisioned), 2);
    assert_eq!(count_of(&page, SubscriberStatus::Error), 2);
    assert_eq!(page.counts.iter().map(|c| c.count).sum::<u32>(), 9);
    assert_eq!(page.counts[0].status, SubscriberStatus::Error, "the ones that need the admin first");

    let everyone = SubscriberQuery { exclude_provisioned: false, ..Default::default() };
    assert_eq!(store.broadworks_subscribers(&everyone).unwrap().total, 9);
    // A window of the view.
    let window = SubscriberQuery { exclude_provisioned: false, offset: 2, limit: 3, ..Default::default() };
    assert_eq!(ids(&store, &window), ["S7", "S6", "S5"]);
    assert_eq!(store.broadworks_subscribers(&window).unwrap().total, 9, "the total is the whole view's");
    let huge = SubscriberQuery { limit: 1_000_000, ..Default::default() };
    assert_eq!(store.broadworks_subscribers(&huge).unwrap().rows.len(), 7, "bounded, still every row here");
}

#[test]
fn b3_filters_by_several_statuses_customer_and_package_with_counts_for_the_chips() {
    let (_dir, store) = temp_store();
    seeded(&store);
    use SubscriberStatus::*;
    let stuck = SubscriberQuery { statuses: vec![Error, PendingEmailInput], ..Default::default() };
    let page = store.broadworks_subscribers(&stuck).unwrap();
    assert_eq!(page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["S9", "S2", "S1"]);
    assert_eq!(page.total, 3);
    assert_eq!(count_of(&page, Updating), 1, "counts ignore the status filter: they are the chips");

    let fjord = SubscriberQuery { customer_org_id: Some("fjord".into()), ..Default::default() };
    let page = store.broadworks_subscribers(&fjord).unwrap();
    assert_eq!(page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["S6", "S5", "S4", "S3", "S1"]);
    assert_eq!(count_of(&page, Provisioned), 1, "counts follow the customer filter");
    assert_eq!(count_of(&page, PendingEmailInput), 0);

    let premium = SubscriberQuery { package: Some(SubscriberPackage::Premium), ..Default::default() };
    assert_eq!(ids(&store, &premium), ["S2"]);
    let provisioned_only =
        SubscriberQuery { statuses: vec![Provisioned], exclude_provisioned: false, ..Default::default() };
    assert_eq!(ids(&store, &provisioned_only), ["S8", "S7"]);
    let excluded = SubscriberQuery { statuses: vec![Provisioned], ..Default::default() };
    assert_eq!(
        store.broadworks_subscribers(&excluded).unwrap().total,
        0,
        "B5: the toggle excludes them even when chosen"
    );
}

#[test]
fn b3_search_finds_user_id_name_email_and_number_prefixes() {
    let (_dir, store) = temp_store();
    seeded(&store);
    let search = |text: &str| {
        ids(&store, &SubscriberQuery { text: text.into(), exclude_provisioned: false, ..Default::default() })
    };
    assert_eq!(search("SØREN"), ["S1"]);
    assert_eq!(search("ødeg"), ["S1"]);
    assert_eq!(search("bjork"), ["S3"], "diacritics folded");
    assert_eq!(search("søren.s1@bw"), ["S1"], "the user id");
    assert_eq!(search("zoe@fjord"), ["S2"], "the email");
    assert_eq!(search("lef zo"), ["S2"], "every word a prefix, in any order");
    assert_eq!(search("+45 21 00 03"), ["S3"], "a number typed with spaces");
    assert_eq!(search("4521000"), ["S9", "S8", "S7", "S6", "S5", "S4", "S3", "S2", "S1"]);
    assert!(search("nobody").is_empty());
    assert!(search("\u{E000}bs0").is_empty(), "a filter word is never found by typing");
    assert_eq!(search("  ").len(), 9, "blank is everyone");
    // Counts follow the text.
    let page = store.broadworks_subscribers(&SubscriberQuery { text: "søren".into(), ..Default::default() }).unwrap();
    assert_eq!((count_of(&page, SubscriberStatus::Error), page.total), (1, 1));
}

#[test]
fn b3_each_subscriber_maps_to_its_customer_and_unmapped_ones_say_so() {
    let (_dir, store) = temp_store();
    seeded(&store);
    let rows = store
        .broadworks_subscribers(&SubscriberQuery { exclude_provisioned: false, ..Default::default() })
        .unwrap()
        .rows;
    let by_id = |id: &str| rows.iter().find(|r| r.id == id).unwrap().clone();
    assert_eq!(by_id("S1").customer_name.as_deref(), Some("Fjordby Logistik"));
    assert_eq!(by_id("S2").customer_org_id.as_deref(), Some("boul"));
    let unmapped = by_id("S9");
    assert_eq!((unmapped.customer_org_id, unmapped.customer_name), (None, None));
    assert_eq!(by_id("S1").errors[0].code, Some(10022), "B3: the error text with its code");
    let options = store.broadworks_options().unwrap();
    let customers: Vec<(&str, u32)> = options.customers.iter().map(|c| (c.name.as_str(), c.subscribers)).collect();
    assert_eq!(customers, [("Boulangeries", 2), ("Fjordby Logistik", 6)]);
    assert_eq!(options.unmapped, 1);
    assert!(options.refreshed_ms.is_some());

    // The enterprise arrives later (a new customer): mapped on the spot,
    // by provisioning id when the spEnterpriseId is unknown, in place.
    let mut enterprises =
        vec![enterprise("E1", "fjord", "SP+fjord", "PROV-FJORD"), enterprise("E2", "boul", "SP+boul", "PROV-BOUL")];
    enterprises.push(enterprise("E3", "boul", "SP+other", "PROV-NEW"));
    store.replace_enterprises(PARTNER, &enterprises).unwrap();
    let query = SubscriberQuery { customer_org_id: Some("boul".into()), ..Default::default() };
    assert_eq!(ids(&store, &query), ["S9", "S2"], "the row kept its place");
    assert_eq!(store.broadworks_options().unwrap().unmapped, 0);
    let unmapped = SubscriberQuery { text: "jean".into(), ..Default::default() };
    assert_eq!(store.broadworks_subscribers(&unmapped).unwrap().rows[0].customer_name.as_deref(), Some("Boulangeries"));
}

#[test]
fn b3_a_changed_subscriber_moves_to_the_top_and_is_found_by_its_new_status_only() {
    let (_dir, store) = temp_store();
    seeded(&store);
    let mut retried = subscriber("S1", "Søren", "Ødegård", SubscriberStatus::Provisioning, 30);
    retried.email = Some("soren@new.example".into());
    store.store_subscribers(PARTNER, &[retried], false, 2).unwrap();
    let page = store.broadworks_subscribers(&SubscriberQuery::default()).unwrap();
    assert_eq!(page.rows[0].id, "S1", "newest change first");
    assert_eq!(page.total, 7, "merged, not added");
    assert_eq!(count_of(&page, SubscriberStatus::Error), 1, "the old status's word is gone from the index");
    assert_eq!(count_of(&page, SubscriberStatus::Provisioning), 2);
    let search = |text: &str| ids(&store, &SubscriberQuery { text: text.into(), ..Default::default() });
    assert_eq!(search("soren@new"), ["S1"]);
    assert!(search("soren@fjordby").is_empty(), "the old email's words are gone");
}

/// `files` Host for the export command: a save dialog that answers a path.
struct SaveTo(Mutex<Option<PathBuf>>);

impl Host for SaveTo {
    fn emit(&self, _event: Event) {}
    fn open_in_browser(&self, _url: String) -> BoxFuture<'static, Result<(), ApiError>> {
        Box::pin(async { Ok(()) })
    }
    fn open_folder(&self, _path: PathBuf) -> BoxFuture<'static, Result<(), ApiError>> {
        Box::pin(async { Ok(()) })
    }
    fn choose_save_path(&self, _suggested: PathBuf) -> BoxFuture<'static, Option<PathBuf>> {
        let answer = self.0.lock().unwrap().clone();
        Box::pin(async move { answer })
    }
    fn choose_open_path(&self) -> BoxFuture<'static, Option<PathBuf>> {
        Box::pin(async { None })
    }
}

fn open_core(dir: &std::path::Path) -> Core {
    Core::open(&CoreFiles::in_data_dir(dir), private_vault()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn b5_the_export_writes_the_view_with_its_error_text_and_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(open_core(&dir.path().join("data")));
    seeded(&core.store);
    let mut evil = subscriber("S10", "=cmd|' /C calc'!A0", "Eve", SubscriberStatus::Error, 40);
    evil.user_id = Some("+1 555 0100".into());
    evil.errors = vec![SubscriberError { error_code: Some(10500), description: Some("@SUM(1)".into()) }];
    core.store.store_subscribers(PARTNER, &[evil], false, 3).unwrap();

    let chosen = dir.path().join("subscribers.csv");
    let caller = Caller::new(core.clone(), Arc::new(SaveTo(Mutex::new(Some(chosen.clone())))));
    let query = json!({ "query": { "text": "", "statuses": ["error"] } });
    let saved = dispatch(&caller, "broadworks_export", query.clone()).await.unwrap();
    assert_eq!(saved, json!(chosen.display().to_string()).to_string());
    let text = std::fs::read_to_string(&chosen).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Customer,BroadWorks User ID,Name,Email,Phone Number,Package,Status,Last Status Change,Error Codes,Error Text"
    );
    assert_eq!(lines.len(), 4, "the header and the three in error, not the whole cache: {text}");
    assert!(lines[1].contains(",'=cmd|"), "a formula is written as text: {}", lines[1]);
    assert!(lines[1].contains(",+1 555 0100,"), "a phone number is kept as it is: {}", lines[1]);
    assert!(lines[1].contains("10500: @SUM(1)") && !lines[1].contains(",@SUM"), "{}", lines[1]);
    assert!(lines[2].starts_with("No customer found for enterprise SP+new,"), "unmapped says so: {}", lines[2]);
    assert!(lines[3].contains("10022: The BroadWorks UserID is already associated"), "{}", lines[3]);

    let cancelled = Caller::new(core.clone(), Arc::new(SaveTo(Mutex::new(None))));
    assert_eq!(dispatch(&cancelled, "broadworks_export", query).await.unwrap(), "null");
}

#[tokio::test(flavor = "multi_thread")]
async fn b1_b2_the_onboarding_check_remembers_ticks_and_warns_on_many_pending_email_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let core = open_core(&data);
        seeded(&core.store);
        let waiting: Vec<Subscriber> = (0..5)
            .map(|i| {
                let s = subscriber(&format!("W{i}"), "Wait", "Ing", SubscriberStatus::PendingEmailInput, 50 + i);
                in_customer(s, "SP+boul", "PROV-BOUL")
            })
            .collect();
        core.store.store_subscribers(PARTNER, &waiting, false, 3).unwrap();
        let checks = core.broadworks_onboarding().unwrap();
        let templates: Vec<&str> = checks.iter().map(|c| c.provisioning_id.as_str()).collect();
        assert_eq!(templates, ["PROV-BOUL", "PROV-FJORD", "PROV-NEW"], "by customer name, unmapped last");
        let boul = &checks[0];
        assert_eq!((boul.subscribers, boul.pending_email_input), (7, 6));
        assert!(boul.warning.is_some(), "six of seven wait for an email: the share link (B2)");
        assert_eq!(checks[1].warning, None, "Fjordby has none waiting");
        assert_eq!(checks[2].customer_org_id, None);
        assert!(boul.ticks.iter().all(|t| !t.checked));

        let ticked = core.broadworks_onboarding_tick("PROV-BOUL", OnboardingItem::ShareLink, true).await.unwrap();
        assert!(ticked.ticks.iter().any(|t| t.item == OnboardingItem::ShareLink && t.checked));
        let unknown = core.broadworks_onboarding_tick("PROV-NONE", OnboardingItem::ShareLink, true).await;
        assert_eq!(unknown.unwrap_err().code, ErrorCode::NotFound);
    }
    // Remembered in the ledger: a new cache still has the tick.
    std::fs::remove_file(data.join("cache.sqlite")).unwrap();
    let core = open_core(&data);
    seeded(&core.store);
    let checks = core.broadworks_onboarding().unwrap();
    let boul = checks.iter().find(|c| c.provisioning_id == "PROV-BOUL").unwrap();
    assert!(boul.ticks.iter().any(|t| t.item == OnboardingItem::ShareLink && t.checked));
    assert!(boul.ticks.iter().any(|t| t.item == OnboardingItem::UntrustedEmails && !t.checked));
}

/// Against the simulator over HTTP: the first refresh brings every
/// subscriber with its customer; the next only those changed since.
#[tokio::test(flavor = "multi_thread")]
async fn b3_a_refresh_brings_only_what_changed_since_the_last_one() {
    let server = sim::start(SimConfig { people: 900, customers: 2, ..SimConfig::default() }).await.unwrap();
    let (token, home) = crate::support::token(&server, "partner_full_admin", None).await;
    let client = WebexClient::new(&server.base_url(), Arc::new(StaticToken(token.clone())));
    let (_dir, store) = temp_store();
    hubdesk_core::sync::sync_organizations(&client, &store, &home).await.unwrap();
    let cancel = tokio_util::sync::CancellationToken::new();
    let refresh = |enterprises| {
        let (client, store, home, cancel) = (client.clone(), store.clone(), home.clone(), cancel.clone());
        async move {
            hubdesk_core::sync::refresh_subscribers(&client, &store, &home, 0, enterprises, &|_| {}, &cancel)
                .await
                .unwrap()
        }
    };
    let first = refresh(true).await;
    let served = client.subscribers(None).collect_all().await.unwrap();
    assert!(first.whole && first.subscribers as usize == served.len(), "{first:?}");
    assert_eq!(first.enterprises, Some(2), "one enterprise per customer");
    let everyone = SubscriberQuery { exclude_provisioned: false, limit: 500, ..Default::default() };
    let page = store.broadworks_subscribers(&everyone).unwrap();
    assert_eq!(page.total as usize, served.len());
    assert!(page.rows.iter().all(|r| r.customer_name.is_some()), "every subscriber maps to a named customer");
    for status in SubscriberStatus::ALL {
        assert!(count_of(&page, status) > 0, "the demo tenant has subscribers {status:?}");
    }

    // Change one provisioned subscriber's package: it goes `updating`.
    let target = served.iter().find(|s| s.status == "provisioned").unwrap();
    let url = format!("{}/broadworks/subscribers/{}", server.base_url(), target.id);
    let reply = webex_sim::client::call(reqwest::Method::PUT, &url, &token, Some(json!({ "package": "premium" })))
        .await
        .unwrap();
    assert!(reply.status.is_success(), "{}: {}", reply.status, reply.body);
    let since = store.subscribers_synced_at(&home).unwrap().unwrap() - 5 * 60 * 1000;
    let expected = client.subscribers(Some(&hubdesk_core::store::rfc3339(since))).collect_all().await.unwrap();
    let second = refresh(false).await;
    assert!(!second.whole);
    assert_eq!(second.enterprises, None);
    assert_eq!(second.subscribers as usize, expected.len(), "only what changed since the last refresh");
    assert!((second.subscribers as usize) < served.len());
    let query = SubscriberQuery { statuses: vec![SubscriberStatus::Updating], ..everyone.clone() };
    assert!(store.broadworks_subscribers(&query).unwrap().rows.iter().any(|r| r.id == target.id));
    assert_eq!(store.broadworks_subscribers(&everyone).unwrap().total as usize, served.len(), "merged");
}

/// The window's refresh: signed in to the demo tenant, the first one
/// fetches everything with the enterprises, the next only what changed
/// and keeps the enterprises it has (fresh, every subscriber mapped).
#[tokio::test(flavor = "multi_thread")]
async fn b3_the_refresh_command_says_how_many_rows_it_brought() {
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(crate::support::open_core(dir.path(), private_vault()));
    let caller = Caller::new(core.clone(), Arc::new(SaveTo(Mutex::new(None))));
    let offline = dispatch(&caller, "broadworks_refresh", json!({})).await.unwrap_err();
    assert_eq!(offline.code, ErrorCode::NotSignedIn, "{offline:?}");
    dispatch(&caller, "sign_in_demo", json!({})).await.unwrap();
    let first: hubdesk_api::BroadworksRefresh =
        serde_json::from_str(&dispatch(&caller, "broadworks_refresh", json!({})).await.unwrap()).unwrap();
    assert!(first.whole && first.brought > 0 && first.enterprises.is_some(), "{first:?}");
    let page =
        core.broadworks_subscribers(&SubscriberQuery { exclude_provisioned: false, ..Default::default() }).unwrap();
    assert_eq!(page.total, first.brought);
    for status in SubscriberStatus::ALL {
        assert!(count_of(&page, status) > 0, "the demo tenant has subscribers {status:?}");
    }
    let second = core.broadworks_refresh().await.unwrap();
    assert!(!second.whole && second.enterprises.is_none(), "{second:?}");
    assert!(second.brought < first.brought, "only what changed: {second:?}");
}
